// A post's source line and verification over real HTTP, on SQLite and PostgreSQL: set on
// create and edit, refused with the field at fault, reporters kept to "unconfirmed", every
// change of verification audited and carried by the change log, readers shown both (escaped)
// on the page, permalink, embed, feeds and AMP, and the export document keeping them.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escapeHtml } from "../../src/core/content/inline.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { paragraph, startTestServer, type TestServer, type TestUser } from "../helpers/server.js";
import { xssCorpus } from "../hostile/xss-corpus.js";

const BACKENDS = ["sqlite", "postgres"] as const;

describe.each(BACKENDS)("attribution and verification (%s)", (backend) => {
  let server: TestServer;
  let database: TestDatabase | undefined;
  let admin: TestUser;
  let editor: TestUser;
  let reporter: TestUser;
  let serial = 0;

  beforeAll(async () => {
    database = backend === "postgres" ? await createTestDatabase() : undefined;
    // The export links media by the site's https address: PUBLIC_URL gives it one.
    const env = { PUBLIC_URL: "https://news.example" };
    server = await startTestServer(database ? { databaseUrl: database.url, env } : { env });
    admin = await server.userFor("admin", "Ada Admin");
    editor = await server.userFor("editor", "Eli Editor");
    reporter = await server.userFor("reporter", "Rui Reporter");
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  async function newBlog(): Promise<string> {
    const slug = `sourced-${backend}-${++serial}-${process.pid}`;
    const res = await server.api("POST", "/api/blogs", {
      token: editor.token,
      body: { slug, title: "Sourced coverage" },
    });
    expect(res.status).toBe(201);
    return slug;
  }

  const publish = (slug: string, body: Record<string, unknown>, token = editor.token) =>
    server.api("POST", `/api/blogs/${slug}/posts`, {
      token,
      body: { blocks: [paragraph("Crowds gather at the square.")], ...body },
    });

  it("sets both on create and edit, shows them in the Post JSON and logs the change", async () => {
    const slug = await newBlog();
    const made = await publish(slug, {
      source: { text: "via Reuters", url: "https://www.reuters.com/world/" },
      verification: { state: "unconfirmed", note: "Video not yet verified" },
    });
    expect(made.status).toBe(201);
    expect(made.json.source).toEqual({
      text: "via Reuters",
      url: "https://www.reuters.com/world/",
    });
    expect(made.json.verification).toEqual({
      state: "unconfirmed",
      note: "Video not yet verified",
    });
    const read = await server.api("GET", `/api/blogs/${slug}/posts/${made.json.id}`);
    expect(read.json.source.text).toBe("via Reuters");
    expect(read.json.verification.state).toBe("unconfirmed");
    const since = (await server.api("GET", `/api/blogs/${slug}/changes`)).json.last;

    const confirmed = await server.api("PATCH", `/api/blogs/${slug}/posts/${made.json.id}`, {
      token: editor.token,
      body: { verification: { state: "confirmed" }, version: made.json.version },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.json.verification).toEqual({ state: "confirmed" });
    expect(confirmed.json.source.text).toBe("via Reuters");

    // Pushed like any edit: the change log (what live readers and replays follow) carries it.
    const changes = await server.api("GET", `/api/blogs/${slug}/changes?since=${since}`);
    const pushed = changes.json.changes.find(
      (c: { event: string; data: { id: string } }) =>
        c.event === "post" && c.data.id === made.json.id,
    );
    expect(pushed?.data.verification).toEqual({ state: "confirmed" });

    const audit = await server.api("GET", `/api/audit?blog=${slug}&action=post.verify`, {
      token: admin.token,
    });
    expect(audit.status).toBe(200);
    expect(audit.json.entries).toHaveLength(1);
    expect(audit.json.entries[0].detail.verification).toEqual({
      from: "unconfirmed",
      to: "confirmed",
    });

    // null removes either; a plain edit leaves them as they were.
    const cleared = await server.api("PATCH", `/api/blogs/${slug}/posts/${made.json.id}`, {
      token: editor.token,
      body: { source: null, version: confirmed.json.version },
    });
    expect(cleared.status).toBe(200);
    expect(cleared.json.source).toBeUndefined();
    expect(cleared.json.verification).toEqual({ state: "confirmed" });
  });

  it("refuses bad values with the field at fault", async () => {
    const slug = await newBlog();
    const cases: [Record<string, unknown>, string][] = [
      [{ source: { text: "x".repeat(201) } }, "source.text"],
      [{ source: { text: "" } }, "source.text"],
      [{ source: { text: "via AFP\u0000" } }, "source.text"],
      [{ source: { text: "via AFP", url: "javascript:alert(1)" } }, "source.url"],
      [{ source: { text: "via AFP", url: "ftp://example.com/x" } }, "source.url"],
      [{ source: { url: "https://example.com/" } }, "source.text"],
      [{ verification: { state: "probably" } }, "verification.state"],
      [{ verification: { state: "disputed", note: "n".repeat(501) } }, "verification.note"],
      [{ verification: { state: "confirmed", by: "me" } }, "verification.by"],
    ];
    for (const [body, field] of cases) {
      const res = await publish(slug, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json.error.field, JSON.stringify(body)).toBe(field);
    }
    const listed = await server.api("GET", `/api/blogs/${slug}/posts`);
    expect(listed.json.posts).toHaveLength(0);
  });

  it("lets reporters credit sources and mark unconfirmed, never confirm or dispute", async () => {
    const slug = await newBlog();
    for (const state of ["confirmed", "disputed"]) {
      const refused = await publish(slug, { verification: { state } }, reporter.token);
      expect(refused.status).toBe(403);
      expect(refused.json.error).toMatchObject({ code: "forbidden", field: "verification" });
    }
    const own = await publish(
      slug,
      { source: { text: "Interior ministry statement" }, verification: { state: "unconfirmed" } },
      reporter.token,
    );
    expect(own.status).toBe(201);
    const confirmed = await server.api("PATCH", `/api/blogs/${slug}/posts/${own.json.id}`, {
      token: editor.token,
      body: { verification: { state: "confirmed", note: "Two witnesses" }, version: 1 },
    });
    expect(confirmed.status).toBe(200);
    // The desk's confirmation stands: the reporter cannot undo or replace it.
    for (const verification of [null, { state: "unconfirmed" }, { state: "disputed" }]) {
      const res = await server.api("PATCH", `/api/blogs/${slug}/posts/${own.json.id}`, {
        token: reporter.token,
        body: { verification, version: confirmed.json.version },
      });
      expect(res.status, JSON.stringify(verification)).toBe(403);
      expect(res.json.error.field).toBe("verification");
    }
    // …but edits the rest of their post, the verification sent back as it was.
    const edited = await server.api("PATCH", `/api/blogs/${slug}/posts/${own.json.id}`, {
      token: reporter.token,
      body: {
        source: { text: "Interior ministry", url: "https://example.gov/statement" },
        verification: { state: "confirmed", note: "Two witnesses" },
        version: confirmed.json.version,
      },
    });
    expect(edited.status).toBe(200);
    expect(edited.json.source.url).toBe("https://example.gov/statement");
    expect(edited.json.verification).toEqual({ state: "confirmed", note: "Two witnesses" });
  });

  it("shows the badge and the source line, escaped, on every public surface", async () => {
    const slug = await newBlog();
    const hostile = xssCorpus("http://127.0.0.1:9")
      .filter((v) => v.kind === "markup" && v.text.includes("<"))
      .slice(0, 12);
    for (const vector of hostile) {
      const res = await publish(slug, {
        source: { text: vector.text, url: "https://example.com/?a=1&b=2" },
        verification: { state: "disputed", note: vector.text },
      });
      expect(res.status).toBe(201);
    }
    const plain = await publish(slug, {
      source: { text: "via Reuters", url: "https://www.reuters.com/world/" },
      verification: { state: "unconfirmed", note: "Video not yet verified" },
    });
    const id = plain.json.id as string;
    const surfaces = {
      page: `/live/${slug}`,
      permalink: `/live/${slug}/posts/${id}`,
      embed: `/live/${slug}/embed`,
      amp: `/live/${slug}/amp`,
      lite: `/live/${slug}/lite`,
    };
    for (const [name, route] of Object.entries(surfaces)) {
      const res = await fetch(`${server.url}${route}`);
      expect(res.status, name).toBe(200);
      const page = await res.text();
      expect(page, name).toContain(
        '<p class="post-verification is-unconfirmed" data-verification="unconfirmed"><span class="verification-badge">Unconfirmed</span><span class="verification-note">Video not yet verified</span></p>',
      );
      expect(page, name).toContain(
        '<p class="post-source"><span class="post-source-label">Source:</span> <a href="https://www.reuters.com/world/">via Reuters</a></p>',
      );
      if (name === "permalink") continue;
      expect(page, name).toContain('<span class="verification-badge">Disputed</span>');
      for (const vector of hostile) {
        expect(page, `${name}: ${vector.text}`).not.toContain(vector.text);
        expect(page, `${name}: ${vector.text}`).toContain(
          `<a href="https://example.com/?a=1&amp;b=2">${escapeHtml(vector.text)}</a>`,
        );
      }
    }
    const permalink = await (await fetch(`${server.url}${surfaces.permalink}`)).text();
    // JSON-LD: the linked source is what the update is based on.
    expect(permalink).toContain('"isBasedOn":{"@type":"CreativeWork","name":"via Reuters"');

    const feed = await (await fetch(`${server.url}/live/${slug}/feed.json`)).json();
    const item = feed.items.find((i: { id: string; url: string }) => i.url.endsWith(id));
    expect(item.content_html).toContain('<span class="verification-badge">Unconfirmed</span>');
    expect(item.content_html).toContain("via Reuters</a></p>");
    const atom = await (await fetch(`${server.url}/live/${slug}/feed.atom`)).text();
    expect(atom).toContain("verification-badge");
    for (const vector of hostile) expect(atom).not.toContain(vector.text);
  });

  it("keeps both through an export and import", async () => {
    const slug = await newBlog();
    await publish(slug, {
      source: { text: "via AFP", url: "https://www.afp.com/en" },
      verification: { state: "disputed", note: "The army denies it" },
    });
    await publish(slug, { source: { text: "Local radio" } });
    await publish(slug, {});
    const exported = await server.api("GET", `/api/blogs/${slug}/export?media=link`, {
      token: admin.token,
    });
    expect(exported.status, JSON.stringify(exported.json)).toBe(200);
    const attribution = (doc: { posts: Record<string, unknown>[] }) =>
      doc.posts.map((p) => [p.source ?? null, p.verification ?? null]);
    expect(attribution(exported.json)).toEqual(
      expect.arrayContaining([
        [
          { text: "via AFP", url: "https://www.afp.com/en" },
          { state: "disputed", note: "The army denies it" },
        ],
        [{ text: "Local radio" }, null],
        [null, null],
      ]),
    );
    // Into a newsroom of its own (the ids are the blog's), on the same backend.
    const targetDb = backend === "postgres" ? await createTestDatabase() : undefined;
    const target = await startTestServer({
      env: { PUBLIC_URL: "https://other.example" },
      ...(targetDb ? { databaseUrl: targetDb.url } : {}),
    });
    try {
      const importer = await target.userFor("admin");
      const imported = await target.api("POST", "/api/import", {
        token: importer.token,
        body: exported.json,
      });
      expect(imported.status, JSON.stringify(imported.json)).toBe(200);
      const again = await target.api("GET", `/api/blogs/${slug}/export?media=link`, {
        token: importer.token,
      });
      expect(attribution(again.json)).toEqual(attribution(exported.json));
      const posts = (await target.api("GET", `/api/blogs/${slug}/posts`)).json.posts;
      expect(posts.map((p: { source?: { text: string } }) => p.source?.text ?? null)).toEqual([
        null,
        "Local radio",
        "via AFP",
      ]);
    } finally {
      await target.close();
      await targetDb?.drop();
    }
  });
});
