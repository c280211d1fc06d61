// Readers' contributions (migration 0028): the moderation queue, blocked senders, spent
// challenges, and erasing personal data, on request or when the retention period ends.

import type { Kysely, Selectable } from "kysely";
import type {
  Contribution,
  ContributionKind,
  ContributionPhoto,
  ContributionStatus,
} from "../../core/contributions.js";
import type { ContributionQuery } from "../../core/ports.js";
import type { ContributionsTable, Database } from "../schema.js";

type Row = Selectable<ContributionsTable> & { blocked: string | null };

function fromRow(row: Row): Contribution {
  return {
    id: row.id,
    blogId: row.blog_id,
    kind: row.kind as ContributionKind,
    text: row.text,
    name: row.name,
    contact: row.contact,
    sender: row.sender,
    status: row.status as ContributionStatus,
    receivedAt: row.received_at,
    decidedAt: row.decided_at,
    answerPostId: row.answer_post_id,
    erasedAt: row.erased_at,
    senderBlocked: row.blocked !== null,
    photo: row.photo ? (JSON.parse(row.photo) as ContributionPhoto) : null,
  };
}

function selectWithBlock(db: Kysely<Database>) {
  return db
    .selectFrom("contributions")
    .leftJoin("contribution_blocks", "contribution_blocks.sender", "contributions.sender")
    .selectAll("contributions")
    .select("contribution_blocks.blocked_at as blocked");
}

export async function insertContribution(db: Kysely<Database>, c: Contribution): Promise<void> {
  await db
    .insertInto("contributions")
    .values({
      id: c.id,
      blog_id: c.blogId,
      kind: c.kind,
      text: c.text,
      name: c.name,
      contact: c.contact,
      sender: c.sender,
      status: c.status,
      received_at: c.receivedAt,
      decided_at: c.decidedAt,
      answer_post_id: c.answerPostId,
      erased_at: c.erasedAt,
      photo: c.photo ? JSON.stringify(c.photo) : null,
    })
    .execute();
}

export async function updateContribution(db: Kysely<Database>, c: Contribution): Promise<void> {
  await db
    .updateTable("contributions")
    .set({
      contact: c.contact,
      sender: c.sender,
      status: c.status,
      decided_at: c.decidedAt,
      answer_post_id: c.answerPostId,
      erased_at: c.erasedAt,
      photo: c.photo ? JSON.stringify(c.photo) : null,
    })
    .where("id", "=", c.id)
    .execute();
}

export async function findContribution(
  db: Kysely<Database>,
  blogId: string,
  id: string,
): Promise<Contribution | undefined> {
  const row = await selectWithBlock(db)
    .where("contributions.blog_id", "=", blogId)
    .where("contributions.id", "=", id)
    .executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

export async function listContributions(
  db: Kysely<Database>,
  query: ContributionQuery,
): Promise<Contribution[]> {
  let select = selectWithBlock(db)
    .where("contributions.blog_id", "=", query.blogId)
    .where("contributions.status", "in", [...query.statuses]);
  if (query.before) select = select.where("contributions.id", "<", query.before);
  const rows = await select.orderBy("contributions.id", "desc").limit(query.limit).execute();
  return rows.map(fromRow);
}

export async function blockSender(db: Kysely<Database>, sender: string, at: string) {
  await db
    .insertInto("contribution_blocks")
    .values({ sender, blocked_at: at })
    .onConflict((oc) => oc.column("sender").doNothing())
    .execute();
}

export async function isSenderBlocked(db: Kysely<Database>, sender: string): Promise<boolean> {
  const row = await db
    .selectFrom("contribution_blocks")
    .select("sender")
    .where("sender", "=", sender)
    .executeTakeFirst();
  return row !== undefined;
}

export async function spendChallenge(
  db: Kysely<Database>,
  id: string,
  expiresAt: string,
): Promise<boolean> {
  const result = await db
    .insertInto("spent_challenges")
    .values({ id, expires_at: expiresAt })
    .onConflict((oc) => oc.column("id").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Forgets challenges that have expired: they would be refused as expired anyway. */
export async function forgetSpentChallenges(db: Kysely<Database>, now: string): Promise<number> {
  // A read first: most sweeps find nothing, and on SQLite a read never waits for the write
  // lock, which another process may hold (a write would block the whole process meanwhile).
  const any = await db
    .selectFrom("spent_challenges")
    .select("id")
    .where("expires_at", "<", now)
    .limit(1)
    .executeTakeFirst();
  if (!any) return 0;
  const result = await db
    .deleteFrom("spent_challenges")
    .where("expires_at", "<", now)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Erases the contact and sender of every contribution received before `before`. */
export async function eraseContributorsBefore(
  db: Kysely<Database>,
  before: string,
  at: string,
): Promise<number> {
  // A read first, as in forgetSpentChallenges.
  const any = await db
    .selectFrom("contributions")
    .select("id")
    .where("erased_at", "is", null)
    .where("received_at", "<", before)
    .limit(1)
    .executeTakeFirst();
  if (!any) return 0;
  const result = await db
    .updateTable("contributions")
    .set({ contact: null, sender: null, photo: null, erased_at: at })
    .where("erased_at", "is", null)
    .where("received_at", "<", before)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The photo ids of contributions received before `before` whose data the sweep will erase. */
export async function contributionPhotosBefore(
  db: Kysely<Database>,
  before: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom("contributions")
    .select("photo")
    .where("erased_at", "is", null)
    .where("received_at", "<", before)
    .where("photo", "is not", null)
    .execute();
  return rows.flatMap((r) => (r.photo ? [(JSON.parse(r.photo) as ContributionPhoto).id] : []));
}
