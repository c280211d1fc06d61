// Administering the newsroom's people: admins list, add, rename, re-role and disable users;
// everyone issues and revokes their own API tokens, admins anyone's. Every change is audited
// in the transaction that makes it.

import { z } from "zod";
import { DomainError, validationError } from "../errors.js";
import { can, ensure } from "../permissions.js";
import type { Newsroom } from "../ports.js";
import { type Actor, type ApiTokenListing, type NewsroomUser, Role } from "../user.js";
import { parseInput } from "../validation.js";
import { commitChanges } from "./commit.js";
import { newToken, prepareUser } from "./users.js";

const UserPatchInput = z
  .object({
    name: z.string().trim().min(1, "A name cannot be empty").max(120).optional(),
    role: Role.optional(),
    disabled: z.boolean().optional(),
  })
  .strict();

const TokenInput = z
  .object({
    label: z.string().trim().min(1, "Give the token a label").max(120),
    userId: z.string().min(1).max(100).optional(),
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
 * Renames, re-roles, disables or re-enables a user. Disabling ends their sessions at once;
 * their tokens stop working while they are disabled. Admins cannot disable or demote
 * themselves, so the newsroom always keeps the admin who is acting.
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
  if (userId === actor.id && patch.role !== undefined && patch.role !== "admin")
    throw validationError("role", "You cannot demote yourself; ask another admin");
  return commitChanges(newsroom, async ({ tx, audit }) => {
    const current = await tx.findUserById(userId);
    if (!current) throw new DomainError("user_not_found", "There is no user with that id");
    const next: NewsroomUser = { ...current };
    const changed: Record<string, unknown> = {};
    if (patch.name !== undefined && patch.name !== current.name) {
      next.name = patch.name;
      changed.name = patch.name;
    }
    if (patch.role !== undefined && patch.role !== current.role) {
      next.role = patch.role;
      changed.role = patch.role;
    }
    if (patch.disabled === true && !current.disabledAt) {
      next.disabledAt = newsroom.clock.now().toISOString();
      changed.disabled = true;
    } else if (patch.disabled === false && current.disabledAt) {
      delete next.disabledAt;
      changed.disabled = false;
    }
    if (Object.keys(changed).length === 0) return current;
    await tx.updateUser(next);
    if (changed.disabled === true) await tx.deleteUserSessions(userId);
    await audit(actor, "user.update", {
      detail: { userId, email: current.email, ...changed },
    });
    return next;
  });
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
  await commitChanges(newsroom, async ({ tx, audit }) => {
    const token = await tx.findToken(tokenId);
    if (!token) throw new DomainError("token_not_found", "There is no API token with that id");
    if (token.userId !== actor.id) ensure(actor, "user.manage");
    if (!(await tx.revokeToken(token.id, newsroom.clock.now().toISOString()))) return;
    await audit(actor, "token.revoke", {
      detail: { tokenId: token.id, label: token.label, userId: token.userId },
    });
  });
}
