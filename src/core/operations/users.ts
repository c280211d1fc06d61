// Newsroom users and their API tokens: adding people, issuing tokens, and recognising the
// holder of a token.

import { z } from "zod";
import { DomainError } from "../errors.js";
import { newId } from "../ids.js";
import type { Newsroom } from "../ports.js";
import { generatePassword, generateToken, hashPassword, hashToken } from "../secrets.js";
import { text } from "../text.js";
import { type Actor, type ApiToken, Email, type NewsroomUser, Password, Role } from "../user.js";
import { parseInput } from "../validation.js";
import { actorOf } from "./sessions.js";

const UserInput = z
  .object({
    email: Email,
    role: Role,
    name: text().trim().min(1).max(120).optional(),
    password: Password.optional(),
  })
  .strict();

export async function addUser(
  newsroom: Pick<Newsroom, "store" | "clock">,
  input: unknown,
): Promise<{ user: NewsroomUser; password: string; generated: boolean }> {
  const added = await prepareUser(newsroom, input);
  await newsroom.store.insertUser(added.user);
  return added;
}

/** Validates and hashes a new user without storing it, so callers can store it in their own
 * transaction (hashing is slow and should not hold one open). */
export async function prepareUser(
  newsroom: Pick<Newsroom, "clock">,
  input: unknown,
): Promise<{ user: NewsroomUser; password: string; generated: boolean }> {
  const data = parseInput(UserInput, input);
  const password = data.password ?? generatePassword();
  const user: NewsroomUser = {
    id: newId(),
    email: data.email,
    name: data.name ?? data.email.split("@")[0] ?? data.email,
    role: data.role,
    passwordHash: await hashPassword(password),
    createdAt: newsroom.clock.now().toISOString(),
  };
  return { user, password, generated: data.password === undefined };
}

export async function createToken(
  newsroom: Pick<Newsroom, "store" | "clock">,
  email: string,
  label = "API token",
): Promise<{ token: string; record: ApiToken }> {
  const user = await newsroom.store.findUserByEmail(parseInput(Email, email, "email"));
  if (!user)
    throw new DomainError("user_not_found", `No newsroom user with the email ${email}`, {
      field: "email",
    });
  const issued = newToken(newsroom, user.id, label);
  await newsroom.store.insertToken(issued.record);
  return issued;
}

/** A new token for the user, not yet stored; the token itself is shown once. */
export function newToken(
  newsroom: Pick<Newsroom, "clock">,
  userId: string,
  label: string,
): { token: string; record: ApiToken } {
  const token = generateToken();
  const record: ApiToken = {
    id: newId(),
    userId,
    label: label.slice(0, 120),
    tokenHash: hashToken(token),
    createdAt: newsroom.clock.now().toISOString(),
    revokedAt: null,
  };
  return { token, record };
}

/** The actor holding this bearer token, or null for an unknown or revoked one, or one whose
 * user is disabled. */
export async function actorForToken(
  newsroom: Pick<Newsroom, "store">,
  token: string,
): Promise<Actor | null> {
  if (!token.startsWith("dsp_") || token.length > 200) return null;
  const user = await newsroom.store.findUserByTokenHash(hashToken(token));
  return user && !user.disabledAt ? actorOf(user) : null;
}
