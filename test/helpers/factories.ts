// Fixture factories: valid domain objects with unique ids, slugs and emails, so tests sharing
// one database never collide. Pass overrides for what a test is about; leave the rest.

import type { Blog } from "../../src/core/blog.js";
import { newId } from "../../src/core/ids.js";
import type { Post } from "../../src/core/post.js";
import type { ApiToken, NewsroomUser } from "../../src/core/user.js";

export function makeUser(overrides: Partial<NewsroomUser> = {}): NewsroomUser {
  const id = overrides.id ?? newId();
  return {
    id,
    email: `reporter-${id}@newsroom.example`,
    name: "Ada Reporter",
    role: "reporter",
    passwordHash: null,
    createdAt: new Date().toISOString(),
    ...overrides,
  };
}

export function makeToken(
  user: Pick<NewsroomUser, "id">,
  overrides: Partial<ApiToken> = {},
): ApiToken {
  const id = overrides.id ?? newId();
  return {
    id,
    userId: user.id,
    label: "script",
    tokenHash: `hash-${id}`,
    createdAt: new Date().toISOString(),
    revokedAt: null,
    ...overrides,
  };
}

export function makeBlog(overrides: Partial<Blog> = {}): Blog {
  const id = overrides.id ?? newId();
  const now = new Date().toISOString();
  return {
    id,
    slug: `storm-${id}`,
    title: "Storm Ciarán makes landfall",
    summary: "Live updates as the storm crosses the coast",
    intro: [{ type: "paragraph", text: "Winds of up to **90mph** are expected." }],
    hero: {
      src: "https://images.example/storm.jpg",
      alt: "Waves over the harbour wall",
      caption: "Porthleven this morning",
      credit: "Agency",
    },
    sourceNote: "Reporting by the newsroom and [Agency](https://agency.example)",
    status: "live",
    reporterMode: "publish",
    language: "en-GB",
    timezone: "Europe/London",
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    lastChangeAt: null,
    ...overrides,
  };
}

/** A published post by `author` in `blog`; published at its creation time unless overridden. */
export function makePost(
  blog: Pick<Blog, "id">,
  author: Pick<NewsroomUser, "id" | "name">,
  overrides: Partial<Post> = {},
): Post {
  const createdAt = overrides.createdAt ?? new Date().toISOString();
  return {
    id: newId(),
    blogId: blog.id,
    title: "",
    blocks: [
      { type: "paragraph", text: "The sea wall at *Porthleven* has been breached." },
      { type: "list", ordered: false, items: ["Roads closed", "Trains cancelled"] },
    ],
    html: "<p>The sea wall at <em>Porthleven</em> has been breached.</p>",
    authorId: author.id,
    authorName: author.name,
    pinned: false,
    keyEvent: false,
    status: "published",
    publishAt: null,
    publishedAt: createdAt,
    createdAt,
    updatedAt: createdAt,
    deletedAt: null,
    version: 1,
    bylines: [],
    ...overrides,
  };
}
