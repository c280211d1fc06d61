// Every reader document names its writing direction, over real HTTP: an Arabic blog's pages
// (the live page and its views, a permalink, its history, the lite, embed, search, day archive
// and AMP pages) say dir="rtl", an English blog's the same pages dir="ltr".

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
const posts: Record<string, { id: string; day: string }> = {};

beforeAll(async () => {
  server = await startTestServer();
  const token = await server.tokenFor("editor");
  for (const [slug, language] of [
    ["direction-ar", "ar-EG"],
    ["direction-en", "en-GB"],
  ] as const) {
    const blog = await server.api("POST", "/api/blogs", {
      token,
      body: { slug, title: "Election", language, timezone: "UTC" },
    });
    expect(blog.status).toBe(201);
    const post = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token,
      body: { blocks: [paragraph("Counting begins.")], keyEvent: true },
    });
    expect(post.status).toBe(201);
    posts[slug] = { id: post.json.id, day: post.json.publishedAt.slice(0, 10) };
  }
});
afterAll(async () => server?.close());

function documents(slug: string): string[] {
  const { id, day } = posts[slug] ?? { id: "", day: "" };
  return [
    `/live/${slug}`,
    `/live/${slug}?keyEvents=1`,
    `/live/${slug}/${day}`,
    `/live/${slug}/posts/${id}`,
    `/live/${slug}/posts/${id}/history`,
    `/live/${slug}/lite`,
    `/live/${slug}/embed`,
    `/live/${slug}/search?q=counting`,
    `/live/${slug}/amp`,
  ];
}

async function htmlTag(path: string): Promise<string> {
  const answer = await fetch(`${server.url}${path}`);
  expect(answer.status, path).toBe(200);
  return /<html[^>]*>/.exec(await answer.text())?.[0] ?? "";
}

describe("a reader document's direction", () => {
  it("is right to left on every page of an Arabic blog", async () => {
    for (const path of documents("direction-ar")) {
      expect(await htmlTag(path), path).toMatch(/ lang="ar-EG" dir="rtl">$/);
    }
  });

  it("is left to right on every page of an English blog", async () => {
    for (const path of documents("direction-en")) {
      expect(await htmlTag(path), path).toMatch(/ lang="en-GB" dir="ltr">$/);
    }
  });
});
