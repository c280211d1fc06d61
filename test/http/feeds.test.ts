// The feeds as feed readers see them, parsed by an independent parser (feedsmith): every
// published post with its full content, bylines, times and first image in Atom, RSS and JSON
// Feed; an edit reflected and the old words gone; a deleted post gone at once, also for a
// reader revalidating with its old ETag; drafts and scheduled posts never; discovery links on
// the reader pages; the feed of all open blogs; and the CDN told to purge the feed paths.

import { parseAtomFeed, parseJsonFeed, parseRssFeed } from "feedsmith";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PurgeReceiver, startPurgeReceiver } from "../../src/http/testing/purge-receiver.js";
import { alternateLinks } from "../helpers/head-links.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";

const FORMATS = ["atom", "rss", "json"] as const;
type Format = (typeof FORMATS)[number];

/** One post as any of the three formats describes it, read back through feedsmith. */
interface ReadEntry {
  id: string;
  title: string;
  link: string;
  content: string;
  authors: string[];
  published: number;
  updated: number | undefined;
  image: { url: string; type?: string; length?: number } | undefined;
}

function readFeed(format: Format, text: string): { title: string; entries: ReadEntry[] } {
  if (format === "atom") {
    const feed = parseAtomFeed(text);
    return {
      title: feed.title?.value ?? "",
      entries: (feed.entries ?? []).map((entry) => {
        const enclosure = entry.links?.find((link) => link.rel === "enclosure");
        return {
          id: entry.id ?? "",
          title: entry.title?.value ?? "",
          link: entry.links?.find((link) => link.rel === "alternate")?.href ?? "",
          content: entry.content?.value ?? "",
          authors: (entry.authors ?? []).map((author) => author.name ?? ""),
          published: Date.parse(String(entry.published)),
          updated: Date.parse(String(entry.updated)),
          image: enclosure && {
            url: enclosure.href ?? "",
            ...(enclosure.type ? { type: enclosure.type } : {}),
            ...(enclosure.length !== undefined ? { length: Number(enclosure.length) } : {}),
          },
        };
      }),
    };
  }
  if (format === "rss") {
    const feed = parseRssFeed(text);
    return {
      title: feed.title ?? "",
      entries: (feed.items ?? []).map((item) => {
        const enclosure = item.enclosures?.[0];
        const media = item.media?.contents?.[0];
        return {
          id: item.guid?.value ?? "",
          title: item.title ?? "",
          link: item.link ?? "",
          content: item.content?.encoded ?? "",
          authors: item.dc?.creators ?? [],
          published: Date.parse(String(item.pubDate)),
          updated: item.atom?.updated ? Date.parse(String(item.atom.updated)) : undefined,
          image: enclosure
            ? {
                url: enclosure.url ?? "",
                ...(enclosure.type ? { type: enclosure.type } : {}),
                length: Number(enclosure.length),
              }
            : media && { url: media.url ?? "" },
        };
      }),
    };
  }
  const feed = parseJsonFeed(text);
  return {
    title: feed.title ?? "",
    entries: (feed.items ?? []).map((item) => ({
      id: String(item.id),
      title: item.title ?? "",
      link: item.url ?? "",
      content: item.content_html ?? "",
      authors: (item.authors ?? []).map((author) => author.name ?? ""),
      published: Date.parse(String(item.date_published)),
      updated: Date.parse(String(item.date_modified)),
      image: item.image ? { url: item.image } : undefined,
    })),
  };
}

const CONTENT_TYPES: Record<Format, string> = {
  atom: "application/atom+xml; charset=utf-8",
  rss: "application/rss+xml; charset=utf-8",
  json: "application/feed+json; charset=utf-8",
};

async function fetchFeed(server: TestServer, slug: string, format: Format) {
  const response = await fetch(`${server.url}/live/${slug}/feed.${format}`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe(CONTENT_TYPES[format]);
  return readFeed(format, await response.text());
}

async function uploadImage(server: TestServer, token: string): Promise<string> {
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#357" } })
    .png()
    .toBuffer();
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(png)], { type: "image/png" }), "quay.png");
  const upload = await fetch(`${server.url}/api/media`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  expect(upload.status).toBe(201);
  return ((await upload.json()) as { src: string }).src;
}

