// Who may do what, over real HTTP: every action against every role (and no one signed in).
// Each cell of the table is its own test, with fresh fixtures, so one wrong permission fails
// exactly one test named after it.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/core/user.js";
import { paragraph, startTestServer, type TestServer, type TestUser } from "../helpers/server.js";

type Who = Role | "anonymous";
type Answer = Awaited<ReturnType<TestServer["api"]>>;

let server: TestServer;
/** Owns the blogs, posts and tokens that the actors act on. */
let owner: TestUser;
const actors = new Map<Who, TestUser | undefined>();
let serial = 0;

beforeAll(async () => {
  server = await startTestServer();
  owner = await server.userFor("editor", "Owner Editor");
  for (const role of ["admin", "editor", "reporter"] as const) {
    actors.set(role, await server.userFor(role, `Matrix ${role}`));
  }
  actors.set("anonymous", undefined);
});
afterAll(() => server.close());

const unique = (prefix: string) => `${prefix}-${++serial}-${process.pid}`;

async function blogOfOwner(): Promise<string> {
  const slug = unique("matrix");
  const res = await server.api("POST", "/api/blogs", {
    token: owner.token,
    body: { slug, title: "Matrix blog" },
  });
  expect(res.status).toBe(201);
  return slug;
}

async function postBy(token: string, slug: string): Promise<{ id: string; version: number }> {
  const res = await server.api("POST", `/api/blogs/${slug}/posts`, {
    token,
    body: { blocks: [paragraph("An update")] },
  });
  expect(res.status).toBe(201);
  return res.json;
}

/** Runs `action` as `who`; `self` is that actor (undefined for anonymous). */
type Act = (token: string | undefined, self: TestUser | undefined) => Promise<Answer>;

const patchOwnersPost = (body: Record<string, unknown>): Act => {
  return async (token) => {
    const slug = await blogOfOwner();
    const post = await postBy(owner.token, slug);
    return server.api("PATCH", `/api/blogs/${slug}/posts/${post.id}`, {
      token,
      body: { ...body, version: post.version },
    });
  };
};

const ACTIONS: Array<{ action: string; allowed: Who[]; act: Act }> = [
  {
    action: "create a blog",
    allowed: ["admin", "editor"],
    act: (token) =>
      server.api("POST", "/api/blogs", { token, body: { slug: unique("new"), title: "New" } }),
  },
  {
    action: "edit a blog",
    allowed: ["admin", "editor"],
    act: async (token) =>
      server.api("PATCH", `/api/blogs/${await blogOfOwner()}`, { token, body: { title: "T" } }),
  },
  {
    action: "close a blog",
    allowed: ["admin", "editor"],
    act: async (token) =>
      server.api("PATCH", `/api/blogs/${await blogOfOwner()}`, {
        token,
        body: { status: "closed" },
      }),
  },
  {
    action: "publish a post",
    allowed: ["admin", "editor", "reporter"],
    act: async (token) =>
      server.api("POST", `/api/blogs/${await blogOfOwner()}/posts`, {
        token,
        body: { blocks: [paragraph("Breaking")] },
      }),
  },
  {
    action: "edit their own post",
    allowed: ["admin", "editor", "reporter"],
    act: async (token) => {
      const slug = await blogOfOwner();
      // No one signed in has no post of their own: they try the owner's.
      const post = await postBy(token ?? owner.token, slug);
      return server.api("PATCH", `/api/blogs/${slug}/posts/${post.id}`, {
        token,
        body: { version: post.version, blocks: [paragraph("Corrected")] },
      });
    },
  },
  {
    action: "edit another's post",
    allowed: ["admin", "editor"],
    act: patchOwnersPost({ blocks: [paragraph("Rewritten")] }),
  },
  {
    action: "delete another's post",
    allowed: ["admin", "editor"],
    act: async (token) => {
      const slug = await blogOfOwner();
      const post = await postBy(owner.token, slug);
      return server.api("DELETE", `/api/blogs/${slug}/posts/${post.id}`, { token });
    },
  },
  { action: "pin a post", allowed: ["admin", "editor"], act: patchOwnersPost({ pinned: true }) },
  {
    action: "mark a key event",
    allowed: ["admin", "editor"],
    act: patchOwnersPost({ keyEvent: true }),
  },
  {
    action: "move a post's displayed time",
    allowed: ["admin", "editor"],
    act: async (token) => {
      const slug = await blogOfOwner();
      const post = await postBy(owner.token, slug);
      const blog = (await server.api("GET", `/api/blogs/${slug}`)).json;
      return server.api("PATCH", `/api/blogs/${slug}/posts/${post.id}`, {
        token,
        body: { publishedAt: blog.createdAt, version: post.version },
      });
    },
  },
  {
    action: "set a colleague's byline title",
    allowed: ["admin"],
    act: (token) =>
      server.api("PATCH", `/api/users/${owner.id}/profile`, {
        token,
        body: { title: "Night editor" },
      }),
  },
  {
    action: "list users",
    allowed: ["admin"],
    act: (token) => server.api("GET", "/api/users", { token }),
  },
  {
    action: "add a user",
    allowed: ["admin"],
    act: (token) =>
      server.api("POST", "/api/users", {
        token,
        body: { email: `${unique("added")}@newsroom.example`, role: "reporter" },
      }),
  },
  {
    action: "create a token for themselves",
    allowed: ["admin", "editor", "reporter"],
    act: (token, self) =>
      server.api("POST", "/api/tokens", {
        token,
        body: { label: "script", ...(self ? { userId: self.id } : {}) },
      }),
  },
  {
    action: "create a token for another user",
    allowed: ["admin"],
    act: (token) =>
      server.api("POST", "/api/tokens", { token, body: { label: "for you", userId: owner.id } }),
  },
  {
    action: "revoke another's token",
    allowed: ["admin"],
    act: async (token) => {
      const made = await server.api("POST", "/api/tokens", {
        token: owner.token,
        body: { label: "owner script" },
      });
      expect(made.status).toBe(201);
      return server.api("DELETE", `/api/tokens/${made.json.id}`, { token });
    },
  },
  {
    action: "read the audit log",
    allowed: ["admin"],
    act: (token) => server.api("GET", "/api/audit", { token }),
  },
];

const WHO: Who[] = ["admin", "editor", "reporter", "anonymous"];

describe.each(ACTIONS)("$action", ({ allowed, act }) => {
  it.each(WHO)("as %s", async (who) => {
    const self = actors.get(who);
    const answer = await act(self?.token, self);
    if (allowed.includes(who)) {
      expect(answer.status, JSON.stringify(answer.json)).toBeGreaterThanOrEqual(200);
      expect(answer.status, JSON.stringify(answer.json)).toBeLessThan(300);
    } else if (who === "anonymous") {
      expect(answer.status).toBe(401);
      expect(answer.json.error.code).toBe("unauthorized");
    } else {
      expect(answer.status).toBe(403);
      expect(answer.json.error.code).toBe("forbidden");
    }
  });
});
