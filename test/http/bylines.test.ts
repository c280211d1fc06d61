// Bylines over real HTTP: colleagues and free-text contributors on a post, editors publishing
// on a reporter's behalf (the audit log still names who did it), a wire script's token
// publishing under an agency's name, and what reporters may not do.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paragraph, startTestServer, type TestServer, type TestUser } from "../helpers/server.js";

let server: TestServer;
let admin: TestUser;
let editor: TestUser;
let reporter: TestUser;
let colleague: TestUser;
let serial = 0;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.userFor("admin", "Ada Admin");
  editor = await server.userFor("editor", "Eli Editor");
  reporter = await server.userFor("reporter", "Rana Reporter");
  colleague = await server.userFor("reporter", "Cole Colleague");
  const profile = await server.api("PATCH", `/api/users/${reporter.id}/profile`, {
    token: reporter.token,
    body: { title: "Middle East correspondent", avatar: "/media/u/rana/480.webp" },
  });
  expect(profile.status).toBe(200);
});
afterAll(() => server.close());

async function newBlog(): Promise<string> {
  const slug = `bylines-${++serial}-${process.pid}`;
  const res = await server.api("POST", "/api/blogs", {
    token: editor.token,
    body: { slug, title: "Bylines" },
  });
  expect(res.status).toBe(201);
  return slug;
}

function publish(slug: string, token: string, extra: Record<string, unknown> = {}) {
  return server.api("POST", `/api/blogs/${slug}/posts`, {
    token,
    body: { blocks: [paragraph("From the border crossing")], ...extra },
  });
}

async function auditOf(postId: string) {
  const log = await server.api("GET", "/api/audit?limit=100", { token: admin.token });
  expect(log.status).toBe(200);
  return log.json.entries.filter((e: { postId?: string }) => e.postId === postId);
}

