// Migration 0016 on both backends: coverage written before images carried sizes (blocks
// without width and height, HTML without them) gets the media library's sizes and HTML in
// which every <img> has a width and a height; a deleted post and an image-less one are left
// as they were, and running it again changes nothing.

import { describe, expect, it } from "vitest";
import type { MediaItem } from "../../src/core/media.js";
import { imageSizes } from "../../src/store/migrations/0016-image-sizes.js";
import { makeBlog, makePost, makeUser } from "../helpers/factories.js";
import { MIGRATION_BACKENDS } from "../helpers/migration-backends.js";

const media = (id: string, width: number, height: number): MediaItem => ({
  id,
  src: `/media/u/${id}/1600.jpg`,
  width,
  height,
  fileName: "",
  uploaderId: null,
  uploaderName: "Ada",
  createdAt: "2026-11-01T00:00:00.000Z",
  updatedAt: "2026-11-01T00:00:00.000Z",
  alt: "",
  caption: "",
  credit: "",
});

describe.each(MIGRATION_BACKENDS)("migration 0016 on %s", (_name, backend) => {
  it("sizes uploaded images and renders every <img> with a width and a height", async () => {
    const db = await backend();
    try {
      const store = await db.open();
      await store.migrate();
      const author = makeUser();
      await store.insertUser(author);
      await store.insertMedia(media("abc123", 1600, 1067));
      await store.insertMedia(media("old456", 0, 0));
      const blog = makeBlog({
        hero: { src: "/media/u/abc123/1600.jpg", alt: "Hero" },
        intro: [{ type: "image", src: "/media/u/abc123/960.jpg", alt: "Lead" }],
      });
      await store.insertBlog(blog);
      const blocks = [
        { type: "image" as const, src: "/media/u/abc123/1600.jpg", alt: "Known" },
        { type: "image" as const, src: "/media/u/old456/1600.jpg", alt: "Unknown size" },
        { type: "image" as const, src: "https://images.example/a.jpg", alt: "Pasted" },
      ];
      const oldHtml =
        '<figure class="image"><img src="/media/u/abc123/960.jpg" alt="Known"></figure>';
      const withImages = makePost(blog, author, { blocks, html: oldHtml });
      const deleted = makePost(blog, author, {
        blocks,
        html: oldHtml,
        deletedAt: "2026-11-02T00:00:00.000Z",
      });
      const plain = makePost(blog, author);
      for (const post of [withImages, deleted, plain]) await store.insertPost(post);
      await store.close();

      const raw = db.raw();
      try {
        await imageSizes.up(raw);
        // Again: nothing left to change.
        await imageSizes.up(raw);
      } finally {
        await raw.destroy();
      }

      const after = await db.open();
      try {
        const post = await after.findPost(blog.id, withImages.id);
        expect(post?.blocks[0]).toMatchObject({ width: 1600, height: 1067 });
        expect(post?.blocks[1]).not.toHaveProperty("width");
        expect(post?.blocks[2]).not.toHaveProperty("width");
        const tags = post?.html.match(/<img [^>]*>/g) ?? [];
        expect(tags).toHaveLength(3);
        expect(tags[0]).toContain('width="1600" height="1067"');
        expect(tags[1]).toContain('width="1600" height="900" class="unsized"');
        expect(tags[2]).toContain('width="1600" height="900" class="unsized"');
        expect((await after.findPost(blog.id, plain.id))?.html).toBe(plain.html);
        const stored = await after.findBlogById(blog.id);
        expect(stored?.hero).toMatchObject({ width: 1600, height: 1067 });
        expect(stored?.intro[0]).toMatchObject({ width: 1600, height: 1067 });
      } finally {
        await after.close();
      }
      // The deleted post is untouched.
      const check = db.raw();
      try {
        const row = await check
          .selectFrom("posts" as never)
          .select(["html" as never])
          .where("id" as never, "=", deleted.id as never)
          .executeTakeFirst();
        expect((row as { html?: string } | undefined)?.html).toBe(oldHtml);
      } finally {
        await check.destroy();
      }
    } finally {
      await db.cleanup();
    }
  }, 60_000);
});
