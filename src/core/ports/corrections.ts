// What the core asks of the store about a post's public history (core/corrections.ts).

import type { PostVersion } from "../corrections.js";

/** A post's earlier public words and a takedown's forgetting of them. */
export interface CorrectionStore {
  /** Keeps the words a published post showed before a change (core/corrections.ts). */
  insertPostVersion(version: PostVersion): Promise<void>;
  /** A post's earlier public words, newest first. */
  listPostVersions(blogId: string, postId: string): Promise<PostVersion[]>;
  /** Deletes one version: words a post showed when withdrawn, published again unchanged. */
  deletePostVersion(blogId: string, versionId: string): Promise<void>;
  /** Deletes a post's whole history (a legal takedown); returns how many versions went. */
  deletePostVersions(blogId: string, postId: string): Promise<number>;
  /**
   * Empties the words of every change about the post (a takedown): each becomes the delete
   * the latest one already is, so no replay, export or backup of the change log keeps them.
   */
  forgetPostWords(blogId: string, postId: string): Promise<void>;
}
