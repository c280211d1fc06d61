import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GuardedFetcher } from "./guarded-fetch.js";
import { readLinkCard, unfurlLink } from "./link-card.js";

// A real local server: the pages a link card is read from, and a record of every request.
const asked: string[] = [];
let server: http.Server;
let base: string;

const PAGE = `<!doctype html><html><head>
<title>Fallback title</title>
<meta property="og:title" content="Storm &amp; tide: &lt;script&gt;alert(1)&lt;/script&gt;">
<meta name="description" content='Plain description'>
<meta property="og:description" content="Waves &#x2014; ${"long ".repeat(200)}">
<meta property="og:image" content="https://images.example/card.jpg">
<meta property="og:site_name" content="The Coast &#39;Gazette&#39;">
</head><body><meta property="og:title" content="Not in the head"></body></html>`;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    asked.push(request.url ?? "");
    if (request.url === "/slow") {
      setTimeout(() => response.end(PAGE), 5_000).unref();
      return;
    }
    if (request.url === "/json") {
      response.setHeader("content-type", "application/json");
      response.end('{"title":"no"}');
      return;
    }
    response.setHeader("content-type", "text/html; charset=utf-8");
    response.end(request.url === "/plain" ? "<title>Only &quot;a&quot; title</title>" : PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("link cards", () => {
  it("reads Open Graph from a page, decoded, trimmed and capped", async () => {
    const fetcher = new GuardedFetcher({ allowPrivate: true, timeoutMs: 3_000 });
    const card = await unfurlLink(fetcher, `${base}/story`);
    expect(card).toMatchObject({
      title: "Storm & tide: <script>alert(1)</script>",
      image: "https://images.example/card.jpg",
      site: "The Coast 'Gazette'",
    });
    expect(card?.description?.startsWith("Waves — long long")).toBe(true);
    expect([...(card?.description ?? "")]).toHaveLength(500);
    expect(await unfurlLink(fetcher, `${base}/plain`)).toEqual({ title: 'Only "a" title' });
    expect(await unfurlLink(fetcher, `${base}/json`)).toBeNull();
    // Decoded once only: an escaped entity stays an entity's text.
    expect(readLinkCard('<meta name="description" content="&amp;lt;b&amp;gt;">', base)).toEqual({
      description: "&lt;b&gt;",
    });
  });

  it("never fetches a loopback address unless private addresses are allowed", async () => {
    const before = asked.length;
    expect(await unfurlLink(new GuardedFetcher({ timeoutMs: 3_000 }), `${base}/story`)).toBeNull();
    expect(asked.length).toBe(before);
  });

  it("gives up on a slow page within its time limit", async () => {
    const fetcher = new GuardedFetcher({ allowPrivate: true, timeoutMs: 500 });
    const started = Date.now();
    expect(await unfurlLink(fetcher, `${base}/slow`)).toBeNull();
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it("keeps only an https image, and says nothing of a page without words", () => {
    const page = (image: string) =>
      `<head><meta property="og:title" content="T"><meta property="og:image" content="${image}"></head>`;
    expect(readLinkCard(page("javascript:alert(1)"), "https://a.example/")).toEqual({ title: "T" });
    expect(readLinkCard(page("http://a.example/i.jpg"), "https://a.example/")).toEqual({
      title: "T",
    });
    expect(readLinkCard(page("/i.jpg"), "https://a.example/x")?.image).toBe(
      "https://a.example/i.jpg",
    );
    expect(
      readLinkCard(
        "<head><meta property=og:image content=https://a.example/i.jpg></head>",
        "https://a.example/",
      ),
    ).toBeNull();
    expect(readLinkCard("<title>&#0;&#xD800;ok</title>", "https://a.example/")).toEqual({
      title: "&#0;&#xD800;ok",
    });
  });
});
