// A continuing story across live blogs, on SQLite and PostgreSQL: a blog names the blog
// before and after it (slugs that must exist, and not itself), the API carries both, and the
// reader page links to them; null takes a link away. An export carries both links, and an
// import into another newsroom restores them, whichever of the story's blogs comes in first.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { downloadExport, unpack } from "../transfer/transfer-support.js";

describe.each(["sqlite", "postgres"] as const)("previous and next blogs on %s", (backend) => {
  let server: TestServer;
  let database: TestDatabase | undefined;
  let editor: string;
  const first = `protests-day-one-${backend}`;
  const second = `protests-day-two-${backend}`;
  const patch = (slug: string, body: unknown) =>
    server.api("PATCH", `/api/blogs/${slug}`, { token: editor, body });

  beforeAll(async () => {
    database = backend === "postgres" ? await createTestDatabase() : undefined;
    server = await startTestServer(database ? { databaseUrl: database.url } : {});
    editor = await server.tokenFor("editor");
    for (const slug of [first, second]) {
      const created = await server.api("POST", "/api/blogs", {
        token: editor,
        body: { slug, title: `Protests ${slug}` },
      });
      expect(created.status).toBe(201);
    }
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it("refuses a blog that does not exist, and the blog itself", async () => {
    const missing = await patch(second, { previousBlog: "no-such-blog" });
    expect(missing.status).toBe(422);
    expect(missing.json.error.field).toBe("previousBlog");
    const itself = await patch(second, { nextBlog: second });
    expect(itself.status).toBe(422);
    expect(itself.json.error.field).toBe("nextBlog");
    const bad = await patch(second, { nextBlog: "Not A Slug" });
    expect(bad.status).toBe(422);
  });

  it("links the blogs of a story both ways, in the API and on the reader pages", async () => {
    const back = await patch(second, { previousBlog: first });
    expect(back.status, JSON.stringify(back.json)).toBe(200);
    expect(back.json).toMatchObject({ previousBlog: first, nextBlog: null });
    expect((await patch(first, { nextBlog: second })).json.nextBlog).toBe(second);
    expect((await server.api("GET", `/api/blogs/${first}`)).json.nextBlog).toBe(second);

    const secondPage = await (await fetch(`${server.url}/live/${second}`)).text();
    expect(secondPage).toContain(
      `<a class="story-previous" href="/live/${first}">Earlier coverage of this story</a>`,
    );
    expect(secondPage).not.toContain("story-next");
    const firstPage = await (await fetch(`${server.url}/live/${first}`)).text();
    expect(firstPage).toContain(`<a class="story-next" href="/live/${second}">`);

    const cleared = await patch(first, { nextBlog: null });
    expect(cleared.json.nextBlog).toBeNull();
    expect(await (await fetch(`${server.url}/live/${first}`)).text()).not.toContain("story-links");
  });

  it("carries the links through an export and an import into another newsroom", async () => {
    expect((await patch(second, { previousBlog: first })).status).toBe(200);
    expect((await patch(first, { nextBlog: second })).status).toBe(200);
    const scratch = await mkdtemp(path.join(tmpdir(), "dispatch-story-"));
    const other = backend === "postgres" ? await createTestDatabase() : undefined;
    const target = await startTestServer(other ? { databaseUrl: other.url } : {});
    try {
      const admin = await server.tokenFor("admin");
      const documents = [];
      for (const slug of [second, first]) {
        const archive = path.join(scratch, `${slug}.tar`);
        await downloadExport(server, slug, admin, archive);
        documents.push((await unpack(archive)).document);
      }
      expect(documents[0].blog.previousBlog).toBe(first);
      expect(documents[0].blog).not.toHaveProperty("nextBlog");
      expect(documents[1].blog.nextBlog).toBe(second);
      expect(documents[1].blog).not.toHaveProperty("previousBlog");

      // The later blog first: its link names a blog not yet there, and is kept for it.
      const importer = await target.tokenFor("admin");
      for (const document of documents) {
        const imported = await fetch(`${target.url}/api/import`, {
          method: "POST",
          headers: { authorization: `Bearer ${importer}`, "content-type": "application/json" },
          body: JSON.stringify(document),
        });
        expect(imported.status, await imported.text()).toBe(200);
      }
      const [later, earlier] = await Promise.all(
        [second, first].map(async (slug) => (await target.api("GET", `/api/blogs/${slug}`)).json),
      );
      expect(later).toMatchObject({ previousBlog: first, nextBlog: null });
      expect(earlier).toMatchObject({ previousBlog: null, nextBlog: second });
      const page = await (await fetch(`${target.url}/live/${second}`)).text();
      expect(page).toContain(`<a class="story-previous" href="/live/${first}">`);
    } finally {
      await target.close();
      await other?.drop();
      await rm(scratch, { recursive: true, force: true });
    }
  });
});