describe("bylines on a post", () => {
  it("signs a post with its writer, title and avatar when no bylines are named", async () => {
    const slug = await newBlog();
    const res = await publish(slug, reporter.token);
    expect(res.status).toBe(201);
    expect(res.json.author).toEqual({ name: "Rana Reporter" });
    expect(res.json.bylines).toEqual([
      {
        name: "Rana Reporter",
        title: "Middle East correspondent",
        avatar: "/media/u/rana/480.webp",
        userId: reporter.id,
      },
    ]);
  });

  it("lets an editor publish on a reporter's behalf with an agency, and audits the editor", async () => {
    const slug = await newBlog();
    const res = await publish(slug, editor.token, {
      bylines: [{ userId: reporter.id }, { name: "Reuters" }],
    });
    expect(res.status).toBe(201);
    expect(res.json.author).toEqual({ name: "Rana Reporter" });
    expect(res.json.bylines).toEqual([
      expect.objectContaining({ name: "Rana Reporter", userId: reporter.id }),
      { name: "Reuters", kind: "organization" },
    ]);
    const publicView = await server.api("GET", `/api/blogs/${slug}/posts/${res.json.id}`);
    expect(publicView.json.bylines.map((b: { name: string }) => b.name)).toEqual([
      "Rana Reporter",
      "Reuters",
    ]);
    // Readers see both, the reporter's portrait named for them, and so do search engines.
    const page = await (await fetch(`${server.url}/live/${slug}`)).text();
    expect(page).toContain('<img class="avatar" src="/media/u/rana/480.webp" alt="Rana Reporter"');
    expect(page).toContain('<span class="byline-title">Middle East correspondent</span>');
    expect(page).not.toContain("Eli Editor");
    const ld = JSON.parse(
      /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)?.[1] ?? "{}",
    );
    expect(ld.liveBlogUpdate[0].author).toEqual([
      expect.objectContaining({ "@type": "Person", name: "Rana Reporter" }),
      { "@type": "Organization", name: "Reuters" },
    ]);
    const [entry] = await auditOf(res.json.id);
    expect(entry).toMatchObject({
      action: "post.publish",
      actor: { id: editor.id, name: "Eli Editor" },
      detail: { bylines: ["Rana Reporter", "Reuters"] },
    });

    // The reporter it was published for may now correct it, as their own post.
    const edit = await server.api("PATCH", `/api/blogs/${slug}/posts/${res.json.id}`, {
      token: reporter.token,
      body: { blocks: [paragraph("Corrected by Rana")], version: res.json.version },
    });
    expect(edit.status).toBe(200);
  });

  it("publishes a wire script's posts under the agency, not the token's owner", async () => {
    const slug = await newBlog();
    const wire = await server.userFor("editor", "Wire Importer");
    const res = await publish(slug, wire.token, { bylines: [{ name: "Agence France-Presse" }] });
    expect(res.status).toBe(201);
    expect(res.json.author).toEqual({ name: "Agence France-Presse" });
    expect(res.json.bylines).toEqual([{ name: "Agence France-Presse", kind: "organization" }]);
    const page = await fetch(`${server.url}/live/${slug}`);
    expect(await page.text()).not.toContain("Wire Importer");
    const [entry] = await auditOf(res.json.id);
    expect(entry.actor).toEqual({ id: wire.id, name: "Wire Importer" });
  });

  it("lets a reporter add a free-text guest beside themselves", async () => {
    const slug = await newBlog();
    const res = await publish(slug, reporter.token, {
      bylines: [{ userId: reporter.id }, { name: "Guest: Dr. Lina Haddad", kind: "person" }],
    });
    expect(res.status).toBe(201);
    expect(res.json.bylines[1]).toEqual({ name: "Guest: Dr. Lina Haddad", kind: "person" });
  });

  it("refuses a reporter signing a colleague, or leaving themselves off", async () => {
    const slug = await newBlog();
    const colleagues = await publish(slug, reporter.token, {
      bylines: [{ userId: reporter.id }, { userId: colleague.id }],
    });
    expect(colleagues.status).toBe(403);
    expect(colleagues.json.error).toMatchObject({
      code: "byline_forbidden",
      field: "bylines[1].userId",
    });
    const agencyOnly = await publish(slug, reporter.token, { bylines: [{ name: "Reuters" }] });
    expect(agencyOnly.status).toBe(403);
    expect(agencyOnly.json.error).toMatchObject({ code: "byline_forbidden", field: "bylines" });
    const posts = await server.api("GET", `/api/blogs/${slug}/posts`);
    expect(posts.json.posts).toEqual([]);
  });

  it("refuses an unknown or disabled colleague, and an empty name", async () => {
    const slug = await newBlog();
    const unknown = await publish(slug, editor.token, { bylines: [{ userId: "no-such-user" }] });
    expect(unknown.status).toBe(422);
    expect(unknown.json.error).toMatchObject({
      code: "byline_user_not_found",
      field: "bylines[0].userId",
    });
    const gone = await server.userFor("reporter", "Gone Reporter");
    await server.api("PATCH", `/api/users/${gone.id}`, {
      token: admin.token,
      body: { disabled: true },
    });
    const disabled = await publish(slug, editor.token, { bylines: [{ userId: gone.id }] });
    expect(disabled.json.error.code).toBe("byline_user_not_found");
    const empty = await publish(slug, editor.token, { bylines: [{ name: "  " }] });
    expect(empty.status).toBe(422);
    expect(empty.json.error.field).toBe("bylines[0].name");
  });

  it("changes the bylines of a post and tells live readers", async () => {
    const slug = await newBlog();
    const post = await publish(slug, editor.token);
    const before = (await server.api("GET", `/api/blogs/${slug}/changes`)).json.last;
    const res = await server.api("PATCH", `/api/blogs/${slug}/posts/${post.json.id}`, {
      token: editor.token,
      body: { bylines: [{ userId: colleague.id }, { name: "AP" }], version: post.json.version },
    });
    expect(res.status).toBe(200);
    expect(res.json.author).toEqual({ name: "Cole Colleague" });
    const changes = await server.api("GET", `/api/blogs/${slug}/changes?since=${before}`);
    expect(changes.json.changes).toHaveLength(1);
    expect(changes.json.changes[0].data.bylines.map((b: { name: string }) => b.name)).toEqual([
      "Cole Colleague",
      "AP",
    ]);
  });
});

