// Field mode for the whole app: the one outbox on this device (posts waiting to be sent) and
// whether we are online (words not yet on the server are kept by local-drafts.ts). The
// outbox is read from IndexedDB at start, so what was queued before a reload still goes out,
// but only once the person who queued it is signed in again: the session a send rides on
// decides the byline (and whether it needs approval), so a post must never go out under
// whoever happens to be signed in on this device next.

import { useEffect, useState } from "preact/hooks";
import { ApiError, NetworkError } from "../api/client";
import { posts } from "../api/newsroom";
import type { Post, PostBody } from "../api/types";
import { t } from "../i18n/messages";
import { keyValueStore } from "./idb";
import { byOwner, Outbox, type OutboxItem, type Owned, type SendOutcome } from "./outbox";

export async function sendQueued(item: OutboxItem): Promise<SendOutcome> {
  try {
    if (item.kind === "create") await posts.create(item.slug, item.body as PostBody, item.key);
    else
      await posts.update(item.slug, item.postId ?? "", {
        ...(item.body as PostBody),
        ...(item.version ? { version: item.version } : {}),
      });
    return { status: "sent" };
  } catch (error) {
    if (error instanceof NetworkError) return { status: "retry", message: error.message };
    if (!(error instanceof ApiError)) return { status: "retry", message: String(error) };
    if (error.status === 401 || error.code === "csrf_failed") return { status: "signed-out" };
    if (error.status === 408 || error.status === 429 || error.status >= 500)
      return { status: "retry", message: error.message };
    if (error.code === "version_conflict" && alreadyApplied(item, error.body))
      return { status: "sent" };
    return {
      status: "refused",
      message:
        error.code === "version_conflict" ? t("fieldMode.changedWhileOffline") : error.message,
    };
  }
}

/** A lost answer to our own PATCH shows up as a conflict with exactly our change in it. */
function alreadyApplied(item: OutboxItem, body: unknown): boolean {
  const current = (body as { post?: Post } | null)?.post;
  const sent = item.body as PostBody;
  if (!current || current.version !== (item.version ?? 0) + 1) return false;
  return (
    JSON.stringify(current.blocks) === JSON.stringify(sent.blocks) &&
    current.title === (sent.title ?? current.title)
  );
}

const listeners = new Set<(items: readonly OutboxItem[]) => void>();

export const outbox = new Outbox({
  store: keyValueStore<OutboxItem>("outbox"),
  send: sendQueued,
  exclusive: (work) =>
    navigator.locks ? navigator.locks.request("dispatch-newsroom-outbox", work) : work(),
  onChange: (items) => {
    for (const listener of listeners) listener(items);
  },
});

let started = false;
/** The person the server confirmed signed in, whose queued posts may go out; null: nobody. */
let sender: string | null = null;

/** Reads the queue left on this device; sending waits for a session (see signedInForOutbox). */
export function startFieldMode(): void {
  if (started) return;
  started = true;
  void outbox.load().then(() => {
    if (sender) void outbox.flush();
  });
  addEventListener("online", () => {
    if (sender) void outbox.flush();
  });
  // Another tab may have sent or queued: a look when this one comes back to the front.
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden && sender) void outbox.load().then(() => outbox.flush());
  });
}

/**
 * Who may send now: the confirmed person's id, or null while signed out (or while the server
 * would refuse them, as with a temporary password). Another tab signing someone else in does
 * not fool this one: the CSRF token it holds is the old session's, so its sends are refused.
 */
export function signedInForOutbox(userId: string | null): void {
  sender = userId;
  void outbox.sendFor(userId);
}

/** This device's queue as the person signed in as `userId` sees it. */
export function useOwnOutbox(userId: string): Owned<OutboxItem> {
  return byOwner(useOutbox(), userId);
}

export function useOutbox(): readonly OutboxItem[] {
  const [items, setItems] = useState(outbox.waiting);
  useEffect(() => {
    listeners.add(setItems);
    setItems(outbox.waiting);
    return () => {
      listeners.delete(setItems);
    };
  }, []);
  return items;
}

export function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    addEventListener("online", on);
    addEventListener("offline", off);
    return () => {
      removeEventListener("online", on);
      removeEventListener("offline", off);
    };
  }, []);
  return online;
}

export function waitingText(count: number): string {
  return t("fieldMode.waitingToSend", { count });
}
