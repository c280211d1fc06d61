// The body of a delivery, built when each attempt is sent from the blog and post as they stand
// then, never from a copy kept in the queue: words deleted, corrected or unpublished since the
// news was made are never sent. A post no longer published (or a `post.deleted`) is sent as
// its id alone; `figures.updated` carries the key figures box as it stands. The JSON is the
// API's own, through the presenters main.ts hands in.

import type { Blog } from "../core/blog.js";
import type { BoxFigure } from "../core/figures.js";
import { figuresBox } from "../core/operations/figures.js";
import type { Store } from "../core/ports.js";
import type { Post } from "../core/post.js";
import type { WebhookDelivery } from "../core/webhooks.js";

export interface WebhookPresenters {
  blog(blog: Blog): unknown;
  post(post: Post): unknown;
  /** The key figures box, as `GET …/figures` answers it. */
  figures(box: BoxFigure[]): unknown;
}

export async function deliveryBody(
  store: Store,
  present: WebhookPresenters,
  delivery: WebhookDelivery,
): Promise<string> {
  const blog = await store.findBlogById(delivery.blogId);
  const data: Record<string, unknown> = { blog: blog ? present.blog(blog) : null };
  if (delivery.postId !== null) {
    const post =
      delivery.type === "post.deleted" || !blog
        ? undefined
        : await store.findPost(blog.id, delivery.postId);
    data.post = post && post.status === "published" ? present.post(post) : { id: delivery.postId };
  }
  if (delivery.type === "figures.updated" && blog) {
    data.figures = present.figures(await figuresBox(store, blog.id));
  }
  return JSON.stringify({ type: delivery.type, timestamp: delivery.createdAt, data });
}
