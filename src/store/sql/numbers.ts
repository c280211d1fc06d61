// The desk's numbers (migration 0027): a flush's counts added in one transaction, each row an
// upsert that adds to what other nodes wrote (a reader sample replaces this node's own for the
// minute), and the sums the desk reads. Rows are written in key order so two nodes flushing at
// once lock them in the same order on PostgreSQL, never waiting on each other in a cycle.

import type { Kysely } from "kysely";
import type { EmbedTally, NumbersBatch, PostTally, ReadersSample } from "../../core/numbers.js";
import type { Database } from "../schema.js";

/** Rows per statement: well inside SQLite's and PostgreSQL's limits on bound values. */
const CHUNK = 500;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

const byKey =
  <T>(key: (row: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

export async function addNumbers(db: Kysely<Database>, batch: NumbersBatch): Promise<void> {
  const readers = [...batch.readers].sort(
    byKey((r: ReadersSample) => `${r.blogId} ${r.minute} ${r.node}`),
  );
  const posts = [...batch.posts].sort(byKey((p: PostTally) => `${p.blogId} ${p.hour} ${p.postId}`));
  const embeds = [...batch.embeds].sort(
    byKey((e: EmbedTally) => `${e.blogId} ${e.hour} ${e.host}`),
  );
  for (const rows of chunks(readers)) {
    await db
      .insertInto("reader_minutes")
      .values(
        rows.map((r) => ({
          blog_id: r.blogId,
          minute: r.minute,
          node: r.node,
          readers: r.readers,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(["blog_id", "minute", "node"])
          .doUpdateSet((eb) => ({ readers: eb.ref("excluded.readers") })),
      )
      .execute();
  }
  for (const rows of chunks(posts)) {
    await db
      .insertInto("post_numbers")
      .values(
        rows.map((p) => ({
          blog_id: p.blogId,
          post_id: p.postId,
          hour: p.hour,
          opens: p.opens,
          shares: p.shares,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["blog_id", "hour", "post_id"]).doUpdateSet((eb) => ({
          opens: eb("post_numbers.opens", "+", eb.ref("excluded.opens")),
          shares: eb("post_numbers.shares", "+", eb.ref("excluded.shares")),
        })),
      )
      .execute();
  }
  for (const rows of chunks(embeds)) {
    await db
      .insertInto("embed_numbers")
      .values(rows.map((e) => ({ blog_id: e.blogId, host: e.host, hour: e.hour, loads: e.loads })))
      .onConflict((oc) =>
        oc.columns(["blog_id", "hour", "host"]).doUpdateSet((eb) => ({
          loads: eb("embed_numbers.loads", "+", eb.ref("excluded.loads")),
        })),
      )
      .execute();
  }
}

/** Readers per minute from `fromMinute` on, every node's sample of a minute summed. */
export async function sumReaders(
  db: Kysely<Database>,
  blogId: string,
  fromMinute: string,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("reader_minutes")
    .select(["minute", (eb) => eb.fn.sum<string | number>("readers").as("readers")])
    .where("blog_id", "=", blogId)
    .where("minute", ">=", fromMinute)
    .groupBy("minute")
    .execute();
  return new Map(rows.map((row) => [row.minute, Number(row.readers)]));
}

/** The posts most opened (then most shared) since `fromHour`. */
export async function topPosts(
  db: Kysely<Database>,
  blogId: string,
  fromHour: string,
  limit: number,
): Promise<{ postId: string; opens: number; shares: number }[]> {
  const rows = await db
    .selectFrom("post_numbers")
    .select([
      "post_id",
      (eb) => eb.fn.sum<string | number>("opens").as("opens"),
      (eb) => eb.fn.sum<string | number>("shares").as("shares"),
    ])
    .where("blog_id", "=", blogId)
    .where("hour", ">=", fromHour)
    .groupBy("post_id")
    .orderBy("opens", "desc")
    .orderBy("shares", "desc")
    .orderBy("post_id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ postId: r.post_id, opens: Number(r.opens), shares: Number(r.shares) }));
}

/** Embed loads per host page since `fromHour`, most first. */
export async function embedHosts(
  db: Kysely<Database>,
  blogId: string,
  fromHour: string,
  limit: number,
): Promise<{ host: string; loads: number }[]> {
  const rows = await db
    .selectFrom("embed_numbers")
    .select(["host", (eb) => eb.fn.sum<string | number>("loads").as("loads")])
    .where("blog_id", "=", blogId)
    .where("hour", ">=", fromHour)
    .groupBy("host")
    .orderBy("loads", "desc")
    .orderBy("host")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ host: r.host, loads: Number(r.loads) }));
}

/** Forgets reader samples and counters older than `before` (ISO); returns rows removed. */
export async function pruneNumbers(db: Kysely<Database>, before: string): Promise<number> {
  let removed = 0;
  for (const table of ["reader_minutes", "post_numbers", "embed_numbers"] as const) {
    const column = table === "reader_minutes" ? "minute" : "hour";
    const result = await db.deleteFrom(table).where(column, "<", before).executeTakeFirst();
    removed += Number(result.numDeletedRows ?? 0);
  }
  return removed;
}
