// What the core asks of the store about newsroom users and their API tokens.

import type { ApiToken, ApiTokenListing, NewsroomUser } from "../user.js";

/** Users and tokens as signing in, the CLI and the demo find and make them. */
export interface UserStore {
  insertUser(user: NewsroomUser): Promise<void>;
  findUserByEmail(email: string): Promise<NewsroomUser | undefined>;
  findUserById(id: string): Promise<NewsroomUser | undefined>;
  countUsers(): Promise<number>;
  insertToken(token: ApiToken): Promise<void>;
  /** The user owning an unrevoked token with this hash. */
  findUserByTokenHash(tokenHash: string): Promise<NewsroomUser | undefined>;
}

/** Administering people and their tokens (operations/people.ts). */
export interface PeopleStore {
  /** Every user, oldest first. */
  listUsers(): Promise<NewsroomUser[]>;
  /** Writes the user's name, role, password hash, disabled time and must-change mark. */
  updateUser(user: NewsroomUser): Promise<void>;
  /**
   * Replaces a password hash with a stronger one of the same password, only if it is still
   * `from`: a password changed meanwhile is never overwritten.
   */
  upgradePasswordHash(userId: string, from: string, to: string): Promise<void>;
  /**
   * The ids of the admins who are not disabled. Call inside a transaction: their rows stay
   * locked until it ends, so two admins demoted at once, on any node, are checked one after
   * the other and the newsroom never loses its last admin.
   */
  lockActiveAdmins(): Promise<string[]>;
  findToken(id: string): Promise<ApiToken | undefined>;
  /** Tokens with their owners, newest first; only that user's when `userId` is given. */
  listTokens(userId?: string): Promise<ApiTokenListing[]>;
  /** Revokes a token that is not revoked yet; false when there was nothing to revoke. */
  revokeToken(id: string, at: string): Promise<boolean>;
}
