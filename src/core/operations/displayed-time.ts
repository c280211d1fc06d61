// A post's displayed time: when readers are told it was published, and where it stands in
// the stream. Editors may move it (a field report written offline, a corrected time) but only
// inside the blog's coverage: not before the blog began, not in the future, and not after a
// closed blog closed, so no post ever appears outside the story it belongs to.

import type { Blog } from "../blog.js";
import { DomainError, validationError } from "../errors.js";
import { ensure } from "../permissions.js";
import type { PostStatus } from "../post.js";
import type { Actor } from "../user.js";

/** The checked displayed time (ISO, UTC) an editor asked for. */
export function displayedTime(
  actor: Actor,
  blog: Blog,
  status: PostStatus,
  requested: string,
  now: Date,
): string {
  ensure(actor, "post.setTime", "publishedAt");
  if (status !== "published") {
    throw validationError(
      "publishedAt",
      "Only a published post has a displayed time; give a scheduled post publishAt instead",
    );
  }
  const time = new Date(requested);
  const start = new Date(blog.createdAt);
  const end = blog.closedAt ? new Date(blog.closedAt) : now;
  if (time < start || time > end) {
    const until = blog.closedAt ? `it closed (${blog.closedAt})` : "now";
    throw new DomainError(
      "published_at_out_of_range",
      `A post's time must fall within the blog's coverage: from its start (${blog.createdAt}) until ${until}`,
      { field: "publishedAt" },
    );
  }
  return time.toISOString();
}
