// Runs a change in one transaction and, once it has committed, sends what it logged to every
// node. Broadcasting after commit means no one ever sees a change that was rolled back; a
// broadcast that fails is recovered by readers from the change log. Audit entries are written
// inside the transaction, so the log of who did what never disagrees with the content.

import type { AuditAction } from "../audit.js";
import type { Change, ChangeBody } from "../change.js";
import type { DeskEvent } from "../desk.js";
import { newId } from "../ids.js";
import type { Newsroom, Store } from "../ports.js";
import type { Actor } from "../user.js";

export interface AuditTarget {
  blogId?: string;
  postId?: string;
  detail?: Record<string, unknown>;
}

export interface ChangeRecorder {
  tx: Store;
  /** The time of everything this transaction records (its changes and audit entries). */
  at: string;
  /** Logs a change to the blog's public state; it is broadcast after commit. */
  record(blogId: string, body: ChangeBody): Promise<Change>;
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
    return work({
      tx,
      at,
      record: async (blogId, body) => {
        const change = await tx.appendChange(blogId, at, body);
        changes.push(change);
        return change;
      },
      desk: (event) => {
        deskEvents.push(event);
      },
      audit: (actor, action, target = {}) => tx.insertAudit(auditEntry(at, actor, action, target)),
    });
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
