// Signing in and out of the newsroom app: checking passwords (throttled by SignInLimiter,
// which spares devices the owner signed in from before: RecognisedDevices), opening sessions,
// recognising a session's cookie, and changing one's password. The session cookie value is a
// random secret shown to the browser only; the store keeps its SHA-256.

import { randomBytes } from "node:crypto";
import { z } from "zod";
import { DomainError, validationError } from "../errors.js";
import type { Newsroom } from "../ports.js";
import { hashPassword, hashToken, needsRehash, verifyPassword } from "../secrets.js";
import { text } from "../text.js";
import { type Actor, type NewsroomUser, Password, type Session } from "../user.js";
import { parseInput } from "../validation.js";
import { type ChangeRecorder, commitChanges } from "./commit.js";
import type { RecognisedDevices } from "./recognised-devices.js";
import type { SignInLimiter, Throttling } from "./sign-in-limiter.js";

/** A session lasts this long after its last use (the cookie's Max-Age is the same). */
export const SESSION_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;
/** Activity is written at most this often, so reading a page is not a write every time. */
const TOUCH_EVERY_MS = 60 * 1000;
/** 32 random bytes in base64url: anything else is not a cookie we issued. */
const COOKIE_SHAPE = /^[A-Za-z0-9_-]{43}$/;
/**
 * A real scrypt hash (made by hashPassword, so at its cost) of a random password that was
 * thrown away: checking against it costs what checking a real user's password costs. Made on
 * first need rather than written here, so it follows the cost hashPassword uses.
 */
let dummyHash: Promise<string> | undefined;
function dummy(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(24).toString("base64url"));
  return dummyHash;
}

const SignInInput = z
  .object({
    email: text().trim().toLowerCase().max(254),
    password: text().max(1000),
  })
  .strict();

const PasswordChangeInput = z
  .object({
    currentPassword: text().max(1000),
    newPassword: Password,
  })
  .strict();

export interface SignedIn {
  user: NewsroomUser;
  session: Session;
  /** The cookie value: given to the browser once, never stored. */
  cookie: string;
  /** The recognised-device cookie value for the browser that signed in. */
  device: string;
}

/** What guards sign-in: the limiter, and the devices it spares. */
export interface SignInGuard {
  limiter: SignInLimiter;
  devices: RecognisedDevices;
}

/** Where a sign-in comes from: the client's address and its recognised-device cookie, if any. */
export interface SignInFrom {
  address: string;
  deviceCookie?: string;
}

export interface SessionHolder {
  session: Session;
  user: NewsroomUser;
  actor: Actor;
}

export function actorOf(user: NewsroomUser): Actor {
  return {
    id: user.id,
    name: user.name,
    role: user.role,
    ...(user.title ? { title: user.title } : {}),
    ...(user.avatar ? { avatar: user.avatar } : {}),
  };
}

/**
 * Checks the email and password and opens a session. Wrong email and wrong password fail
 * alike, in about the same time: an unknown email is checked against a dummy hash.
 */
export async function signIn(
  newsroom: Newsroom,
  { limiter, devices }: SignInGuard,
  input: unknown,
  from: SignInFrom,
): Promise<SignedIn> {
  const { email, password } = parseInput(SignInInput, input);
  // Read before the limiter, which needs to know whether the device is this user's.
  const user = await newsroom.store.findUserByEmail(email);
  const device = await devices.recognise(from.deviceCookie, user?.id);
  const attempt = await limiter.begin(email, {
    address: from.address,
    ...(device !== undefined ? { device } : {}),
  });
  const matches = await verifyPassword(password, user?.passwordHash ?? (await dummy()));
  if (!user?.passwordHash || !matches) {
    await commitChanges(newsroom, async ({ tx, audit }) => {
      await audit(null, "session.signin_failed", { detail: { email } });
      await auditThrottling(await attempt.failed(tx), audit);
    });
    throw new DomainError("invalid_credentials", "That email and password do not match");
  }
  await attempt.succeeded();
  if (user.disabledAt) {
    await commitChanges(newsroom, ({ audit }) =>
      audit(null, "session.signin_failed", { detail: { email, reason: "disabled" } }),
    );
    throw new DomainError("user_disabled", "This account is disabled; ask an admin");
  }
  // The password is known good right now: the one moment a hash made at an older, cheaper
  // scrypt cost can be replaced by one at today's.
  if (needsRehash(user.passwordHash)) {
    const upgraded = await hashPassword(password);
    await newsroom.store.upgradePasswordHash(user.id, user.passwordHash, upgraded);
  }
  const cookie = randomBytes(32).toString("base64url");
  const now = newsroom.clock.now();
  const session: Session = {
    id: hashToken(cookie),
    userId: user.id,
    csrfToken: randomBytes(32).toString("base64url"),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString(),
    lastSeenAt: now.toISOString(),
  };
  await commitChanges(newsroom, async ({ tx, audit }) => {
    // Sign-ins are rare enough to carry the clean-up of sessions nobody came back to.
    await tx.deleteExpiredSessions(session.createdAt);
    await tx.insertSession(session);
    await audit(actorOf(user), "session.signin");
  });
  return { user, session, cookie, device: await devices.issue(user.id, device) };
}

