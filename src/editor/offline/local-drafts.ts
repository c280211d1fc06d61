// Words kept on this device until the server has them. Every change is written at once and
// synchronously to localStorage, so a reload, a closed tab or a crashed page a moment after a
// keystroke keeps it; the copy then goes on to IndexedDB (roomier, where field mode keeps its
// outbox), and the quick copy is dropped once IndexedDB holds exactly it. Reading merges both.
// Each copy names who wrote it: only they are offered it back; others see that it is kept.

import type { BylineChoice, PostStatus } from "../api/types";
import type { Attribution } from "../composer/attribution-fields";
import { keyValueStore } from "./idb";

export interface LocalDraft {
  /**
   * `${userId}|${slug}|${postId}`, or `${userId}|${slug}|new:${publishKey}` for a post not yet
   * on the server (copies kept before owners were recorded lack the `${userId}|`).
   */
  key: string;
  /** Who wrote it; absent on copies kept before this was recorded (see blog-desk.tsx). */
  userId?: string;
  slug: string;
  postId?: string;
  version?: number;
  /** What the post was on the server when this copy was made (absent: a new post). */
  status?: PostStatus;
  title: string;
  doc: unknown;
  pinned: boolean;
  keyEvent: boolean;
  /** The bylines chosen, when not simply the writer. */
  bylines?: BylineChoice[];
  /** The source and verification fields, when changed. */
  attribution?: Attribution;
  /** The tags, when changed. */
  tags?: string[];
  savedAt: string;
}

const QUICK = "dispatch-newsroom:draft:";
const stored = keyValueStore<LocalDraft>("drafts");

/** Per key, the newest value still to reach IndexedDB (null: delete it there). */
const pending = new Map<string, LocalDraft | null>();
const copying = new Map<string, Promise<void>>();
const listeners = new Set<() => void>();
const known = new Set<string>();

function quickCopies(): LocalDraft[] {
  const out: LocalDraft[] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const name = localStorage.key(i);
      if (!name?.startsWith(QUICK)) continue;
      const raw = localStorage.getItem(name);
      if (raw) out.push(JSON.parse(raw) as LocalDraft);
    }
  } catch {
    // Unreadable storage: IndexedDB still has what reached it.
  }
  return out;
}

/** Copies the newest value of `key` to IndexedDB, one write at a time per key. */
function copy(key: string): Promise<void> {
  const running = copying.get(key);
  if (running) return running;
  const run = (async () => {
    while (pending.has(key)) {
      const value = pending.get(key) ?? null;
      pending.delete(key);
      try {
        if (!value) await stored.delete(key);
        else {
          await stored.put(value);
          const raw = JSON.stringify(value);
          if (localStorage.getItem(QUICK + key) === raw) localStorage.removeItem(QUICK + key);
        }
      } catch {
        // The quick copy stays; the next change or a reload tries again.
      }
    }
  })().finally(() => {
    copying.delete(key);
    if (pending.has(key)) void copy(key);
  });
  copying.set(key, run);
  return run;
}

function notify(): void {
  for (const listener of listeners) listener();
}

export const localDrafts = {
  /** Keeps a copy now; false if this device could not keep it (storage full or refused). */
  keep(draft: LocalDraft): boolean {
    let kept = false;
    try {
      localStorage.setItem(QUICK + draft.key, JSON.stringify(draft));
      kept = true;
    } catch {
      // Falls back to IndexedDB alone, which the page may not live long enough to reach.
    }
    pending.set(draft.key, draft);
    void copy(draft.key);
    if (!known.has(draft.key)) {
      known.add(draft.key);
      notify();
    }
    return kept;
  },

  /** Every copy on this device, the newest of each post. */
  async all(): Promise<LocalDraft[]> {
    const newest = new Map<string, LocalDraft>();
    const add = (draft: LocalDraft) => {
      const seen = newest.get(draft.key);
      if (!seen || seen.savedAt <= draft.savedAt) newest.set(draft.key, draft);
    };
    for (const draft of await stored.all().catch(() => [])) add(draft);
    for (const draft of quickCopies()) add(draft);
    for (const value of pending.values()) if (value) add(value);
    return [...newest.values()].filter((draft) => pending.get(draft.key) !== null);
  },

  async delete(key: string): Promise<void> {
    try {
      localStorage.removeItem(QUICK + key);
    } catch {
      // Nothing kept there.
    }
    pending.set(key, null);
    known.delete(key);
    notify();
    await copy(key);
  },

  /** Called when a copy appears or goes; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
