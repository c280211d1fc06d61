// The audit log over real HTTP: narrowed by person, blog and action (and paged through a
// narrowed log), each entry naming its blog and post as they are now, with the reader's link
// for a published post and none for a deleted one; bad filters are refused by name.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paragraph, startTestServer, type TestServer, type TestUser } from "../helpers/server.js";

let server: TestServer;
let admin: TestUser;
let amira: TestUser;
let bo: TestUser;
let rui: TestUser;
const harbour = `harbour-fire-${process.pid}`;
const bridge = `bridge-${process.pid}`;
let curfewId: string;
let inspectionId: string;
let depotId: string;

interface Entry {
  action: string;
  actor: { id: string; name: string } | null;
  blog?: string;
  blogTitle?: string;
  postId?: string;
  post?: { title: string; status: string; permalink?: string; deleted?: true };
}

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.userFor("admin", "Ada Admin");
  amira = await server.userFor("editor", "Amira Haddad");
  bo = await server.userFor("editor", "Bo Lindqvist");
  rui = await server.userFor("reporter", "Rui Reporter");
  const made = async (token: string, route: string, body: unknown, method = "POST") => {
    const answer = await server.api(method, route, { token, body });
    if (answer.status >= 300) throw new Error(`${route}: ${JSON.stringify(answer.json)}`);
    return answer.json;
  };
  await made(amira.token, "/api/blogs", { slug: harbour, title: "Harbour fire" });
  await made(bo.token, "/api/blogs", {
    slug: bridge,
    title: "Bridge works",
    reporterMode: "approval",
  });
  curfewId = (
    await made(amira.token, `/api/blogs/${harbour}/posts`, {
      title: "Curfew from ten",
      blocks: [paragraph("The council has announced a curfew.")],
    })
  ).id;
  inspectionId = (
    await made(amira.token, `/api/blogs/${bridge}/posts`, {
      title: "Bridge inspection",
      blocks: [paragraph("Engineers are on the bridge.")],
    })
  ).id;
  await server.api("DELETE", `/api/blogs/${bridge}/posts/${inspectionId}`, { token: bo.token });
  depotId = (
    await made(rui.token, `/api/blogs/${bridge}/posts`, {
      title: "Bus depot",
      blocks: [paragraph("Smoke seen at the depot.")],
    })
  ).id;
  await made(bo.token, `/api/blogs/${bridge}/posts/${depotId}/return`, { note: "Which depot?" });
});
afterAll(() => server.close());

const read = async (query: string) => {
  const answer = await server.api("GET", `/api/audit?${query}`, { token: admin.token });
  expect(answer.status).toBe(200);
  return answer.json as { entries: Entry[]; next?: string };
};

describe("the audit log's filters", () => {
  it("reads what one person did, and only that", async () => {
    const { entries } = await read(`actor=${amira.id}`);
    expect(entries.map((e) => e.action)).toEqual(["post.publish", "post.publish", "blog.create"]);
    expect(entries.every((e) => e.actor?.name === "Amira Haddad")).toBe(true);
  });

  it("reads one blog's entries, one action in it, and pages through them", async () => {
    const { entries } = await read(`blog=${bridge}`);
    expect(entries.map((e) => e.action)).toEqual([
      "post.return",
      "post.submit",
      "post.delete",
      "post.publish",
      "blog.create",
    ]);
    expect(entries.every((e) => e.blog === bridge && e.blogTitle === "Bridge works")).toBe(true);
    const deletions = await read(`blog=${bridge}&action=post.delete`);
    expect(deletions.entries.map((e) => e.postId)).toEqual([inspectionId]);

    const first = await read(`blog=${bridge}&limit=2`);
    expect(first.entries.map((e) => e.action)).toEqual(["post.return", "post.submit"]);
    const rest = await read(`blog=${bridge}&limit=10&before=${first.next}`);
    expect(rest.entries.map((e) => e.action)).toEqual([
      "post.delete",
      "post.publish",
      "blog.create",
    ]);
    expect(rest.next).toBeUndefined();
  });

  it("combines person, blog and action", async () => {
    const { entries } = await read(`actor=${bo.id}&blog=${bridge}`);
    expect(entries.map((e) => e.action)).toEqual(["post.return", "post.delete", "blog.create"]);
    const none = await read(`actor=${rui.id}&blog=${harbour}`);
    expect(none.entries).toEqual([]);
  });
});

describe("what each entry says about its post", () => {
  it("names a published post with its reader link and the blog's title", async () => {
    const { entries } = await read(`blog=${harbour}&action=post.publish`);
    expect(entries[0]).toMatchObject({
      actor: { id: amira.id, name: "Amira Haddad" },
      blog: harbour,
      blogTitle: "Harbour fire",
      post: {
        title: "Curfew from ten",
        status: "published",
        permalink: `/live/${harbour}/posts/${curfewId}`,
      },
    });
    const page = await fetch(`${server.url}${entries[0]?.post?.permalink}`);
    expect(page.status).toBe(200);
  });

  it("names a deleted post by its title, with no link to it", async () => {
    const { entries } = await read(`action=post.delete&actor=${bo.id}`);
    expect(entries[0]?.post).toEqual({
      id: inspectionId,
      title: "Bridge inspection",
      status: "published",
      author: { name: "Amira Haddad" },
      deleted: true,
    });
  });

  it("gives a returned post's author, and the editor's note", async () => {
    const { entries } = await read(`action=post.return&blog=${bridge}`);
    expect(entries[0]).toMatchObject({
      actor: { name: "Bo Lindqvist" },
      post: { title: "Bus depot", status: "draft", author: { name: "Rui Reporter" } },
      detail: { note: "Which depot?" },
    });
    expect(entries[0]?.post?.permalink).toBeUndefined();
  });
});

describe("refusals", () => {
  it.each([
    ["action=post.explode", "action"],
    ["limit=0", "limit"],
    ["limit=many", "limit"],
    ["colour=red", "colour"],
    ["actor=", "actor"],
  ])("answers 400 invalid_query for %s, naming the parameter", async (query, field) => {
    const answer = await server.api("GET", `/api/audit?${query}`, { token: admin.token });
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({ code: "invalid_query", field });
  });

  it("answers 404 for a blog that does not exist", async () => {
    const answer = await server.api("GET", "/api/audit?blog=no-such-blog", { token: admin.token });
    expect(answer.status).toBe(404);
    expect(answer.json.error).toMatchObject({ code: "blog_not_found", field: "blog" });
  });

  it("is for admins: editors are refused, the public must sign in", async () => {
    const editor = await server.api("GET", `/api/audit?blog=${bridge}`, { token: bo.token });
    expect(editor.status).toBe(403);
    const anyone = await server.api("GET", `/api/audit?blog=${bridge}`);
    expect(anyone.status).toBe(401);
    expect(JSON.stringify(anyone.json)).not.toContain("Bridge inspection");
  });
});

describe("the OpenAPI document", () => {
  it("describes the audit log's filters and the post each entry names", async () => {
    const doc = await server.api("GET", "/api/openapi.json");
    const audit = doc.json.paths["/api/audit"].get;
    const names = audit.parameters.map((p: { name: string }) => p.name);
    expect(names).toEqual(["limit", "before", "actor", "blog", "action"]);
    const action = audit.parameters.find((p: { name: string }) => p.name === "action");
    expect(action.schema.enum).toContain("post.return");
    const entry = audit.responses["200"].content["application/json"].schema.properties.entries;
    expect(Object.keys(entry.items.properties.post.properties)).toContain("permalink");
  });
});
