// Administering the newsroom's people: admins list, add, rename, re-role, disable users and
// reset their passwords; everyone issues and revokes their own API tokens, admins anyone's.
// Every change is audited in the transaction that makes it.

import { z } from "zod";
import { DomainError, validationError } from "../errors.js";
import { can, ensure, isDemotion } from "../permissions.js";
import type { Newsroom } from "../ports.js";
import { generatePassword, hashPassword } from "../secrets.js";
import { text } from "../text.js";
import {
  type Actor,
  type ApiTokenListing,
  Email,
  type NewsroomUser,
  Password,
  Role,
} from "../user.js";
import { parseInput } from "../validation.js";
import { commitChanges } from "./commit.js";
import { newToken, prepareUser } from "./users.js";

const UserPatchInput = z
  .object({
    name: text().trim().min(1, "A name cannot be empty").max(120).optional(),
    role: Role.optional(),
    disabled: z.boolean().optional(),
  })
  .strict();

const ResetInput = z.object({ password: Password.optional() }).strict();

const TokenInput = z
  .object({
    label: text().trim().min(1, "Give the token a label").max(120),
    userId: text().min(1).max(100).optional(),
  })
  .strict();

export async function listUsers(newsroom: Newsroom, actor: Actor): Promise<NewsroomUser[]> {
  ensure(actor, "user.manage");
  return newsroom.store.listUsers();
}

/** Adds a user; the password is returned (once) only when it was generated. */
export async function createUser(
  newsroom: Newsroom,
  actor: Actor,
  input: unknown,
): Promise<{ user: NewsroomUser; password: string; generated: boolean }> {
  ensure(actor, "user.manage");
  // Hash before the transaction: scrypt is slow and SQLite has one writer.
  const added = await prepareUser(newsroom, input);
  await commitChanges(newsroom, async ({ tx, audit }) => {
    await tx.insertUser(added.user);
    const { id, email, role } = added.user;
    await audit(actor, "user.create", { detail: { userId: id, email, role } });
  });
  return added;
}

/**
 * Renames, re-roles, disables or re-enables a user. A demotion or disabling ends their
 * sessions at once (a promotion keeps them); their tokens follow the new role at once and stop
 * working while they are disabled. The newsroom always keeps an active admin: a change that
 * would leave none is refused with `last_admin`, and admins cannot disable themselves.
 */
export async function updateUser(
  newsroom: Newsroom,
  actor: Actor,
  userId: string,
  input: unknown,
): Promise<NewsroomUser> {
  ensure(actor, "user.manage");
  const patch = parseInput(UserPatchInput, input);
  if (userId === actor.id && patch.disabled === true)
    throw validationError("disabled", "You cannot disable yourself; ask another admin");
  return commitChanges(newsroom, async ({ tx, audit, desk }) => {
    // Locked before the user is read, so what is read about them is what the check sees.
    const admins =
      patch.role !== undefined || patch.disabled === true ? await tx.lockActiveAdmins() : [];
    const current = await tx.findUserById(userId);
    if (!current) throw new DomainError("user_not_found", "There is no user with that id");
    const next: NewsroomUser = { ...current };
    const changed: Record<string, unknown> = {};
    if (patch.name !== undefined && patch.name !== current.name) {
      next.name = patch.name;
      changed.name = patch.name;
    }
    if (patch.disabled === true && !current.disabledAt) {
      next.disabledAt = newsroom.clock.now().toISOString();
      changed.disabled = true;
    } else if (patch.disabled === false && current.disabledAt) {
      delete next.disabledAt;
      changed.disabled = false;
    }
    if (patch.role !== undefined) next.role = patch.role;
    const roleChanged = next.role !== current.role;
    if (!roleChanged && Object.keys(changed).length === 0) return current;
    if (isActiveAdmin(current) && !isActiveAdmin(next)) {
      ensureAnotherAdmin(current, admins, roleChanged ? "role" : "disabled");
    }
    await tx.updateUser(next);
    const demoted = roleChanged && isDemotion(current.role, next.role);
    if (changed.disabled === true || demoted) await tx.deleteUserSessions(userId);
    // Open desk streams are checked again on every node: ended sessions close theirs.
    if (roleChanged || changed.disabled !== undefined) desk({ kind: "user-changed", userId });
    if (roleChanged) {
      await audit(actor, "user.role", {
        detail: { ...whom(current), from: current.role, to: next.role, signedOut: demoted },
      });
    }
    if (Object.keys(changed).length > 0) {
      // `name` here is the new name, present only for a rename.
      await audit(actor, "user.update", {
        detail: { userId, email: current.email, ...changed },
      });
    }
    return next;
  });
}

