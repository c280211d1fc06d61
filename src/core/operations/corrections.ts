// A post's public version history, and the legal takedown: the one removal that leaves no
// words behind. Deleting a post (posts.ts) keeps its row, words and versions for the desk; a
// takedown also empties the row's words and deletes the post's versions, in the same
// transaction, while the audit log keeps who took it down, when and why (and its title, for
// the newsroom's own record: the audit log is never public), with the uploaded images that
// went with the post. A post deleted first can still be taken down: that is how the words a
// delete kept are erased. A follower erases its copy of a post its source removed the same way
// (syndicate.ts): those words were never its newsroom's.

import type { Blog } from "../blog.js";
import { type PostVersion, sameSource, TakedownInput, versionOf } from "../corrections.js";
import type { DeskDeletion } from "../desk.js";
import { DomainError } from "../errors.js";
import { ensure } from "../permissions.js";
import type { MediaStore, Newsroom, Store } from "../ports.js";
import type { Post } from "../post.js";
import type { Actor } from "../user.js";
import { parseInput } from "../validation.js";
import { type ChangeRecorder, commitChanges } from "./commit.js";
import { announce, conflict, deletion } from "./post-changes.js";
import { getBlog, getPost } from "./read.js";
import { removeUnsharedUploads } from "./takedown-media.js";

export interface PostHistory {
  post: Post;
  /** Newest first: the words the post showed before each change after publishing. */
  versions: PostVersion[];
}

/** A published post and its earlier public words; post_not_found for anything unpublished. */
export async function getPostHistory(
  newsroom: Pick<Newsroom, "store">,
  blog: Blog,
  postId: string,
): Promise<PostHistory> {
  const post = await getPost(newsroom, blog, postId, true);
  return { post, versions: await newsroom.store.listPostVersions(blog.id, post.id) };
}

/**
 * A published post withdrawn (made a draft, scheduled or sent for approval): the words readers
 * last saw become its newest version, replaced at the withdrawal, so its history stays whole
 * if it is published again.
 */
export async function withdrawWords(
  tx: Store,
  current: Post,
  versionId: string,
  at: string,
): Promise<void> {
  await tx.insertPostVersion(versionOf(current, versionId, at, undefined));
}

/**
 * A post going public: if it was public before, its newest version holds the words it showed
 * when withdrawn. The same words again: that version goes, nothing changed for readers. Other
 * words: true, and the caller tells readers it was updated (the version stays in its history).
 */
export async function republishWords(tx: Store, next: Post): Promise<boolean> {
  const [withdrawn] = await tx.listPostVersions(next.blogId, next.id);
  if (!withdrawn) return false;
  const same =
    withdrawn.title === next.title &&
    (withdrawn.html === next.html ||
      JSON.stringify(withdrawn.blocks) === JSON.stringify(next.blocks)) &&
    sameSource(withdrawn.source, next.source ?? null);
  if (same) await tx.deletePostVersion(next.blogId, withdrawn.id);
  return !same;
}

export async function takedownPost(
  newsroom: Newsroom,
  actor: Actor,
  slug: string,
  postId: string,
  input: unknown,
  /** Where uploads are kept: the post's images no one else shows leave it. */
  media?: MediaStore,
): Promise<void> {
  ensure(actor, "post.takedown");
  const { reason } = parseInput(TakedownInput, input);
  await commitChanges(newsroom, async (recorder) => {
    const { tx } = recorder;
    const blog = await getBlog({ store: tx }, slug);
    const current = await findWithWords(tx, blog, postId);
    const by = { by: { id: actor.id, name: actor.name }, at: recorder.at };
    const erased = await eraseWords(recorder, current, by, media);
    if (!erased) throw conflict(await findWithWords(tx, blog, postId));
    await recorder.audit(actor, "post.takedown", {
      blogId: blog.id,
      postId,
      detail: { title: current.title, reason, ...erased },
    });
  });
}

export interface ErasedWords {
  /** How many earlier versions were deleted. */
  versions: number;
  /** The public paths of the uploaded images removed with the post (every variant). */
  media?: string[];
}

/**
 * Erases every word of `current` in the recorder's transaction, as a takedown does: the row
 * emptied and marked deleted, its versions deleted, its changes made bare deletes (and so its
 * search entries, tags and cards gone with the words), and, given the media store, the
 * uploads no one else shows (takedown-media.ts). Readers are told it is gone; the caller
 * writes the audit entry. Null when the post changed meanwhile (a stale version).
 */
export async function eraseWords(
  recorder: ChangeRecorder,
  current: Post,
  deletedBy: DeskDeletion,
  media?: MediaStore,
): Promise<ErasedWords | null> {
  const { tx, at } = recorder;
  const { blogId, id } = current;
  const shown = [current.blocks, ...(await tx.listPostVersions(blogId, id)).map((v) => v.blocks)];
  const removed: Post = {
    ...current,
    title: "",
    blocks: [],
    html: "",
    // Every word an editor typed goes, the source line, verification note and tags too.
    source: null,
    verification: null,
    tags: [],
    returnNote: null,
    contentUpdatedAt: null,
    correction: null,
    deletedAt: at,
    updatedAt: at,
    version: current.version + 1,
  };
  if (!(await tx.updatePost(removed, current.version))) return null;
  const versions = await tx.deletePostVersions(blogId, id);
  await tx.forgetPostWords(blogId, id);
  const paths = media ? await removeUnsharedUploads(tx, media, shown, at) : [];
  await announce(recorder, current, removed, deletedBy, paths);
  // A post deleted earlier left the public surfaces then; it is announced gone once more, so
  // caches are purged again and partners' webhooks told, whatever became of the first time.
  if (current.deletedAt && current.status === "published") {
    await recorder.record(blogId, deletion(id, paths));
  }
  return paths.length > 0 ? { versions, media: paths } : { versions };
}

/**
 * The post, deleted or not, while it still has words to erase: one already taken down (no
 * blocks left, which no saved post has) is not found.
 */
async function findWithWords(tx: Store, blog: Blog, postId: string): Promise<Post> {
  const post = await tx.findPostAnywhere(postId);
  if (!post || post.blogId !== blog.id || (post.deletedAt && post.blocks.length === 0)) {
    throw new DomainError("post_not_found", `No post ${postId} in this blog`);
  }
  return post;
}
