// Image sizes for coverage written before images carried them: each uploaded image in a post,
// a blog's hero or its lead is given the width and height the media library recorded for it,
// and every post showing an image has its HTML rendered again, so each <img> carries a width
// and a height (an image of unknown size, the fixed 16:9 box) and readers' pages stop
// shifting as images arrive. Deleted posts are left alone: their words are gone already.
// Nothing to undo: the sizes are optional fields, which older code ignores on reading.

import { type Kysely, type Migration, sql } from "kysely";
import type { Block, Image } from "../../core/content/blocks.js";
import { renderBlocks } from "../../core/content/render.js";
import { uploadIdOf } from "../../core/media.js";

/** Rows read at a time, so a large newsroom's backfill holds little in memory. */
const BATCH = 500;

type Size = { width: number; height: number } | null;

export const imageSizes: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const known = new Map<string, Size>();
    const sizeOf = async (id: string): Promise<Size> => {
      if (!known.has(id)) {
        const { rows } = await sql<{ width: number; height: number }>`select width, height
          from media where id = ${id}`.execute(db);
        const row = rows[0];
        const width = Number(row?.width ?? 0);
        const height = Number(row?.height ?? 0);
        known.set(id, width > 0 && height > 0 ? { width, height } : null);
      }
      return known.get(id) ?? null;
    };
    const sized = async <T extends Image>(image: T): Promise<T> => {
      if (image.width !== undefined && image.height !== undefined) return image;
      const id = uploadIdOf(image.src);
      const size = id === undefined ? null : await sizeOf(id);
      return size ? { ...image, ...size } : image;
    };
    const sizedBlocks = async (blocks: Block[]): Promise<Block[]> => {
      const out: Block[] = [];
      for (const block of blocks) out.push(block.type === "image" ? await sized(block) : block);
      return out;
    };

    let after = "";
    for (;;) {
      const { rows } = await sql<{ id: string; blocks: string; html: string }>`select id, blocks,
        html from posts where deleted_at is null and id > ${after} order by id limit ${BATCH}`.execute(
        db,
      );
      for (const row of rows) {
        const blocks = JSON.parse(row.blocks) as Block[];
        if (!blocks.some((block) => block.type === "image")) continue;
        const next = await sizedBlocks(blocks);
        const json = JSON.stringify(next);
        const html = renderBlocks(next);
        if (json === row.blocks && html === row.html) continue;
        await sql`update posts set blocks = ${json}, html = ${html} where id = ${row.id}`.execute(
          db,
        );
      }
      const last = rows.at(-1);
      if (!last || rows.length < BATCH) break;
      after = last.id;
    }

    const { rows: blogs } = await sql<{ id: string; hero: string | null; intro: string }>`select
      id, hero, intro from blogs`.execute(db);
    for (const blog of blogs) {
      const hero = blog.hero === null ? null : JSON.stringify(await sized(JSON.parse(blog.hero)));
      const intro = JSON.stringify(await sizedBlocks(JSON.parse(blog.intro) as Block[]));
      if (hero === blog.hero && intro === blog.intro) continue;
      await sql`update blogs set hero = ${hero}, intro = ${intro} where id = ${blog.id}`.execute(
        db,
      );
    }
  },

  async down(): Promise<void> {},
};
