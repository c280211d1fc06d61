// The approval queue: in a blog that needs approval, reporters' posts wait as submissions
// until an editor approves them (they go out, or are scheduled if their time is still ahead)
// or returns them to the author as a draft, with a note.

import { z } from "zod";
import { DomainError } from "../errors.js";
import { ensure } from "../permissions.js";
import type { Newsroom } from "../ports.js";
import type { Post } from "../post.js";
import { text } from "../text.js";
import type { Actor } from "../user.js";
import { parseInput } from "../validation.js";
import { commitChanges } from "./commit.js";
import { republishWords } from "./corrections.js";
import { announce, conflict, ensureOpen, findOrFail, unpinOthers } from "./post-changes.js";
import { getBlog } from "./read.js";

const Decision = z
  .object({
    version: z.number().int().positive().optional(),
    note: text().trim().max(1000).optional(),
  })
  .strict();

export function approvePost(
  newsroom: Newsroom,
  actor: Actor,
  slug: string,
  postId: string,
  input: unknown,
) {
  return decide(newsroom, actor, slug, postId, input, "approve");
}

export function returnPost(
  newsroom: Newsroom,
  actor: Actor,
  slug: string,
  postId: string,
  input: unknown,
) {
  return decide(newsroom, actor, slug, postId, input, "return");
}

async function decide(
  newsroom: Newsroom,
  actor: Actor,
  slug: string,
  postId: string,
  input: unknown,
  decision: "approve" | "return",
): Promise<Post> {
  ensure(actor, "post.approve");
  const { version, note } = parseInput(Decision, input ?? {});
  return commitChanges(newsroom, async (recorder) => {
    const { tx } = recorder;
    const blog = await getBlog({ store: tx }, slug);
    const current = await findOrFail(tx, blog, postId);
    if (version !== undefined && version !== current.version) throw conflict(current);
    if (current.status !== "submitted") {
      throw new DomainError("not_submitted", "This post is not waiting for approval", {
        field: "status",
      });
    }
    const now = newsroom.clock.now();
    const at = now.toISOString();
    const scheduled = current.publishAt !== null && Date.parse(current.publishAt) > now.getTime();
    const next: Post = { ...current, updatedAt: at, version: current.version + 1 };
    if (decision === "return") {
      const returnNote = { note: note ?? "", by: { id: actor.id, name: actor.name }, at };
      Object.assign(next, { status: "draft", publishAt: null, publishedAt: null, returnNote });
    } else if (scheduled) {
      Object.assign(next, { status: "scheduled", returnNote: null });
    } else {
      ensureOpen(blog);
      Object.assign(next, {
        status: "published",
        publishAt: null,
        publishedAt: at,
        returnNote: null,
      });
      // Public before and withdrawn for approval: readers are told if its words changed.
      if (await republishWords(tx, next)) next.contentUpdatedAt = at;
    }
    if (!(await tx.updatePost(next, current.version)))
      throw conflict(await findOrFail(tx, blog, postId));
    if (next.status === "published" && next.pinned) await unpinOthers(newsroom, recorder, next);
    await announce(recorder, current, next);
    await recorder.audit(actor, decision === "approve" ? "post.approve" : "post.return", {
      blogId: blog.id,
      postId,
      ...(note ? { detail: { note } } : {}),
    });
    return next;
  });
}
