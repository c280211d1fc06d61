// Newsroom users and their API tokens: adding people, issuing tokens, and recognising the
// holder of a token.

import { z } from "zod";
import { DomainError } from "../errors.js";
import { newId } from "../ids.js";
import type { Newsroom } from "../ports.js";
import { generatePassword, generateToken, hashPassword, hashToken } from "../secrets.js";
import { type Actor, type ApiToken, Email, type NewsroomUser, Role } from "../user.js";
import { parseInput } from "../validation.js";

const UserInput = z
  .object({
    email: Email,
    role: Role,
    name: z.string().trim().min(1).max(120).optional(),
    password: z.string().min(10, "A password has at least 10 characters").max(200).optional(),
  })
  .strict();

export async function addUser(
  newsroom: Pick<Newsroom, "store" | "clock">,
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
  await newsroom.store.insertUser(user);
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
  const token = generateToken();
  const record: ApiToken = {
    id: newId(),
    userId: user.id,
    label: label.slice(0, 120),
    tokenHash: hashToken(token),
    createdAt: newsroom.clock.now().toISOString(),
    revokedAt: null,
  };
  await newsroom.store.insertToken(record);
  return { token, record };
}

/** The actor holding this bearer token, or null for an unknown or revoked one. */
export async function actorForToken(
  newsroom: Pick<Newsroom, "store">,
  token: string,
): Promise<Actor | null> {
  if (!token.startsWith("dsp_") || token.length > 200) return null;
  const user = await newsroom.store.findUserByTokenHash(hashToken(token));
  return user ? { id: user.id, name: user.name, role: user.role } : null;
}
