// Bylines: who a post is by. A byline names a newsroom user (with their title and avatar as
// they stood when the byline was set) or is free text, such as an agency ("Reuters") or a
// guest. The first byline is the post's `author` for clients that know only one name.

import { z } from "zod";
import { isMediaPath } from "./content/blocks.js";
import { text } from "./text.js";

export interface Byline {
  name: string;
  /** The user's title, e.g. "Middle East correspondent". */
  title?: string;
  /** An uploaded image, a `/media/…` path. */
  avatar?: string;
  /** Set when the byline is a newsroom user. */
  userId?: string;
  /** A free-text byline is an agency (the default) or a person, such as a guest writer. */
  kind?: "organization" | "person";
}

/** How a request names a byline: a newsroom user by id, or a free-text name. */
export const BylineInput = z.union([
  z.object({ userId: text().min(1).max(100) }).strict(),
  z
    .object({
      name: text().trim().min(1, "A byline needs a name").max(120),
      kind: z
        .enum(["organization", "person"])
        .optional()
        .describe('An agency ("organization", the default) or a guest writer ("person")'),
    })
    .strict(),
]);

export const BylinesInput = z
  .array(BylineInput)
  .min(1, "Name at least one contributor, or leave bylines out to sign the post yourself")
  .max(10, "A post has at most 10 bylines");

export type BylineInput = z.infer<typeof BylineInput>;

/** A user's title as shown under their name; empty clears it. */
export const UserTitle = text().trim().max(120);

/** An avatar is an image uploaded to Dispatch; null removes it. */
export const Avatar = z
  .string()
  // The same rule as an image block's /media/ path: no dot segments, nothing encoded.
  .refine(isMediaPath, "An avatar is an uploaded image: a /media/… path")
  .nullable();

/** The byline of a newsroom user as it stands now. */
export function userByline(user: {
  id: string;
  name: string;
  title?: string;
  avatar?: string;
}): Byline {
  return {
    name: user.name,
    ...(user.title ? { title: user.title } : {}),
    ...(user.avatar ? { avatar: user.avatar } : {}),
    userId: user.id,
  };
}

/**
 * The bylines a post shows: its own, or its author's name for posts older than bylines. A post
 * kept in the change log before bylines existed has no `bylines` at all.
 */
export function shownBylines(post: {
  bylines?: readonly Byline[];
  authorName: string;
  authorId: string;
}): Byline[] {
  return post.bylines && post.bylines.length > 0
    ? [...post.bylines]
    : [{ name: post.authorName, userId: post.authorId }];
}
