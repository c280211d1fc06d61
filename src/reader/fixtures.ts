// Test fixtures for the reader's unit tests: blogs and posts built as plain objects, with the
// body rendered by the real block renderer. Move to test/helpers once shared factories exist.

import type { Blog } from "../core/blog.js";
import type { Block } from "../core/content/blocks.js";
import { renderBlocks } from "../core/content/render.js";
import type { Post } from "../core/post.js";

export function makeBlog(overrides: Partial<Blog> = {}): Blog {
  return {
    id: "blog1",
    slug: "storm-live",
    title: "Storm Ada: live updates",
    summary: "Gales and flooding across the north.",
    intro: [{ type: "paragraph", text: "Storm Ada made landfall **overnight**." }],
    hero: null,
    sourceNote:
      "Reporting by the newsroom; additional reporting by [Agency](https://agency.example).",
    status: "live",
    reporterMode: "publish",
    language: "en-GB",
    timezone: "Europe/Berlin",
    createdAt: "2026-11-25T08:00:00.000Z",
    updatedAt: "2026-11-25T08:00:00.000Z",
    closedAt: null,
    lastChangeAt: null,
    ...overrides,
  };
}

let counter = 0;

export function makePost(overrides: Partial<Omit<Post, "html">> & { publishedAt: string }): Post {
  counter++;
  const blocks: Block[] = overrides.blocks ?? [
    { type: "paragraph", text: `Update number ${counter} with *emphasis*.` },
  ];
  return {
    id: `p${String(counter).padStart(4, "0")}`,
    blogId: "blog1",
    title: `Update ${counter}`,
    authorId: "u1",
    authorName: "Ana Reporter",
    bylines: [],
    pinned: false,
    keyEvent: false,
    status: "published",
    publishAt: null,
    createdAt: overrides.publishedAt,
    updatedAt: overrides.publishedAt,
    deletedAt: null,
    version: 1,
    ...overrides,
    blocks,
    html: renderBlocks(blocks),
  };
}
