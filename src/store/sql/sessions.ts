// The session queries: signed-in browsers, looked up by the hash of their cookie together with
// their user, so recognising a request costs one query.

import type { Kysely } from "kysely";
import type { NewsroomUser, Session } from "../../core/user.js";
import type { Database } from "../schema.js";
import { userFromRow } from "./rows.js";

export async function insertSession(db: Kysely<Database>, session: Session): Promise<void> {
  await db
    .insertInto("sessions")
    .values({
      id: session.id,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
      last_seen_at: session.lastSeenAt,
    })
    .execute();
}

export async function findSession(
  db: Kysely<Database>,
  id: string,
): Promise<{ session: Session; user: NewsroomUser } | undefined> {
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .selectAll("users")
    .select([
      "sessions.id as session_id",
      "sessions.csrf_token",
      "sessions.created_at as session_created_at",
      "sessions.expires_at",
      "sessions.last_seen_at",
    ])
    .where("sessions.id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  const session: Session = {
    id: row.session_id,
    userId: row.id,
    csrfToken: row.csrf_token,
    createdAt: row.session_created_at,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at,
  };
  return { session, user: userFromRow(row) };
}

export async function touchSession(
  db: Kysely<Database>,
  id: string,
  lastSeenAt: string,
  expiresAt: string,
): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
    .where("id", "=", id)
    .execute();
}

export async function deleteSession(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", id).execute();
}

export async function deleteUserSessions(
  db: Kysely<Database>,
  userId: string,
  exceptId?: string,
): Promise<void> {
  let query = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (exceptId !== undefined) query = query.where("id", "!=", exceptId);
  await query.execute();
}

export async function deleteExpiredSessions(db: Kysely<Database>, now: string): Promise<void> {
  await db.deleteFrom("sessions").where("expires_at", "<=", now).execute();
}
