// What the app remembers on this device to open in the field with no connection: who was
// signed in (name and role only; the session itself is the server's cookie) and the blogs last
// opened, so the desk and its composer come up and the outbox can be seen and added to.

const PREFIX = "dispatch-newsroom:";

export function remember(key: string, value: unknown): void {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Storage full or refused: the app works as before, just not offline.
  }
}

export function recall<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export function forget(key: string): void {
  try {
    localStorage.removeItem(PREFIX + key);
  } catch {
    // Nothing to forget.
  }
}
