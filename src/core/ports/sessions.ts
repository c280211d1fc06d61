// What the core asks of the store about signing in: sessions, failed attempts, and the
// server's own secrets.

import type { NewsroomUser, Session } from "../user.js";

/** Signed-in browsers (operations/sessions.ts). */
export interface SessionStore {
  insertSession(session: Session): Promise<void>;
  /** The session with this id (cookie hash) and its user, expired or not. */
  findSession(id: string): Promise<{ session: Session; user: NewsroomUser } | undefined>;
  /** Records activity and moves the expiry: sessions slide while in use. */
  touchSession(id: string, lastSeenAt: string, expiresAt: string): Promise<void>;
  deleteSession(id: string): Promise<void>;
  /** Ends every session of the user, except `exceptId` when given. */
  deleteUserSessions(userId: string, exceptId?: string): Promise<void>;
  deleteExpiredSessions(now: string): Promise<void>;
}

/** Failed sign-ins per email and address (operations/sign-in-limiter.ts). */
export interface SignInAttemptStore {
  /** The times (ms) of the failed sign-ins recorded for each of `keys`, without locking. */
  readSignInAttempts(keys: readonly string[]): Promise<Map<string, number[]>>;
  /**
   * The times (ms) of the failed sign-ins recorded for each of `keys` ("email:…",
   * "address:…"). Call inside a transaction: the keys stay locked until it ends, so attempts
   * on the same email or address, on any node, are checked one after the other.
   */
  lockSignInAttempts(keys: readonly string[], at: string): Promise<Map<string, number[]>>;
  /** Records the key's attempts (those still inside the window); none forgets the key. */
  saveSignInAttempts(key: string, times: readonly number[], at: string): Promise<void>;
  /** Forgets keys with no attempt recorded since `before` (ISO time); returns how many. */
  deleteSignInAttemptsBefore(before: string): Promise<number>;
}

/** Secrets every node must share, made once (signing keys, the VAPID key pair). */
export interface ServerSecretStore {
  /**
   * Keeps `candidate` as the server's secret `name` unless one is kept already; returns the
   * kept one, the same on every node.
   */
  keepServerSecret(name: string, candidate: string, at: string): Promise<string>;
}
