import { DomainError } from "../../../core/errors.js";
import type {
  PeopleStore,
  ServerSecretStore,
  SessionStore,
  SignInAttemptStore,
  UserStore,
} from "../../../core/ports.js";
import type { ApiToken, ApiTokenListing, NewsroomUser, Session } from "../../../core/user.js";
import * as hot from "../hot-queries.js";
import * as people from "../people.js";
import { tokenToRow, userFromRow, userToRow } from "../rows.js";
import { keepServerSecret } from "../server-secrets.js";
import * as sessions from "../sessions.js";
import * as signInAttempts from "../sign-in-attempts.js";
import type { SqlPart } from "./scope.js";

export function withAccounts<Base extends SqlPart>(base: Base) {
  return class AccountsPart
    extends base
    implements UserStore, PeopleStore, SessionStore, SignInAttemptStore, ServerSecretStore
  {
    async insertUser(user: NewsroomUser): Promise<void> {
      try {
        await this.db.insertInto("users").values(userToRow(user)).execute();
      } catch (error) {
        if (this.capabilities.isUniqueViolation(error, "users", "email")) {
          const message = `There is already a user with the email ${user.email}`;
          throw new DomainError("email_taken", message, { field: "email" });
        }
        throw error;
      }
    }

    async findUserByEmail(email: string): Promise<NewsroomUser | undefined> {
      const row = await this.db
        .selectFrom("users")
        .selectAll()
        .where("email", "=", email)
        .executeTakeFirst();
      return row && userFromRow(row);
    }

    async findUserById(id: string): Promise<NewsroomUser | undefined> {
      const row = await this.db
        .selectFrom("users")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      return row && userFromRow(row);
    }

    async countUsers(): Promise<number> {
      const { count } = await this.db
        .selectFrom("users")
        .select((eb) => eb.fn.countAll().as("count"))
        .executeTakeFirstOrThrow();
      // PostgreSQL returns count(*) as a bigint string, SQLite as a number.
      return Number(count);
    }

    async insertToken(token: ApiToken): Promise<void> {
      await this.db.insertInto("api_tokens").values(tokenToRow(token)).execute();
    }

    async findUserByTokenHash(tokenHash: string): Promise<NewsroomUser | undefined> {
      const row = await this.first(hot.userByTokenHash, { tokenHash });
      return row && userFromRow(row);
    }

    listUsers(): Promise<NewsroomUser[]> {
      return people.listUsers(this.db);
    }

    updateUser(user: NewsroomUser): Promise<void> {
      return people.updateUser(this.db, user);
    }

    upgradePasswordHash(userId: string, from: string, to: string): Promise<void> {
      return people.upgradePasswordHash(this.db, userId, from, to);
    }

    lockActiveAdmins(): Promise<string[]> {
      return people.lockActiveAdmins(this.db, this.capabilities);
    }

    findToken(id: string): Promise<ApiToken | undefined> {
      return people.findToken(this.db, id);
    }

    listTokens(userId?: string): Promise<ApiTokenListing[]> {
      return people.listTokens(this.db, userId);
    }

    revokeToken(id: string, at: string): Promise<boolean> {
      return people.revokeToken(this.db, id, at);
    }

    insertSession(session: Session): Promise<void> {
      return sessions.insertSession(this.db, session);
    }

    findSession(id: string): Promise<{ session: Session; user: NewsroomUser } | undefined> {
      return sessions.findSession(this.db, id);
    }

    touchSession(id: string, lastSeenAt: string, expiresAt: string): Promise<void> {
      return sessions.touchSession(this.db, id, lastSeenAt, expiresAt);
    }

    deleteSession(id: string): Promise<void> {
      return sessions.deleteSession(this.db, id);
    }

    deleteUserSessions(userId: string, exceptId?: string): Promise<void> {
      return sessions.deleteUserSessions(this.db, userId, exceptId);
    }

    deleteExpiredSessions(now: string): Promise<void> {
      return sessions.deleteExpiredSessions(this.db, now);
    }

    readSignInAttempts(keys: readonly string[]): Promise<Map<string, number[]>> {
      return signInAttempts.readSignInAttempts(this.db, keys);
    }

    lockSignInAttempts(keys: readonly string[], at: string): Promise<Map<string, number[]>> {
      return signInAttempts.lockSignInAttempts(this.db, this.capabilities, keys, at);
    }

    saveSignInAttempts(key: string, times: readonly number[], at: string): Promise<void> {
      return signInAttempts.saveSignInAttempts(this.db, key, times, at);
    }

    deleteSignInAttemptsBefore(before: string): Promise<number> {
      return signInAttempts.deleteSignInAttemptsBefore(this.db, this.capabilities, before);
    }

    keepServerSecret(name: string, candidate: string, at: string): Promise<string> {
      return keepServerSecret(this.db, name, candidate, at);
    }
  };
}
