// The people queries: listing and changing newsroom users (locking the admins while one is
// demoted), and listing and revoking their API tokens. Issuing tokens and finding a token's
// user stay in store.ts with the rest of sign-in.

import type { Kysely } from "kysely";
import type { ApiToken, ApiTokenListing, NewsroomUser } from "../../core/user.js";
import type { Database } from "../schema.js";
import type { SqlCapabilities } from "./capabilities.js";
import { tokenFromRow, userFromRow } from "./rows.js";

export async function listUsers(db: Kysely<Database>): Promise<NewsroomUser[]> {
  const rows = await db
    .selectFrom("users")
    .selectAll()
    .orderBy("created_at", "asc")
    .orderBy("id", "asc")
    .execute();
  return rows.map(userFromRow);
}

export async function updateUser(db: Kysely<Database>, user: NewsroomUser): Promise<void> {
  await db
    .updateTable("users")
    .set({
      name: user.name,
      role: user.role,
      password_hash: user.passwordHash,
      disabled_at: user.disabledAt ?? null,
      title: user.title ?? null,
      avatar: user.avatar ?? null,
      must_change_password: user.mustChangePassword ? 1 : 0,
    })
    .where("id", "=", user.id)
    .execute();
}

export async function upgradePasswordHash(
  db: Kysely<Database>,
  userId: string,
  from: string,
  to: string,
): Promise<void> {
  await db
    .updateTable("users")
    .set({ password_hash: to })
    .where("id", "=", userId)
    .where("password_hash", "=", from)
    .execute();
}

export async function lockActiveAdmins(
  db: Kysely<Database>,
  capabilities: SqlCapabilities,
): Promise<string[]> {
  const query = db
    .selectFrom("users")
    .select("id")
    .where("role", "=", "admin")
    .where("disabled_at", "is", null)
    .orderBy("id");
  // SQLite transactions here already hold the database's one write lock; PostgreSQL locks the
  // rows, and a waiting transaction re-reads them once the first commits, so it sees a
  // demotion that was made meanwhile.
  const rows = await (capabilities.backend === "postgres" ? query.forUpdate() : query).execute();
  return rows.map((row) => row.id);
}

export async function findToken(db: Kysely<Database>, id: string): Promise<ApiToken | undefined> {
  const row = await db.selectFrom("api_tokens").selectAll().where("id", "=", id).executeTakeFirst();
  return row && tokenFromRow(row);
}

export async function listTokens(
  db: Kysely<Database>,
  userId?: string,
): Promise<ApiTokenListing[]> {
  let query = db
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .select([
      "api_tokens.id",
      "api_tokens.user_id",
      "api_tokens.label",
      "api_tokens.token_hash",
      "api_tokens.created_at",
      "api_tokens.revoked_at",
      "users.name as owner_name",
      "users.email as owner_email",
    ]);
  if (userId !== undefined) query = query.where("api_tokens.user_id", "=", userId);
  const rows = await query
    .orderBy("api_tokens.created_at", "desc")
    .orderBy("api_tokens.id", "desc")
    .execute();
  return rows.map((row) => ({
    ...tokenFromRow(row),
    owner: { id: row.user_id, name: row.owner_name, email: row.owner_email },
  }));
}

export async function revokeToken(db: Kysely<Database>, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable("api_tokens")
    .set({ revoked_at: at })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
