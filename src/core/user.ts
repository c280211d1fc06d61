// Newsroom users and what each role may do. Admins run the newsroom, editors run blogs and
// anyone's posts, reporters write and may change only their own posts.

import { z } from "zod";
import { text } from "./text.js";

export const Role = z.enum(["admin", "editor", "reporter"]);
export type Role = z.infer<typeof Role>;

export interface NewsroomUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string | null;
  createdAt: string;
  /** When an admin disabled this user; absent while they may work. Disabled users cannot
   * sign in, and their sessions and tokens stop working (tokens work again if re-enabled). */
  disabledAt?: string;
  /** Shown under their name in bylines, e.g. "Middle East correspondent". */
  title?: string;
  /** Their picture in bylines: an uploaded `/media/…` path. */
  avatar?: string;
  /** True while the password is a temporary one an admin set: until the user chooses their
   * own, their sessions may only read, change the password and sign out. Absent otherwise. */
  mustChangePassword?: boolean;
}

/** Who is acting: a signed-in user or the holder of one of their API tokens. */
export interface Actor {
  id: string;
  name: string;
  role: Role;
  /** Carried so a post signed by its actor shows their title and avatar without a lookup. */
  title?: string;
  avatar?: string;
}

export interface ApiToken {
  id: string;
  userId: string;
  label: string;
  /** SHA-256 of the token; the token itself is shown once and never stored. */
  tokenHash: string;
  createdAt: string;
  revokedAt: string | null;
}

/** An API token as the newsroom lists it: with the name and email of its owner. */
export interface ApiTokenListing extends ApiToken {
  owner: Pick<NewsroomUser, "id" | "name" | "email">;
}

/** A signed-in browser. `id` is the SHA-256 of the cookie value; the value is never stored. */
export interface Session {
  id: string;
  userId: string;
  /** Sent back by the browser in X-CSRF-Token on every write. */
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

/** The one rule for every password a person chooses or an admin sets. */
export const Password = text()
  .min(10, "A password has at least 10 characters")
  .max(200, "A password has at most 200 characters");

export const Email = text()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+$/, "Use an email address such as name@newsroom.example");