/** Tells admins, once per window, that an email (or an address) is being slowed down. */
async function auditThrottling(
  announced: readonly Throttling[],
  audit: ChangeRecorder["audit"],
): Promise<void> {
  for (const { scope, email, address, count } of announced) {
    await audit(null, "session.throttled", { detail: { email, address, count, scope } });
  }
}

/** The live session behind a cookie value, or null (unknown, expired, or user disabled). */
export async function findSignedIn(
  newsroom: Pick<Newsroom, "store" | "clock">,
  cookie: string,
): Promise<SessionHolder | null> {
  if (!COOKIE_SHAPE.test(cookie)) return null;
  const found = await newsroom.store.findSession(hashToken(cookie));
  if (!found) return null;
  const { session, user } = found;
  if (session.expiresAt <= newsroom.clock.now().toISOString()) {
    await newsroom.store.deleteSession(session.id);
    return null;
  }
  if (user.disabledAt) return null;
  return { session, user, actor: actorOf(user) };
}

/**
 * Slides the session's expiry while it is in use, writing at most once a minute. Returns
 * true when it moved, so the caller can renew the cookie's Max-Age to match.
 */
export async function keepSessionAlive(
  newsroom: Pick<Newsroom, "store" | "clock">,
  session: Session,
): Promise<boolean> {
  const now = newsroom.clock.now();
  if (now.getTime() - Date.parse(session.lastSeenAt) < TOUCH_EVERY_MS) return false;
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString();
  await newsroom.store.touchSession(session.id, now.toISOString(), expiresAt);
  return true;
}

export async function signOut(newsroom: Newsroom, holder: SessionHolder): Promise<void> {
  await commitChanges(newsroom, async ({ tx, audit }) => {
    await tx.deleteSession(holder.session.id);
    await audit(holder.actor, "session.signout");
  });
}

/**
 * Changes the actor's password after checking the current one (throttled like sign-in) and
 * ends their other sessions; `keepSessionId` is the session making the change, if any. This is
 * also how a user replaces a temporary password an admin set: the new one must differ from it.
 */
export async function changePassword(
  newsroom: Newsroom,
  limiter: SignInLimiter,
  actor: Actor,
  input: unknown,
  from: { address: string; keepSessionId?: string },
): Promise<void> {
  const { currentPassword, newPassword } = parseInput(PasswordChangeInput, input);
  const user = await newsroom.store.findUserById(actor.id);
  if (!user) throw new DomainError("unauthorized", "Sign in again");
  // A signed-in user changing their password is counted like a sign-in from their address:
  // whoever holds a stolen session cannot guess the password any faster than at the door.
  const attempt = await limiter.begin(user.email, { address: from.address });
  const matches = await verifyPassword(currentPassword, user.passwordHash ?? (await dummy()));
  if (!user.passwordHash || !matches) {
    await commitChanges(newsroom, async ({ tx, audit }) =>
      auditThrottling(await attempt.failed(tx), audit),
    );
    throw validationError("currentPassword", "That is not your current password");
  }
  await attempt.succeeded();
  // Keeping a temporary password (which the admin who set it knows) would defeat the reset.
  if (newPassword.normalize("NFKC") === currentPassword.normalize("NFKC"))
    throw validationError("newPassword", "Choose a new password, not the current one");
  const passwordHash = await hashPassword(newPassword);
  await commitChanges(newsroom, async ({ tx, audit, desk }) => {
    // Re-read inside the transaction so a concurrent admin change (role, name) is kept.
    const fresh = await tx.findUserById(user.id);
    if (!fresh) throw new DomainError("unauthorized", "Sign in again");
    const { mustChangePassword: replacedTemporary, ...rest } = fresh;
    await tx.updateUser({ ...rest, passwordHash });
    await tx.deleteUserSessions(user.id, from.keepSessionId);
    desk({ kind: "user-changed", userId: user.id });
    await audit(
      actor,
      "password.change",
      replacedTemporary ? { detail: { replacedTemporary } } : {},
    );
  });
}