/**
 * Sets a temporary password, typed by the admin or generated (then returned, once). The user
 * is signed out everywhere and must choose their own password at their next sign-in; their API
 * tokens keep working (each is revoked on its own, or all by disabling the user). `actor` is
 * null for the command line, run by someone with the server's own access: the way back in for
 * a newsroom whose last admin forgot their password.
 */
export async function resetPassword(
  newsroom: Newsroom,
  actor: Actor | null,
  target: { id: string } | { email: string },
  input: unknown,
): Promise<{ user: NewsroomUser; password: string; generated: boolean }> {
  if (actor) ensure(actor, "user.manage");
  if (actor && "id" in target && target.id === actor.id)
    throw validationError("id", "Change your own password from your account page");
  const data = parseInput(ResetInput, input ?? {});
  const lookup =
    "id" in target
      ? { field: "id", value: target.id }
      : { field: "email", value: parseInput(Email, target.email, "email") };
  const password = data.password ?? generatePassword();
  // Hash before the transaction: scrypt is slow and SQLite has one writer.
  const passwordHash = await hashPassword(password);
  return commitChanges(newsroom, async ({ tx, audit, desk }) => {
    const byId = lookup.field === "id";
    const user = byId
      ? await tx.findUserById(lookup.value)
      : await tx.findUserByEmail(lookup.value);
    if (!user) {
      const message = byId
        ? "There is no user with that id"
        : `No newsroom user with the email ${lookup.value}`;
      throw new DomainError("user_not_found", message, { field: lookup.field });
    }
    const next: NewsroomUser = { ...user, passwordHash, mustChangePassword: true };
    await tx.updateUser(next);
    await tx.deleteUserSessions(user.id);
    desk({ kind: "user-changed", userId: user.id });
    await audit(actor, "password.reset", {
      detail: {
        ...whom(user),
        generated: data.password === undefined,
        ...(actor ? {} : { via: "command line" }),
      },
    });
    return { user: next, password, generated: data.password === undefined };
  });
}

/** Who an audit entry is about, by name as well as id: the name may change later. */
function whom(user: NewsroomUser) {
  return { userId: user.id, email: user.email, name: user.name };
}

function isActiveAdmin(user: NewsroomUser): boolean {
  return user.role === "admin" && !user.disabledAt;
}

/** `admins` are the active admins, locked by the transaction making the change. */
function ensureAnotherAdmin(user: NewsroomUser, admins: readonly string[], field: string): void {
  if (admins.some((id) => id !== user.id)) return;
  throw new DomainError(
    "last_admin",
    `${user.name} is the newsroom's last admin; make someone else an admin first`,
    { field },
  );
}

/** Admins see every token; everyone else only their own. */
export async function listTokens(newsroom: Newsroom, actor: Actor): Promise<ApiTokenListing[]> {
  return newsroom.store.listTokens(can(actor, "user.manage") ? undefined : actor.id);
}

/** Issues a token for the actor, or (admins) for `userId`. The token is returned only here. */
export async function issueToken(
  newsroom: Newsroom,
  actor: Actor,
  input: unknown,
): Promise<{ token: string; id: string; label: string }> {
  const data = parseInput(TokenInput, input);
  const ownerId = data.userId ?? actor.id;
  if (ownerId !== actor.id) ensure(actor, "user.manage", "userId");
  return commitChanges(newsroom, async ({ tx, audit }) => {
    const owner = await tx.findUserById(ownerId);
    if (!owner) {
      throw new DomainError("user_not_found", "There is no user with that id", {
        field: "userId",
      });
    }
    if (owner.disabledAt) throw validationError("userId", "That user is disabled");
    const { token, record } = newToken(newsroom, owner.id, data.label);
    await tx.insertToken(record);
    await audit(actor, "token.create", {
      detail: { tokenId: record.id, label: record.label, userId: owner.id },
    });
    return { token, id: record.id, label: record.label };
  });
}

/** Revokes a token: one's own, or (admins) anyone's. Revoking twice changes nothing. */
export async function revokeToken(
  newsroom: Newsroom,
  actor: Actor,
  tokenId: string,
): Promise<void> {
  await commitChanges(newsroom, async ({ tx, audit, desk }) => {
    const token = await tx.findToken(tokenId);
    if (!token) throw new DomainError("token_not_found", "There is no API token with that id");
    if (token.userId !== actor.id) ensure(actor, "user.manage");
    if (!(await tx.revokeToken(token.id, newsroom.clock.now().toISOString()))) return;
    desk({ kind: "user-changed", userId: token.userId });
    await audit(actor, "token.revoke", {
      detail: { tokenId: token.id, label: token.label, userId: token.userId },
    });
  });
}
