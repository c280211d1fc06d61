// What readers see of a colleague in a byline: their title and avatar, set by each user on
// their own account or by an admin; and the colleagues the composer may sign a post with.
// A byline keeps the title and avatar it had when set (see core/byline.ts), so changing them
// here shows on posts signed from then on.

import { z } from "zod";
import { Avatar, UserTitle } from "../byline.js";
import { DomainError } from "../errors.js";
import { can, ensure } from "../permissions.js";
import type { Newsroom } from "../ports.js";
import type { Actor, NewsroomUser } from "../user.js";
import { parseInput } from "../validation.js";
import { commitChanges } from "./commit.js";

export const ProfileInput = z
  .object({
    title: UserTitle.optional().describe('e.g. "Middle East correspondent"; empty removes it'),
    avatar: Avatar.optional().describe("An image uploaded to /api/media: its /media/… path"),
  })
  .strict();

/** Sets a user's title and avatar: one's own, or (admins) anyone's. */
export async function updateProfile(
  newsroom: Newsroom,
  actor: Actor,
  userId: string,
  input: unknown,
): Promise<NewsroomUser> {
  if (userId !== actor.id) ensure(actor, "user.manage");
  const patch = parseInput(ProfileInput, input);
  return commitChanges(newsroom, async ({ tx, audit }) => {
    const current = await tx.findUserById(userId);
    if (!current) throw new DomainError("user_not_found", "There is no user with that id");
    const next: NewsroomUser = { ...current };
    if (patch.title !== undefined) {
      if (patch.title) next.title = patch.title;
      else delete next.title;
    }
    if (patch.avatar !== undefined) {
      if (patch.avatar) next.avatar = patch.avatar;
      else delete next.avatar;
    }
    await tx.updateUser(next);
    await audit(actor, "user.update", {
      detail: { userId, email: current.email, ...patch },
    });
    return next;
  });
}

/**
 * The colleagues the actor may put on a byline: every active user for editors and admins;
 * a reporter signs only with their own name, so they see only themselves.
 */
export async function listContributors(newsroom: Newsroom, actor: Actor): Promise<NewsroomUser[]> {
  const users = await newsroom.store.listUsers();
  const mayPick = can(actor, "post.onBehalf");
  return users.filter((u) => !u.disabledAt && (mayPick || u.id === actor.id));
}
