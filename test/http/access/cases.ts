// The expected-access table's vocabulary, for test/http/access-matrix.test.ts: who knocks,
// what a row of the table says (who may, what they get), and the fixtures rows build their
// requests from. The rows themselves are in coverage.ts (blogs, posts, streams, reader pages)
// and people.ts (sessions, users, tokens, media, the operator's endpoints).

import type { Role } from "../../../src/core/user.js";
import { paragraph, type TestServer, type TestUser } from "../../helpers/server.js";

/** Who knocks: the roles, no one, a token that never was, one revoked, a cookie without CSRF. */
export type Who = Role | "anonymous" | "bad token" | "revoked token" | "cookie without CSRF";

export interface Fixtures {
  server: TestServer;
  /** An editor who owns the blogs and posts others act on. */
  owner: TestUser;
  /** Another reporter, whose drafts a reporter must not see. */
  colleague: TestUser;
  /** An image the colleague uploaded: its id and /media/… path. */
  colleaguesImage: { id: string; src: string };
  /** A tiny PNG to upload. */
  png: Buffer;
  unique(prefix: string): string;
}

export interface Knock {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  /** Sent as multipart/form-data instead of JSON. */
  form?: FormData;
  headers?: Record<string, string>;
}

/** The answer as the matrix saw it: a stream's body is not read. */
export interface Seen {
  status: number;
  contentType: string;
  // biome-ignore lint/suspicious/noExplicitAny: the checks read arbitrary JSON answers
  json: any;
}

export interface AccessCase {
  name: string;
  /** Who may; a cookie acts as its user, an admin (its writes are refused without CSRF). */
  allowed: "everyone" | readonly Role[];
  /** The status an allowed request gets (a 4xx when the request is refused for its content). */
  ok: number;
  okCode?: string;
  /** Refusals other than the defaults (401 unauthorized; 403 forbidden; 403 csrf_failed). */
  refused?: Partial<Record<Who, [number, string | null]>>;
  /** `self` is the caller's user (undefined when no one is signed in). */
  prepare(f: Fixtures, self: TestUser | undefined): Promise<Knock>;
  /** More to hold for an allowed caller, such as whose drafts they see. */
  check?(seen: Seen, who: Who, f: Fixtures): void;
}

export const NEWSROOM: readonly Role[] = ["reporter", "editor", "admin"];
export const EDITORS: readonly Role[] = ["editor", "admin"];
export const ADMINS: readonly Role[] = ["admin"];
/** Outside the newsroom a draft or preview does not exist: 404, not 401. */
export const HIDDEN_POST: AccessCase["refused"] = {
  anonymous: [404, "post_not_found"],
  reporter: [404, "post_not_found"],
};

export async function must<T>(
  answer: Promise<{ status: number; json: T }>,
  status: number,
): Promise<T> {
  const { status: got, json } = await answer;
  if (got !== status) throw new Error(`Fixture failed: ${got} ${JSON.stringify(json)}`);
  return json;
}

export async function blog(f: Fixtures, extra: Record<string, unknown> = {}): Promise<string> {
  const slug = f.unique("matrix");
  await must(
    f.server.api("POST", "/api/blogs", {
      token: f.owner.token,
      body: { slug, title: "Matrix blog", ...extra },
    }),
    201,
  );
  return slug;
}

export async function post(
  f: Fixtures,
  slug: string,
  token: string,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; version: number; title: string }> {
  return must(
    f.server.api("POST", `/api/blogs/${slug}/posts`, {
      token,
      body: { blocks: [paragraph("Flood barriers are up")], ...extra },
    }),
    201,
  );
}

/** A blog with the colleague's draft and, when the caller can write, one of their own. */
export async function draftsOfTwo(f: Fixtures, self: TestUser | undefined, word = "harbour") {
  const slug = await blog(f);
  const theirs = await post(f, slug, f.colleague.token, {
    title: `Colleague's ${word} draft`,
    status: "draft",
  });
  const own = self
    ? await post(f, slug, self.token, { title: `Own ${word} draft`, status: "draft" })
    : theirs;
  return { slug, theirs, own };
}

export const titles = (seen: Seen): string[] =>
  seen.json.posts.map((p: { title: string }) => p.title);

/** Reporters see their own drafts and no one else's; editors and admins see both. */
export function onlyOwnDraftsForReporters(seen: Seen, who: Who): void {
  const list = titles(seen);
  if (!list.some((t) => t.startsWith("Own"))) throw new Error(`Own draft missing: ${list}`);
  const seesColleague = list.some((t) => t.startsWith("Colleague's"));
  if (seesColleague !== (who !== "reporter")) {
    throw new Error(`${who} ${seesColleague ? "sees" : "misses"} a colleague's draft: ${list}`);
  }
}

/** A blog that takes reporters' posts for approval, with the colleague's submission. */
export async function submission(f: Fixtures): Promise<Knock> {
  const slug = await blog(f, { reporterMode: "approval" });
  const submitted = await post(f, slug, f.colleague.token, { title: "For approval" });
  return { params: { slug, id: submitted.id }, body: { version: submitted.version } };
}

export const publicPage = (path: string, ok = 200): Record<string, AccessCase[]> => ({
  [`GET ${path}`]: [{ name: "read", allowed: "everyone", ok, prepare: async () => ({}) }],
});
