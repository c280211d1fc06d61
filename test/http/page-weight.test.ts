// What a reader downloads for the live page, as a budget in bytes (never a timing): the demo's
// coverage grown to 52 posts, the page's 50 read over real HTTP gzipped as the server sends
// them. It holds the line that each post's share control is one link (the networks' links
// live on the post's own page): four network links per post had doubled the page. The embed
// at 50 posts is held to its own budget, lighter than the page. `npm run bench:weight` prints
// the same figures against a bare-text baseline.

import http from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../src/cli/demo.js";
import { publishPost } from "../../src/core/operations/posts.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

/** The budgets, gzipped: the page measured 9.4 KB and the embed 6.6 KB when they were set. */
const LIVE_PAGE_BUDGET = 10 * 1024;
const EMBED_BUDGET = 7 * 1024;

let server: TestServer;
let slug: string;

beforeAll(async () => {
  server = await startTestServer({ env: { PUBLIC_URL: "https://news.example" } });
  const { newsroom } = server.dispatch;
  const demo = await seedDemo(newsroom, server.dataDir);
  if (!demo) throw new Error("the demo was not seeded");
  slug = demo.slug;
  const editor = (await newsroom.store.findUserByEmail("amira.sol@dispatch.example"))!;
  const actor = { id: editor.id, name: editor.name, role: editor.role };
  const blog = (await newsroom.store.listBlogs())[0]!;
  const demoPosts = await newsroom.store.listPosts({
    blogId: blog.id,
    status: "published",
    limit: 50,
  });
  // As bench:weight grows it: the demo's posts again, so both count the same page.
  for (let i = 0; demoPosts.length + i < 52; i++) {
    const source = demoPosts[i % demoPosts.length]!;
    await publishPost(newsroom, actor, blog.slug, { title: source.title, blocks: source.blocks });
  }
}, 120_000);

afterAll(async () => server?.close());

/** The answer's bytes as they came over the wire (fetch would decode them). */
function gzippedAnswer(
  route: string,
): Promise<{ status: number; encoding?: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${server.url}${route}`, { headers: { "accept-encoding": "gzip" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const encoding = res.headers["content-encoding"];
          resolve({
            status: res.statusCode ?? 0,
            ...(encoding ? { encoding } : {}),
            body: Buffer.concat(chunks),
          });
        });
      })
      .on("error", reject);
  });
}

describe("the live page's weight", () => {
  it("carries 50 posts, each with its Share link, within its budget gzipped", async () => {
    const answer = await gzippedAnswer(`/live/${slug}`);
    expect(answer.status).toBe(200);
    expect(answer.encoding).toBe("gzip");
    const page = gunzipSync(answer.body).toString("utf8");
    expect(page.match(/<article /g)?.length).toBe(50);
    // One link a post, and the template's one for script.
    expect(page.match(/<a class="share-link" /g)?.length).toBe(51);
    expect(answer.body.length).toBeLessThan(LIVE_PAGE_BUDGET);
  });

  it("keeps the embed of the same 50 posts within its smaller budget", async () => {
    const answer = await gzippedAnswer(`/live/${slug}/embed?limit=50`);
    expect(answer.status).toBe(200);
    expect(answer.encoding).toBe("gzip");
    const page = gunzipSync(answer.body).toString("utf8");
    expect(page.match(/<article /g)?.length).toBe(50);
    expect(answer.body.length).toBeLessThan(EMBED_BUDGET);
  });
});
