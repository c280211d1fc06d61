// So many actions per address per window, counted in memory on this node (a fixed window:
// simple, and a burst at a window's edge gets at most twice the limit). Enough to keep one
// address from stuffing a poll by clearing cookies; several nodes each count their own.

export class AddressLimit {
  readonly #max: number;
  readonly #windowMs: number;
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(max: number, windowMs: number) {
    this.#max = max;
    this.#windowMs = windowMs;
  }

  /** Counts one action; 0 when allowed, else how many milliseconds until the next is. */
  take(address: string, now: number): number {
    let window = this.#windows.get(address);
    if (!window || now - window.start >= this.#windowMs) {
      // Forget ended windows now and then, so the map holds only recent addresses.
      if (this.#windows.size > 10_000) this.#prune(now);
      window = { start: now, count: 0 };
      this.#windows.set(address, window);
    }
    if (window.count >= this.#max) return window.start + this.#windowMs - now;
    window.count += 1;
    return 0;
  }

  #prune(now: number): void {
    for (const [address, window] of this.#windows) {
      if (now - window.start >= this.#windowMs) this.#windows.delete(address);
    }
  }
}