describe("the desk's search", () => {
  it("finds a post by any name on its byline, and by who published it", async () => {
    const slug = await newBlog();
    const post = await publish(slug, editor.token, {
      bylines: [{ userId: colleague.id }, { name: "Anadolu Agency" }],
    });
    const found = async (author: string) => {
      const res = await server.api(
        "GET",
        `/api/blogs/${slug}/posts/search?author=${encodeURIComponent(author)}`,
        { token: editor.token },
      );
      expect(res.status).toBe(200);
      return res.json.posts.map((p: { id: string }) => p.id);
    };
    expect(await found("anadolu")).toEqual([post.json.id]);
    expect(await found("cole colleague")).toEqual([post.json.id]);
    expect(await found("eli editor")).toEqual([post.json.id]);
    expect(await found("rana")).toEqual([]);
  });
});

describe("profiles and contributors", () => {
  it("lets a user set their own title, an admin anyone's, but no one else's", async () => {
    const other = await server.api("PATCH", `/api/users/${colleague.id}/profile`, {
      token: reporter.token,
      body: { title: "Chief of everything" },
    });
    expect(other.status).toBe(403);
    const byAdmin = await server.api("PATCH", `/api/users/${colleague.id}/profile`, {
      token: admin.token,
      body: { title: "Gaza producer" },
    });
    expect(byAdmin.json).toMatchObject({ id: colleague.id, title: "Gaza producer" });
    const outside = await server.api("PATCH", `/api/users/${reporter.id}/profile`, {
      token: reporter.token,
      body: { avatar: "https://elsewhere.example/me.jpg" },
    });
    expect(outside.status).toBe(422);
    expect(outside.json.error.field).toBe("avatar");
    // Shown on every post it signs: never a path a browser would resolve out of /media/.
    for (const avatar of ["/media/%2e%2e/api/blogs/x/events", "/media/./u/r/480.webp"]) {
      const tricked = await server.api("PATCH", `/api/users/${reporter.id}/profile`, {
        token: reporter.token,
        body: { avatar },
      });
      expect(tricked.status).toBe(422);
      expect(tricked.json.error.field).toBe("avatar");
    }
  });

  it("lists every active colleague for editors and only oneself for reporters", async () => {
    const forEditor = await server.api("GET", "/api/contributors", { token: editor.token });
    const ids = forEditor.json.contributors.map((c: { id: string }) => c.id);
    expect(ids).toEqual(expect.arrayContaining([reporter.id, colleague.id, editor.id]));
    expect(forEditor.json.contributors).toContainEqual({
      id: reporter.id,
      name: "Rana Reporter",
      title: "Middle East correspondent",
      avatar: "/media/u/rana/480.webp",
    });
    const forReporter = await server.api("GET", "/api/contributors", { token: reporter.token });
    expect(forReporter.json.contributors.map((c: { id: string }) => c.id)).toEqual([reporter.id]);
    expect((await server.api("GET", "/api/contributors")).status).toBe(401);
  });
});

describe("the OpenAPI document", () => {
  it("describes bylines, the displayed time and the byline routes", async () => {
    const doc = (await server.api("GET", "/api/openapi.json")).json;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/contributors", "/api/users/{id}/profile"]),
    );
    const { Post, PostCreate, PostPatch } = doc.components.schemas;
    expect(Object.keys(Post.properties)).toEqual(expect.arrayContaining(["author", "bylines"]));
    expect(Object.keys(PostCreate.properties)).toContain("bylines");
    expect(Object.keys(PostPatch.properties)).toEqual(
      expect.arrayContaining(["bylines", "publishedAt"]),
    );
  });
});
