// Migration 0033 on both backends: link cards read before their images were copied held the
// linked site's image address, and the stored HTML drew it, so every reader's browser asked
// that site. After it, no post, public version or replayed change names that address; the
// cards keep their words, a card holding Dispatch's own copy is left as it is, and running it
// again changes nothing.

import { describe, expect, it } from "vitest";
import type { Block } from "../../src/core/content/blocks.js";
import { renderBlocks } from "../../src/core/content/render.js";
import { ownCardImages } from "../../src/store/migrations/0033-own-card-images.js";
import { makeBlog, makePost, makeUser } from "../helpers/factories.js";
import { MIGRATION_BACKENDS } from "../helpers/migration-backends.js";

const REMOTE = "https://images.example/hotlinked.jpg";
const url = "https://news.example/story";
/** The <img> the renderer drew for a card's remote image before this change. */
const OLD_IMG = `<img class="link-image unsized" src="${REMOTE}" alt="" width="1600" height="900" loading="lazy" decoding="async">`;

describe.each(MIGRATION_BACKENDS)("migration 0033 on %s", (_name, backend) => {
  it("takes remote card images off posts, versions and the change log", async () => {
    const db = await backend();
    try {
      const store = await db.open();
      await store.migrate();
      const author = makeUser();
      await store.insertUser(author);
      const blog = makeBlog();
      await store.insertBlog(blog);
      const oldBlocks: Block[] = [
        { type: "paragraph", text: "Read on." },
        { type: "embed", url, card: { url, title: "Story", site: "News", image: REMOTE } },
      ];
      // The HTML as the older renderer wrote it: the card's remote image drawn.
      const oldHtml = renderBlocks(oldBlocks).replace(
        '<span class="link-host">News</span>',
        `${OLD_IMG}<span class="link-host">News</span>`,
      );
      expect(oldHtml).toContain(OLD_IMG);
      const ownCard = {
        url,
        title: "Ours",
        image: "/media/link-cards/abc123/1600.jpg",
        imageWidth: 800,
        imageHeight: 450,
      };
      const ownBlocks: Block[] = [{ type: "embed", url, card: ownCard }];
      const legacy = makePost(blog, author, { blocks: oldBlocks, html: oldHtml });
      const own = makePost(blog, author, { blocks: ownBlocks, html: renderBlocks(ownBlocks) });
      for (const post of [legacy, own]) await store.insertPost(post);
      await store.insertPostVersion({
        id: "v1",
        blogId: blog.id,
        postId: legacy.id,
        title: "",
        blocks: oldBlocks,
        html: oldHtml,
        shownFrom: legacy.createdAt,
        replacedAt: legacy.createdAt,
        note: null,
        source: null,
      });
      await store.appendChange(blog.id, legacy.createdAt, { kind: "post", post: legacy });
      await store.appendChange(blog.id, own.createdAt, { kind: "post", post: own });
      await store.close();

      const raw = db.raw();
      try {
        await ownCardImages.up(raw);
        await ownCardImages.up(raw);
      } finally {
        await raw.destroy();
      }

      const after = await db.open();
      try {
        const post = await after.findPost(blog.id, legacy.id);
        expect(post?.blocks[1]).toEqual({
          type: "embed",
          url,
          card: { url, title: "Story", site: "News" },
        });
        expect(post?.html).toBe(renderBlocks(post?.blocks ?? []));
        const versions = await after.listPostVersions(blog.id, legacy.id);
        const log = await after.listChanges(blog.id, 0, 10);
        const everything = JSON.stringify([post, versions, log]);
        expect(everything).not.toContain("images.example");
        expect(everything).toContain("Story");
        expect(versions[0]?.html).toBe(post?.html);
        // Our own copy stays, drawn as it was.
        const kept = await after.findPost(blog.id, own.id);
        expect(kept?.blocks).toEqual(ownBlocks);
        expect(kept?.html).toContain('src="/media/link-cards/abc123/960.jpg"');
        expect(JSON.stringify(log)).toContain("/media/link-cards/abc123/1600.jpg");
      } finally {
        await after.close();
      }
    } finally {
      await db.cleanup();
    }
  }, 60_000);
});
