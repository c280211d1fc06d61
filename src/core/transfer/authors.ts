// Contributors in an export document and back. A byline of a newsroom user is exported as its
// name and the user's e-mail; on import the e-mail finds the user again, and where no user has
// it the contributor becomes a free-text byline whose e-mail is kept aside (never on the public
// byline), so the next export names them exactly as the first did.

import type { Byline } from "../byline.js";
import type { ExportedAuthor } from "./document.js";

/** How a post's bylines are written in a document. */
export function exportAuthors(
  bylines: readonly Byline[],
  emailOfUser: (userId: string) => string | undefined,
  keptEmails: readonly (string | null)[] | undefined,
): ExportedAuthor[] {
  return bylines.map((byline, i) => {
    const email = byline.userId ? emailOfUser(byline.userId) : (keptEmails?.[i] ?? undefined);
    return {
      name: byline.name,
      ...(email ? { email } : {}),
      ...(byline.title ? { title: byline.title } : {}),
      ...(byline.avatar ? { avatar: byline.avatar } : {}),
      ...(!email && !byline.userId && byline.kind ? { kind: byline.kind } : {}),
    };
  });
}

export interface ImportedAuthors {
  bylines: Byline[];
  /** Aligned with `bylines`: the e-mail of a contributor no user here has; null when all matched. */
  keptEmails: (string | null)[] | null;
  /** The first contributor who is a user here, the post's author. */
  firstUser?: { id: string; name: string };
}

/** Bylines for a document's contributors, finding users by e-mail. */
export async function importAuthors(
  authors: readonly ExportedAuthor[],
  userByEmail: (email: string) => Promise<{ id: string; name: string } | undefined>,
): Promise<ImportedAuthors> {
  const bylines: Byline[] = [];
  const kept: (string | null)[] = [];
  let firstUser: { id: string; name: string } | undefined;
  for (const author of authors) {
    const user = author.email ? await userByEmail(author.email) : undefined;
    const extras = {
      ...(author.title ? { title: author.title } : {}),
      ...(author.avatar ? { avatar: author.avatar } : {}),
    };
    if (user) {
      firstUser ??= user;
      bylines.push({ name: author.name, ...extras, userId: user.id });
      kept.push(null);
    } else if (author.email) {
      bylines.push({ name: author.name, ...extras, kind: "person" });
      kept.push(author.email);
    } else {
      bylines.push({ name: author.name, ...extras, ...(author.kind ? { kind: author.kind } : {}) });
      kept.push(null);
    }
  }
  return {
    bylines,
    keptEmails: kept.some((email) => email !== null) ? kept : null,
    ...(firstUser ? { firstUser } : {}),
  };
}