function feedSuite(backend: "sqlite" | "postgres") {
  let server: TestServer;
  let database: TestDatabase | undefined;
  let purgeHook: PurgeReceiver;
  let editor: string;
  let reporter: { id: string; token: string };
  const slug = `harbour-${backend}`;
  const post = async (body: Record<string, unknown>, blog = slug) => {
    const answer = await server.api("POST", `/api/blogs/${blog}/posts`, { token: editor, body });
    expect(answer.status, JSON.stringify(answer.json)).toBe(201);
    return answer.json as { id: string; version: number; publishedAt: string };
  };

  beforeAll(async () => {
    purgeHook = await startPurgeReceiver();
    database = backend === "postgres" ? await createTestDatabase() : undefined;
    server = await startTestServer({
      env: { PURGE_URL: purgeHook.url },
      ...(database ? { databaseUrl: database.url } : {}),
    });
    editor = await server.tokenFor("editor");
    reporter = await server.userFor("reporter", "Rui Reporter");
    const created = await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug, title: "Harbour fire", summary: "Crews at the quay", language: "en-GB" },
    });
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
    await purgeHook?.close();
  });

  it("carries every published post with its content, bylines, times and first image", async () => {
    const image = await uploadImage(server, editor);
    const titled = await post({
      title: "Fire reaches the quay",
      blocks: [
        paragraph("Crews arrived at **dawn**."),
        { type: "image", src: image, alt: "The quay", caption: "Smoke at dawn" },
      ],
    });
    const untitled = await post({
      blocks: [
        paragraph("Ferries are suspended until further notice"),
        { type: "image", src: "https://images.example/ferry.jpg", alt: "A ferry" },
      ],
      bylines: [{ userId: reporter.id }, { name: "Coast Agency" }],
    });
    await post({ title: "Not yet", blocks: [paragraph("draft words")], status: "draft" });
    await post({
      title: "Later",
      blocks: [paragraph("scheduled words")],
      status: "scheduled",
      publishAt: new Date(Date.now() + 3_600_000).toISOString(),
    });

    for (const format of FORMATS) {
      const feed = await fetchFeed(server, slug, format);
      expect(feed.title).toBe("Harbour fire");
      expect(feed.entries.map((entry) => entry.link)).toEqual([
        `${server.url}/live/${slug}/posts/${untitled.id}`,
        `${server.url}/live/${slug}/posts/${titled.id}`,
      ]);
      const [second, first] = feed.entries as [ReadEntry, ReadEntry];
      expect(first.id).toMatch(
        new RegExp(`^tag:127\\.0\\.0\\.1,\\d{4}-\\d{2}-\\d{2}:post/${titled.id}$`),
      );
      expect(first.title).toBe("Fire reaches the quay");
      expect(first.content).toContain("Crews arrived at <strong>dawn</strong>.");
      // The body's own images point at this site, absolutely.
      expect(first.content).toContain(`src="${server.url}${image.replace(/1600\.jpg$/, "")}`);
      expect(first.content).not.toMatch(/(?:src|srcset)="\/media/);
      // RSS dates are to the second.
      const precision = format === "rss" ? 1000 : 1;
      expect(first.published).toBe(
        Math.floor(Date.parse(titled.publishedAt) / precision) * precision,
      );
      expect(first.image?.url).toBe(`${server.url}${image}`);
      // An untitled post is named by its opening words.
      expect(second.title).toBe("Ferries are suspended until further notice");
      expect(second.authors).toEqual(["Rui Reporter", "Coast Agency"]);
      expect(second.image?.url).toBe("https://images.example/ferry.jpg");
      const everything = JSON.stringify(feed);
      expect(everything).not.toContain("draft words");
      expect(everything).not.toContain("scheduled words");
      if (format !== "rss") expect(first.updated).toBe(first.published);
      if (format !== "json") expect(first.image?.type).toBe("image/jpeg");
    }
    // An uploaded image goes out with its real length; RSS has an enclosure only then.
    const media = await fetch(`${server.url}${image}`);
    const length = (await media.arrayBuffer()).byteLength;
    const rss = await fetchFeed(server, slug, "rss");
    expect(rss.entries[1]?.image).toEqual({
      url: `${server.url}${image}`,
      type: "image/jpeg",
      length,
    });
    const atom = await fetchFeed(server, slug, "atom");
    expect(atom.entries[1]?.image?.length).toBe(length);
  });

  it("reflects an edit, and drops a deleted post at once, also for a reader revalidating", async () => {
    const edited = await post({
      title: "Road closed",
      blocks: [paragraph("The coast road is shut")],
    });
    const doomed = await post({ title: "Retract me", blocks: [paragraph("Words to retract")] });
    const etags: Partial<Record<Format, string>> = {};
    for (const format of FORMATS) {
      const response = await fetch(`${server.url}/live/${slug}/feed.${format}`);
      etags[format] = response.headers.get("etag") ?? "";
      expect(etags[format]).toMatch(/^W\/".+"$/);
      const again = await fetch(`${server.url}/live/${slug}/feed.${format}`, {
        headers: { "if-none-match": etags[format] ?? "" },
      });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe("");
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    const patch = await server.api("PATCH", `/api/blogs/${slug}/posts/${edited.id}`, {
      token: editor,
      body: { version: edited.version, blocks: [paragraph("The coast road reopened at noon")] },
    });
    expect(patch.status).toBe(200);
    const deleted = await server.api("DELETE", `/api/blogs/${slug}/posts/${doomed.id}`, {
      token: editor,
    });
    expect(deleted.status).toBe(204);

    for (const format of FORMATS) {
      // The old ETag no longer matches: the reader gets the new feed, not a 304.
      const response = await fetch(`${server.url}/live/${slug}/feed.${format}`, {
        headers: { "if-none-match": etags[format] ?? "" },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("etag")).not.toBe(etags[format]);
      const text = await response.text();
      expect(text).not.toContain("Words to retract");
      expect(text).not.toContain("Retract me");
      expect(text).not.toContain("The coast road is shut");
      const feed = readFeed(format, text);
      const entry = feed.entries.find((e) => e.link.endsWith(`/posts/${edited.id}`));
      expect(entry?.content).toContain("The coast road reopened at noon");
      expect(feed.entries.some((e) => e.link.endsWith(`/posts/${doomed.id}`))).toBe(false);
      if (format !== "rss") {
        expect(entry?.updated).toBe(Date.parse(patch.json.updatedAt));
        expect(entry?.updated).toBeGreaterThan(entry?.published ?? Infinity);
      }
    }
  });

  it("is linked from the reader page and the permalink page", async () => {
    const one = await post({ title: "Linked", blocks: [paragraph("Found from the page")] });
    for (const page of [`/live/${slug}`, `/live/${slug}/posts/${one.id}`]) {
      const html = await (await fetch(`${server.url}${page}`)).text();
      const links = alternateLinks(html).filter((link) => link.type !== "application/json+oembed");
      expect(links.map((link) => link.type)).toEqual([
        "application/atom+xml",
        "application/rss+xml",
        "application/feed+json",
      ]);
      for (const [i, link] of links.entries()) {
        expect(link.title).toContain("Harbour fire");
        const format = FORMATS[i] as Format;
        expect(link.href).toBe(`${server.url}/live/${slug}/feed.${format}`);
        const feed = readFeed(format, await (await fetch(link.href)).text());
        expect(feed.entries[0]?.title).toBe("Linked");
      }
    }
  });

  it("answers 404 with the contract's error for a blog that is not there", async () => {
    for (const format of FORMATS) {
      const answer = await server.api("GET", `/live/no-such-blog/feed.${format}`);
      expect(answer.status).toBe(404);
      expect(answer.json.error.code).toBe("blog_not_found");
    }
  });

  it("gathers the open blogs in one Atom feed, each entry naming its blog", async () => {
    for (const [other, status] of [
      [`ferry-${backend}`, "live"],
      [`closed-${backend}`, "closed"],
    ] as const) {
      await server.api("POST", "/api/blogs", {
        token: editor,
        body: { slug: other, title: `Blog ${other}` },
      });
      await post({ title: `From ${other}`, blocks: [paragraph(`Words of ${other}`)] }, other);
      if (status === "closed") {
        await server.api("PATCH", `/api/blogs/${other}`, {
          token: editor,
          body: { status: "closed" },
        });
      }
    }
    // Linked from the index of blogs.
    const index = alternateLinks(await (await fetch(`${server.url}/live`)).text());
    expect(index).toEqual([
      {
        type: "application/atom+xml",
        title: "Live coverage (Atom)",
        href: `${server.url}/live/feed.atom`,
      },
    ]);
    const response = await fetch(`${server.url}/live/feed.atom`);
    expect(response.headers.get("content-type")).toBe(CONTENT_TYPES.atom);
    const text = await response.text();
    const feed = parseAtomFeed(text);
    const titles = (feed.entries ?? []).map((entry) => entry.title?.value);
    expect(titles).toContain(`From ferry-${backend}`);
    expect(titles).toContain("Linked");
    expect(titles).not.toContain(`From closed-${backend}`);
    // A closed blog keeps its own feeds.
    for (const format of FORMATS) {
      const closed = await fetchFeed(server, `closed-${backend}`, format);
      expect(closed.entries.map((entry) => entry.title)).toEqual([`From closed-${backend}`]);
    }
    const ferry = feed.entries?.find((entry) => entry.title?.value === `From ferry-${backend}`);
    expect(ferry?.source?.title?.value).toBe(`Blog ferry-${backend}`);
    expect(ferry?.source?.links?.find((l) => l.rel === "alternate")?.href).toBe(
      `${server.url}/live/ferry-${backend}`,
    );
    // Revalidation, then a delete: gone at once, the old ETag no longer current.
    const etag = response.headers.get("etag") ?? "";
    const same = await fetch(`${server.url}/live/feed.atom`, {
      headers: { "if-none-match": etag },
    });
    expect(same.status).toBe(304);
    const ferryPost = ferry?.links?.[0]?.href?.split("/").pop() ?? "";
    await server.api("DELETE", `/api/blogs/ferry-${backend}/posts/${ferryPost}`, { token: editor });
    const after = await fetch(`${server.url}/live/feed.atom`, {
      headers: { "if-none-match": etag },
    });
    expect(after.status).toBe(200);
    expect(await after.text()).not.toContain(`Words of ferry-${backend}`);
  });

  it("tells the CDN to purge the feeds when a blog changes", async () => {
    const one = await post({ title: "Purge me", blocks: [paragraph("gone soon")] });
    await new Promise((resolve) => setTimeout(resolve, 150));
    purgeHook.received.length = 0;
    await server.api("DELETE", `/api/blogs/${slug}/posts/${one.id}`, { token: editor });
    await expect
      .poll(() => purgeHook.received.flatMap((request) => request.paths))
      .toEqual(
        expect.arrayContaining([
          `/live/${slug}/feed.atom`,
          `/live/${slug}/feed.rss`,
          `/live/${slug}/feed.json`,
          "/live/feed.atom",
        ]),
      );
  });
}

describe("feeds on SQLite", () => feedSuite("sqlite"));
describe("feeds on PostgreSQL", () => feedSuite("postgres"));

describe("feeds under PUBLIC_URL", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { PUBLIC_URL: "https://news.example" } });
  });
  afterAll(() => server.close());

  it("links everything under the public address", async () => {
    const editor = await server.tokenFor("editor");
    await server.api("POST", "/api/blogs", { token: editor, body: { slug: "pub", title: "Pub" } });
    const one = await server.api("POST", "/api/blogs/pub/posts", {
      token: editor,
      body: { title: "Public", blocks: [paragraph("Out")] },
    });
    for (const format of FORMATS) {
      const feed = readFeed(
        format,
        await (await fetch(`${server.url}/live/pub/feed.${format}`)).text(),
      );
      expect(feed.entries[0]?.link).toBe(`https://news.example/live/pub/posts/${one.json.id}`);
      expect(feed.entries[0]?.id).toMatch(/^tag:news\.example,/);
    }
  });
});
