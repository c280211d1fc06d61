// Who a post is signed by. Editors and admins may sign a post with any active colleague (to
// publish on their behalf) and any free-text names; a reporter signs with their own name,
// may add free-text contributors (an agency, a guest), and may keep colleagues an editor
// already put on the post, but never adds one. The audit log always names the real actor.

import { type Byline, type BylineInput, userByline } from "../byline.js";
import { DomainError, validationError } from "../errors.js";
import { can } from "../permissions.js";
import type { Store } from "../ports.js";
import type { Actor } from "../user.js";

/**
 * The bylines a request asks for, checked and resolved to names, titles and avatars as they
 * stand now. `kept` are the post's current bylines (none for a new post).
 */
export async function resolveBylines(
  store: Pick<Store, "findUserById">,
  actor: Actor,
  requested: readonly BylineInput[],
  kept: readonly Byline[] = [],
): Promise<Byline[]> {
  const signsForOthers = can(actor, "post.onBehalf");
  const resolved: Byline[] = [];
  const seen = new Set<string>();
  for (const [index, wanted] of requested.entries()) {
    const field = `bylines[${index}]`;
    if ("name" in wanted) {
      const key = `name:${wanted.name.toLowerCase()}`;
      if (seen.has(key)) throw validationError(`${field}.name`, `${wanted.name} is named twice`);
      seen.add(key);
      resolved.push({ name: wanted.name, kind: wanted.kind ?? "organization" });
      continue;
    }
    const { userId } = wanted;
    if (seen.has(`user:${userId}`))
      throw validationError(`${field}.userId`, "This colleague is named twice");
    seen.add(`user:${userId}`);
    const alreadyOn = kept.some((b) => b.userId === userId);
    if (!signsForOthers && userId !== actor.id && !alreadyOn) throw notYours(`${field}.userId`);
    if (userId === actor.id) {
      resolved.push(userByline(actor));
      continue;
    }
    const user = await store.findUserById(userId);
    if (!user || user.disabledAt) {
      throw new DomainError(
        "byline_user_not_found",
        "There is no active newsroom user with that id; name a guest or agency with `name` instead",
        { field: `${field}.userId` },
      );
    }
    resolved.push(userByline(user));
  }
  if (!signsForOthers && !resolved.some((b) => b.userId === actor.id)) {
    throw new DomainError(
      "byline_forbidden",
      "Reporters sign their own posts: include yourself ({userId: your id}) among the bylines",
      { field: "bylines" },
    );
  }
  return resolved;
}

function notYours(field: string): DomainError {
  return new DomainError(
    "byline_forbidden",
    "Reporters sign posts with their own name (free-text contributors such as an agency may be added); only editors and admins publish on a colleague's behalf",
    { field },
  );
}

/** Names for the audit log: who the post was signed by. */
export function bylineNames(bylines: readonly Byline[]): string[] {
  return bylines.map((b) => b.name);
}
