// What a key-event alert says, built when it is sent from the blog and post as they stand then:
// the blog's title, the post's headline (or its first words), and the post's permalink. The
// reader's service worker (reader/assets/alerts-sw.js) shows it and opens the link on a click.

import type { Blog } from "../core/blog.js";
import type { Post } from "../core/post.js";
import { postLabel } from "../reader/excerpt.js";
import { absoluteUrl, postPath } from "../reader/urls.js";

export interface AlertMessage {
  title: string;
  body: string;
  /** Absolute when PUBLIC_URL is set; else the path, which the worker resolves on its own origin. */
  url: string;
  /** The post's id: a second alert for it replaces the first on the reader's screen. */
  tag: string;
}

export function alertMessage(blog: Blog, post: Post, publicUrl: string | undefined): AlertMessage {
  const path = postPath(blog.slug, post.id);
  return {
    title: blog.title,
    body: postLabel(post, 160),
    url: publicUrl ? absoluteUrl(publicUrl, path) : path,
    tag: post.id,
  };
}
