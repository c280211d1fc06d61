// Link cards read at publish time, over real HTTP on SQLite (and PostgreSQL for the main
// path): a page on this machine with Open Graph tags (allowed by FETCH_ALLOW_PRIVATE) is read
// after the publish has answered, and its card reaches the post JSON, a live event and every
// reader surface, escaped, without an "Updated" marker or a public version. A client's card is
// never trusted; a changed link is read again; a page's og:image is copied once into our own
// media and drawn from there at its size, never from the linked site, and one that is not an
// image or too large leaves the card without; with the setting off a loopback link is never
// requested.

import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LinkCardUnfurler } from "../../src/outbound/link-card-unfurler.js";
import { LINKED_PHOTO, type LinkedSite, startLinkedSite } from "../helpers/linked-site.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";
import { connectSse } from "../helpers/sse.js";
import { downloadExport, unpack } from "../transfer/transfer-support.js";

const embed = (url: string, extra: Record<string, unknown> = {}) => ({
  type: "embed",
  url,
  ...extra,
});

const backends = [
  { name: "SQLite", database: async (): Promise<TestDatabase | undefined> => undefined },
  { name: "PostgreSQL", database: (): Promise<TestDatabase | undefined> => createTestDatabase() },
];

describe.each(backends)("link cards on $name", ({ name, database }) => {
  let server: TestServer;
  let db: TestDatabase | undefined;
  let site: LinkedSite;
  let editor: string;
  let admin: string;
  const slug = "bridge";

  const unfurled = () => (server.dispatch.newsroom.linkCards as LinkCardUnfurler).idle();
  const text = async (path: string) => (await fetch(`${server.url}${path}`)).text();
  const getPost = async (id: string) =>
    (await server.api("GET", `/api/blogs/${slug}/posts/${id}`, { token: editor })).json;
  const publish = async (body: Record<string, unknown>) => {
    const answer = await server.api("POST", `/api/blogs/${slug}/posts`, { token: editor, body });
    expect(answer.status).toBe(201);
    return answer.json;
  };

  beforeAll(async () => {
    db = await database();
    site = await startLinkedSite();
    server = await startTestServer({
      env: { FETCH_ALLOW_PRIVATE: "1" },
      ...(db ? { databaseUrl: db.url } : {}),
    });
    editor = await server.tokenFor("editor");
    admin = await server.tokenFor("admin");
    const blog = await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug, title: "Bridge", language: "en" },
    });
    expect(blog.status).toBe(201);
  });

  afterAll(async () => {
    site?.release();
    await server?.close();
    await site?.close();
    await db?.drop();
  });

  it("reads the card after the publish answered, and shows it everywhere without 'Updated'", async () => {
    const events = await connectSse(`${server.url}/api/blogs/${slug}/events`);
    site.hold();
    const forged = { url: `${site.url}/story`, title: "Forged by the client" };
    const published = await publish({
      title: "Bridge",
      blocks: [paragraph("The bridge is open."), embed(`${site.url}/story`, { card: forged })],
    });
    // The page has not answered yet: the publish did not wait for it, nor take the client's card.
    expect(published.blocks[1]).toEqual({ type: "embed", url: `${site.url}/story` });
    site.release();
    await unfurled();
    expect(site.requests).toContain("/story");

    const post = await getPost(published.id);
    expect(post.blocks[1].card).toEqual({
      url: `${site.url}/story`,
      title: "Bridge reopens after repairs",
      description: "Traffic flows again on the river crossing.",
      site: "City Herald",
    });
    expect(post.contentUpdatedAt).toBeUndefined();

    const seen = await events.waitForEvents(2);
    events.close();
    const last = JSON.parse(seen.at(-1)?.data ?? "{}");
    expect(seen.at(-1)?.event).toBe("post");
    expect(last.blocks[1].card.title).toBe("Bridge reopens after repairs");

    const surfaces = [
      `/live/${slug}`,
      `/live/${slug}/posts/${published.id}`,
      `/live/${slug}/embed`,
      `/live/${slug}/amp`,
      `/live/${slug}/feed.atom`,
      `/live/${slug}/feed.rss`,
      `/live/${slug}/feed.json`,
    ];
    for (const path of surfaces) {
      expect(await text(path), path).toContain("Bridge reopens after repairs");
    }
    const page = await text(`/live/${slug}`);
    // Its og:image is on a name no one can reach: the card goes without, never hot-linking it.
    expect(page).not.toContain("images.example");
    expect(page).toContain("City Herald");
    expect(page).not.toContain("post-updated");
    const lite = await text(`/live/${slug}/lite`);
    expect(lite).toContain("Bridge reopens after repairs</a> (City Herald: Traffic flows again");
    expect(lite).not.toContain("<img");

    const history = await server.api("GET", `/api/blogs/${slug}/posts/${published.id}/history`);
    expect(history.status).toBe(200);
    expect(history.json.versions).toEqual([]);

    const audit = await server.api("GET", "/api/audit?action=post.unfurl", { token: admin });
    const entry = audit.json.entries.find((e: { postId?: string; post?: { id: string } }) =>
      [e.postId, e.post?.id].includes(published.id),
    );
    expect(entry).toBeDefined();
    expect(entry.actor?.id ?? null).toBeNull();
  });

  it("keeps the card through an editor's save, refuses a forged one, and reads a changed link", async () => {
    const published = await publish({ blocks: [embed(`${site.url}/story`)] });
    await unfurled();
    const withCard = await getPost(published.id);
    expect(withCard.blocks[0].card.title).toBe("Bridge reopens after repairs");

    // The composer sends its blocks back without the card, or with one of its own.
    const saved = await server.api("PATCH", `/api/blogs/${slug}/posts/${published.id}`, {
      token: editor,
      body: {
        version: withCard.version,
        blocks: [
          paragraph("Added a line."),
          embed(`${site.url}/story`, { card: { url: `${site.url}/story`, title: "Forged" } }),
        ],
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.json.blocks[1].card.title).toBe("Bridge reopens after repairs");

    const requestsBefore = site.requests.length;
    const changed = await server.api("PATCH", `/api/blogs/${slug}/posts/${published.id}`, {
      token: editor,
      body: { version: saved.json.version, blocks: [embed(`${site.url}/other`)] },
    });
    expect(changed.status).toBe(200);
    expect(changed.json.blocks[0].card).toBeUndefined();
    await unfurled();
    expect(site.requests.slice(requestsBefore)).toEqual(["/other"]);
    const reread = await getPost(published.id);
    expect(reread.blocks[0].card).toEqual({
      url: `${site.url}/other`,
      title: "Second story told",
      site: "Other Times",
    });
  });

  it("draws its own copy of the card's image, fetched once, never the linked site's", async () => {
    const before = site.requests.length;
    const published = await publish({ blocks: [embed(`${site.url}/picture`)] });
    await unfurled();
    expect(site.requests.slice(before)).toEqual(["/picture", "/harbour.jpg"]);
    const card = (await getPost(published.id)).blocks[0].card;
    expect(card).toEqual({
      url: `${site.url}/picture`,
      title: "Harbour wall rebuilt",
      site: "Port News",
      image: expect.stringMatching(/^\/media\/link-cards\/[a-z0-9]+\/1600\.jpg$/),
      imageWidth: LINKED_PHOTO.width,
      imageHeight: LINKED_PHOTO.height,
    });
    const folder = card.image.replace(/\/1600\.jpg$/, "");
    for (const file of ["480.webp", "960.jpg", "1600.jpg"]) {
      const answer = await fetch(`${server.url}${folder}/${file}`);
      expect(answer.status, file).toBe(200);
      expect(answer.headers.get("content-type")).toMatch(/^image\/(webp|jpeg)/);
      const bytes = Buffer.from(await answer.arrayBuffer());
      expect(bytes.includes("Linked Site Photographer"), file).toBe(false);
    }

    const photo = `${site.url}/harbour.jpg`;
    const surfaces = [
      `/live/${slug}`,
      `/live/${slug}/posts/${published.id}`,
      `/live/${slug}/embed`,
      `/live/${slug}/amp`,
      `/live/${slug}/feed.atom`,
      `/live/${slug}/feed.json`,
      `/api/blogs/${slug}/posts`,
    ];
    for (const path of surfaces) {
      const body = await text(path);
      expect(body, path).toContain(`${folder}/960.jpg`);
      expect(body, path).not.toContain(photo);
    }
    for (const path of [`/live/${slug}`, `/live/${slug}/posts/${published.id}`]) {
      expect(await text(path)).toMatch(
        new RegExp(
          `<img class="link-image" src="${folder}/960\\.jpg" [^>]*width="800" height="450"`,
        ),
      );
    }
    expect(await text(`/live/${slug}/amp`)).toMatch(
      new RegExp(`<amp-img src="${folder}/960\\.jpg" [^>]*width="800" height="450"`),
    );
    expect(await text(`/live/${slug}/lite`)).not.toContain("<img");
    // The reader's policy still holds: images from this site only, and no one else's named.
    const live = await fetch(`${server.url}/live/${slug}`);
    const policy = live.headers.get("content-security-policy") ?? "";
    expect(policy).toMatch(/img-src [^;]*'self'/);
    expect(policy).not.toContain(new URL(site.url).host);

    // A blog's export carries the copy (every variant), so an import elsewhere draws it too.
    const archive = join(await mkdtemp(join(tmpdir(), "dispatch-card-export-")), "blog.tar");
    await downloadExport(server, slug, admin, archive);
    const exported = await unpack(archive);
    for (const file of ["480.webp", "960.jpg", "1600.jpg", "1600.webp"]) {
      expect(exported.media.has(`${folder.slice(1)}/${file}`), file).toBe(true);
    }
    await rm(dirname(archive), { recursive: true, force: true });

    // An editor's save keeps the card and its copy: the image is not fetched again.
    const current = await getPost(published.id);
    const saved = await server.api("PATCH", `/api/blogs/${slug}/posts/${published.id}`, {
      token: editor,
      body: { version: current.version, blocks: [paragraph("More."), ...current.blocks] },
    });
    expect(saved.status).toBe(200);
    await unfurled();
    expect(saved.json.blocks[1].card.image).toBe(card.image);
    expect(site.requests.filter((path) => path === "/harbour.jpg")).toHaveLength(1);
  });

  it("keeps no copy of an image whose card the post no longer wants", async () => {
    const copies = () => readdir(join(server.dataDir, "media", "link-cards")).catch(() => []);
    const before = await copies();
    const requestsBefore = site.requests.length;
    site.hold();
    const published = await publish({ blocks: [embed(`${site.url}/picture`)] });
    // The editor changes the link while the page is being read.
    const changed = await server.api("PATCH", `/api/blogs/${slug}/posts/${published.id}`, {
      token: editor,
      body: { version: published.version, blocks: [embed(`${site.url}/other`)] },
    });
    expect(changed.status).toBe(200);
    site.release();
    await unfurled();
    expect(site.requests.slice(requestsBefore)).toContain("/harbour.jpg");
    expect((await getPost(published.id)).blocks[0].card.title).toBe("Second story told");
    expect((await copies()).sort()).toEqual(before.sort());
  });

  it("keeps the card but no image when the image is not one, or too large", async () => {
    for (const page of ["/picture-page", "/picture-fake", "/picture-huge"]) {
      const published = await publish({ blocks: [embed(`${site.url}${page}`)] });
      await unfurled();
      const card = (await getPost(published.id)).blocks[0].card;
      expect(card.title, page).toMatch(/^Image is /);
      expect(card.image, page).toBeUndefined();
      expect(await text(`/live/${slug}/posts/${published.id}`)).not.toContain("link-image");
    }
  });

  it.runIf(name === "SQLite")("escapes a hostile page's card and drops its image", async () => {
    const published = await publish({ blocks: [embed(`${site.url}/hostile`)] });
    await unfurled();
    const post = await getPost(published.id);
    expect(post.blocks[0].card.title).toBe('<script>alert(1)</script> "quoted"');
    expect(post.blocks[0].card.image).toBeUndefined();
    for (const path of [`/live/${slug}/posts/${published.id}`, `/live/${slug}/lite`]) {
      const page = await text(path);
      expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot;");
      expect(page).not.toContain("<script>alert(1)");
      expect(page).not.toContain("<img src=x");
      expect(page).not.toContain("javascript:alert(3)");
    }
  });
});

describe("link cards with private addresses refused", () => {
  let server: TestServer;
  let site: LinkedSite;

  beforeAll(async () => {
    site = await startLinkedSite();
    server = await startTestServer();
  });

  afterAll(async () => {
    await server?.close();
    await site?.close();
  });

  it("never requests a loopback link, which stays a plain link card", async () => {
    const editor = await server.tokenFor("editor");
    await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug: "closed-net", title: "Closed", language: "en" },
    });
    const answer = await server.api("POST", "/api/blogs/closed-net/posts", {
      token: editor,
      body: { blocks: [embed(`${site.url}/story`)] },
    });
    expect(answer.status).toBe(201);
    await (server.dispatch.newsroom.linkCards as LinkCardUnfurler).idle();
    expect(site.requests).toEqual([]);
    const post = await server.api("GET", `/api/blogs/closed-net/posts/${answer.json.id}`, {
      token: editor,
    });
    expect(post.json.blocks[0]).toEqual({ type: "embed", url: `${site.url}/story` });
    const page = await (await fetch(`${server.url}/live/closed-net`)).text();
    expect(page).toContain(`<span class="link-host">127.0.0.1</span>`);
  });
});
