// Link cards read before their images were copied held the linked site's image address, and
// posts drew it, so every reader's browser asked that site for it. Such an address is taken off
// each card (its words stay) and its <img> out of the stored HTML, in posts, their public
// versions and the change log the live stream replays: no page hot-links it any more. A card
// read after this keeps Dispatch's own copy (outbound/link-card-image.ts). Nothing to undo.

import { type Kysely, type Migration, sql } from "kysely";
import type { Block } from "../../core/content/blocks.js";
import { withoutRemoteCardImages } from "../../core/link-cards.js";

/** Rows read at a time, so a large newsroom's pass holds little in memory. */
const BATCH = 500;

/** The <img> the renderer drew for a card's remote image, exactly as it wrote it. */
const REMOTE_CARD_IMG = /<img class="link-image unsized" src="[^"]*"[^>]*>/g;

interface Words {
  blocks: Block[];
  html: string;
}

/** The words without remote card images, or null when there were none. */
function withoutRemote(words: Words): Words | null {
  const blocks = withoutRemoteCardImages(words.blocks);
  const html = words.html.replace(REMOTE_CARD_IMG, "");
  const same = html === words.html && blocks.every((block, i) => block === words.blocks[i]);
  return same ? null : { blocks, html };
}

/**
 * Passes every row of `table` whose words mention a card through `fix` and writes what it
 * changes, a batch at a time (posts and versions by id, changes by blog and sequence).
 */
async function rewrite(
  db: Kysely<unknown>,
  table: "posts" | "post_versions" | "changes",
  fix: (row: Record<string, string>) => Record<string, string> | null,
): Promise<void> {
  const [key, column] =
    table === "changes"
      ? [sql`blog_id || ':' || seq`, sql.ref("body")]
      : [sql.ref("id"), sql.ref("blocks")];
  let after = "";
  for (;;) {
    const { rows } = await sql<Record<string, string> & { k: string }>`select ${key} as k, *
      from ${sql.table(table)} where ${column} like ${'%"card":%'} and ${key} > ${after}
      order by ${key} limit ${BATCH}`.execute(db);
    for (const row of rows) {
      const changed = fix(row);
      if (!changed) continue;
      const sets = sql.join(
        Object.entries(changed).map(([name, value]) => sql`${sql.ref(name)} = ${value}`),
      );
      await sql`update ${sql.table(table)} set ${sets} where ${key} = ${row.k}`.execute(db);
    }
    const last = rows.at(-1);
    if (!last || rows.length < BATCH) break;
    after = last.k;
  }
}

export const ownCardImages: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const fixWords = (row: Record<string, string>) => {
      const fixed = withoutRemote({
        blocks: JSON.parse(row.blocks ?? "[]") as Block[],
        html: row.html ?? "",
      });
      return fixed ? { blocks: JSON.stringify(fixed.blocks), html: fixed.html } : null;
    };
    await rewrite(db, "posts", fixWords);
    await rewrite(db, "post_versions", fixWords);
    await rewrite(db, "changes", (row) => {
      const body = JSON.parse(row.body ?? "{}") as { kind?: string; post?: Words };
      if (body.kind !== "post" || !body.post) return null;
      const fixed = withoutRemote(body.post);
      return fixed ? { body: JSON.stringify({ ...body, post: { ...body.post, ...fixed } }) } : null;
    });
  },

  async down(): Promise<void> {},
};
