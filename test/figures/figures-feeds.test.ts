// Key figures in the feeds, read back by an independent parser (feedsmith) in all three
// formats: one "By the numbers" entry with every figure's label, value, unit, source and
// as-of time; a changed figure updates that entry (same id, later time) instead of adding one;
// a blog without figures has no such entry.

import { parseAtomFeed, parseJsonFeed, parseRssFeed } from "feedsmith";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";

type Format = "atom" | "rss" | "json";

interface ReadEntry {
  id: string;
  title: string;
  link: string;
  content: string;
  updated: number;
}

function readEntries(format: Format, text: string): ReadEntry[] {
  if (format === "atom") {
    return (parseAtomFeed(text).entries ?? []).map((entry) => ({
      id: entry.id ?? "",
      title: entry.title?.value ?? "",
      link: entry.links?.find((link) => link.rel === "alternate")?.href ?? "",
      content: entry.content?.value ?? "",
      updated: Date.parse(String(entry.updated)),
    }));
  }
  if (format === "rss") {
    return (parseRssFeed(text).items ?? []).map((item) => ({
      id: item.guid?.value ?? "",
      title: item.title ?? "",
      link: item.link ?? "",
      content: item.content?.encoded ?? "",
      updated: Date.parse(String(item.atom?.updated ?? item.pubDate)),
    }));
  }
  return (parseJsonFeed(text).items ?? []).map((item) => ({
    id: String(item.id),
    title: item.title ?? "",
    link: item.url ?? "",
    content: item.content_html ?? "",
    updated: Date.parse(String(item.date_modified)),
  }));
}

const ministry = {
  value: 1200,
  qualifier: "at least",
  unit: "people",
  source: { name: "Interior ministry", url: "https://ministry.example/statement" },
  asOf: "2026-05-01T12:30:00Z",
};

describe("key figures in the feeds", () => {
  let server: TestServer;
  let editor: string;
  const slug = "unrest-feeds";

  beforeAll(async () => {
    server = await startTestServer({ env: { PUBLIC_URL: "https://news.example" } });
    editor = await server.tokenFor("editor");
    const made = await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug, title: "Protests", language: "en-GB", timezone: "Europe/Berlin" },
    });
    expect(made.status).toBe(201);
    const post = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: editor,
      body: { title: "Crowds gather", blocks: [paragraph("Crowds in the square.")] },
    });
    expect(post.status).toBe(201);
  });

  afterAll(async () => server?.close());

  const feed = async (format: Format) => {
    const answer = await fetch(`${server.url}/live/${slug}/feed.${format}`);
    expect(answer.status).toBe(200);
    return readEntries(format, await answer.text());
  };
  const figuresOf = (entries: ReadEntry[]) =>
    entries.filter((entry) => entry.title.startsWith("By the numbers"));

  it.each(["atom", "rss", "json"] as const)(
    "carries the box as one entry updated in place (%s)",
    async (format) => {
      expect(figuresOf(await feed(format))).toEqual([]);

      const made = await server.api("POST", `/api/blogs/${slug}/figures`, {
        token: editor,
        body: { label: `Detained ${format}`, values: [ministry] },
      });
      expect(made.status).toBe(201);
      const first = await feed(format);
      const [entry] = figuresOf(first);
      expect(entry).toBeDefined();
      expect(figuresOf(first)).toHaveLength(1);
      expect(entry!.title).toBe("By the numbers: Protests");
      expect(entry!.link).toBe(`https://news.example/live/${slug}#figures`);
      expect(entry!.id).toMatch(/^tag:news\.example,\d{4}-\d\d-\d\d:blog\/[a-z0-9]+\/figures$/);
      expect(entry!.content).toContain(`<dt>Detained ${format}</dt>`);
      expect(entry!.content).toContain("at least 1,200 people");
      expect(entry!.content).toContain(
        `<a class="figure-source" href="https://ministry.example/statement" rel="nofollow">Interior ministry</a>`,
      );
      // As of when, in the blog's zone, named.
      expect(entry!.content).toContain(
        `as of <time datetime="2026-05-01T12:30:00.000Z">1 May at 14:30 CEST</time>`,
      );
      const posts = first.length;

      await new Promise((resolve) => setTimeout(resolve, 1100));
      const changed = await server.api("PATCH", `/api/blogs/${slug}/figures/${made.json.id}`, {
        token: editor,
        body: { values: [{ ...ministry, value: 1500, asOf: "2026-05-01T15:00:00Z" }] },
      });
      expect(changed.status).toBe(200);
      const second = await feed(format);
      const [updated] = figuresOf(second);
      expect(second).toHaveLength(posts);
      expect(updated!.id).toBe(entry!.id);
      expect(updated!.updated).toBeGreaterThan(entry!.updated);
      expect(updated!.content).toContain("at least 1,500 people");
      expect(updated!.content).not.toContain("1,200");

      const removed = await server.api("DELETE", `/api/blogs/${slug}/figures/${made.json.id}`, {
        token: editor,
      });
      expect(removed.status).toBe(204);
      expect(figuresOf(await feed(format))).toEqual([]);
    },
  );
});
