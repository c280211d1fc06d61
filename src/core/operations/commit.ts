// Runs a change in one transaction and, once it has committed, sends what it logged to every
// node. Broadcasting after commit means no one ever sees a change that was rolled back; a
// broadcast that fails is recovered by readers from the change log. Audit entries are written
// inside the transaction, so the log of who did what never disagrees with the content; so are
// the webhook deliveries each change's news queues, so nothing committed goes unannounced,
// and so is the readers' alert for a post that became a key event (once per post, ever).

import { alertsReaders } from "../alerts.js";
import type { AuditAction } from "../audit.js";
import type { Change, ChangeBody } from "../change.js";
import type { DeskEvent } from "../desk.js";
import { newId } from "../ids.js";
import { linksToUnfurl } from "../link-cards.js";
import type { Newsroom, Store } from "../ports.js";
import type { Actor } from "../user.js";
import type { WebhookEventType, WebhookNews } from "../webhooks.js";

export interface AuditTarget {
  blogId?: string;
  postId?: string;
  detail?: Record<string, unknown>;
}

export interface ChangeRecorder {
  tx: Store;
  /** The time of everything this transaction records (its changes and audit entries). */
  at: string;
  /**
   * Logs a change to the blog's public state; it is broadcast after commit, and its news
   * (`news`, or what the change says by itself: see newsOf) queued for webhooks.
   */
  record(blogId: string, body: ChangeBody, news?: WebhookEventType): Promise<Change>;
  /** A newsroom-only event, sent after commit. */
  desk(event: DeskEvent): void;
  /** Who did what; `null` actor for the system (the scheduler). */
  audit(actor: Actor | null, action: AuditAction, target?: AuditTarget): Promise<void>;
}

export async function commitChanges<T>(
  newsroom: Newsroom,
  work: (recorder: ChangeRecorder) => Promise<T>,
): Promise<T> {
  const changes: Change[] = [];
  const deskEvents: DeskEvent[] = [];
  const result = await newsroom.store.transaction(async (tx) => {
    const at = newsroom.clock.now().toISOString();
    const news: WebhookNews[] = [];
    const keyEvents: { blogId: string; postId: string }[] = [];
    const done = await work({
      tx,
      at,
      record: async (blogId, body, type) => {
        const change = await tx.appendChange(blogId, at, body);
        changes.push(change);
        const made = newsOf(blogId, body, type);
        if (made) news.push(made);
        if (body.kind === "post" && alertsReaders(body.post)) {
          keyEvents.push({ blogId, postId: body.post.id });
        }
        return change;
      },
      desk: (event) => {
        deskEvents.push(event);
      },
      audit: (actor, action, target = {}) => tx.insertAudit(auditEntry(at, actor, action, target)),
    });
    await tx.enqueueWebhookNews(news, at);
    await tx.queueAlerts(keyEvents, at);
    return done;
  });
  for (const change of changes) {
    await newsroom.broadcaster.publish(change).catch(() => {
      // Readers detect the gap by sequence and read the change from the log.
    });
  }
  for (const event of deskEvents) {
    await newsroom.broadcaster.publishDesk(event).catch(() => {
      // Desk clients re-read their lists when they reconnect.
    });
  }
  // Whatever published or edited a post with a link that has no card yet, this process reads
  // the card in the background once the post is committed (see link-cards.ts).
  if (newsroom.linkCards) {
    for (const change of changes) {
      if (change.kind !== "post") continue;
      const urls = linksToUnfurl(change.post);
      if (urls.length) newsroom.linkCards.unfurl(change.post, urls);
    }
  }
  return result;
}

export function auditEntry(
  at: string,
  actor: Actor | null,
  action: AuditAction,
  target: AuditTarget = {},
) {
  return {
    id: newId(Date.parse(at)),
    at,
    actorId: actor?.id ?? null,
    actorName: actor?.name ?? "Dispatch",
    action,
    blogId: target.blogId ?? null,
    postId: target.postId ?? null,
    detail: target.detail ?? null,
  };
}

/** The news a change makes: what the operation said, or else what the change is by itself. */
function newsOf(blogId: string, body: ChangeBody, type?: WebhookEventType): WebhookNews | null {
  switch (body.kind) {
    case "post":
      return { type: type ?? "post.updated", blogId, postId: body.post.id };
    case "delete":
      return { type: "post.deleted", blogId, postId: body.postId };
    case "blog":
      return { type: type ?? "blog.updated", blogId, postId: null };
    case "figures":
      // The whole box as it stands when sent (webhooks/payload.ts), like the `figures` event.
      return { type: "figures.updated", blogId, postId: null };
    case "poll":
      // Votes are readers' traffic, not the newsroom's news: no webhook for each count.
      return null;
    case "comment":
    case "comment-removal":
      // Readers' comments are theirs, not the newsroom's coverage.
      return null;
  }
}
