// The desk's numbers over real HTTP: two app nodes on one PostgreSQL database, readers
// connected to each, permalink opens (fresh and 304) and shares on both, the embed loaded
// from two host pages (as a frame and as the script embed) → the numbers API on either node
// shows the sums (and, through Redis, the readers now). No counted answer sets a cookie, and the database keeps no address, path or
// query. Then one node on SQLite; bad queries named by field; reporters and strangers refused.

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withDefaultUser } from "../../src/store/postgres/open.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { type RedisProcess, startRedis } from "../helpers/processes.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";
import { connectSse, type SseClient } from "../helpers/sse.js";

// Counts reach the database within a tenth of a second here, and readers are sampled as often.
const FAST = { NUMBERS_FLUSH_MS: "100", READERS_SAMPLE_MS: "100" };

/** Asks until `check` passes (the counts are written a moment after they are made). */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => void, ms = 15_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    try {
      check(value);
      return value;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
}

/** A counted request: it must be answered as expected and must not set a cookie. */
async function counted(url: string, init: RequestInit = {}, status = 200): Promise<Response> {
  const response = await fetch(url, init);
  await response.arrayBuffer();
  expect(response.status, url).toBe(status);
  expect(response.headers.get("set-cookie"), url).toBeNull();
  return response;
}

const share = (base: string, slug: string, id: string, network: string) =>
  counted(
    `${base}/api/blogs/${slug}/posts/${id}/shares`,
    // As navigator.sendBeacon sends a URLSearchParams body: a form, no credentials asked for.
    { method: "POST", body: new URLSearchParams({ network }) },
    204,
  );

describe("two nodes on one PostgreSQL database", () => {
  let database: TestDatabase;
  let redis: RedisProcess;
  let a: TestServer;
  let b: TestServer;
  let editor: string;
  let readers: SseClient[] = [];
  const slug = "harbour-fire";
  let first: { id: string };
  let second: { id: string };

  beforeAll(async () => {
    database = await createTestDatabase();
    // Redis as in production's many nodes: the desk's "readers now" is summed through it; the
    // readers over time are summed in the database.
    redis = await startRedis();
    const env = { ...FAST, REDIS_URL: redis.url };
    a = await startTestServer({ databaseUrl: database.url, env });
    b = await startTestServer({ databaseUrl: database.url, env });
    editor = await a.tokenFor("editor");
    expect(
      (await a.api("POST", "/api/blogs", { token: editor, body: { slug, title: "Harbour fire" } }))
        .status,
    ).toBe(201);
    const post = async (title: string) =>
      (
        await a.api("POST", `/api/blogs/${slug}/posts`, {
          token: editor,
          body: { title, blocks: [paragraph(`${title}: the latest.`)] },
        })
      ).json;
    first = await post("Crews reach the warehouse");
    second = await post("Road closures");
  }, 60_000);

  afterAll(async () => {
    for (const reader of readers) reader.close();
    await a?.close();
    await b?.close();
    await redis?.stop();
    await database?.drop();
  });

  it("adds up readers, opens, shares and embeds counted on both nodes", async () => {
    readers = await Promise.all([
      connectSse(`${a.url}/api/blogs/${slug}/events`),
      connectSse(`${a.url}/api/blogs/${slug}/events`),
      connectSse(`${a.url}/api/blogs/${slug}/events`),
      connectSse(`${b.url}/api/blogs/${slug}/events`),
      connectSse(`${b.url}/api/blogs/${slug}/events`),
    ]);

    // Permalink opens: fresh on each node, from the page cache, and a 304 for a reader's copy.
    const page = `/live/${slug}/posts/${first.id}`;
    await counted(`${a.url}${page}`);
    await counted(`${a.url}${page}`);
    // (Each node's page names its own origin here, so its ETag is its own.)
    const fresh = await counted(`${b.url}${page}`);
    const etag = fresh.headers.get("etag") ?? "";
    expect(etag).not.toBe("");
    await counted(`${b.url}${page}`, { headers: { "if-none-match": etag } }, 304);
    await counted(`${b.url}/live/${slug}/posts/${second.id}`);
    // Neither a HEAD nor a missing post is a reader opening an update.
    await counted(`${a.url}${page}`, { method: "HEAD" });
    await counted(`${a.url}/live/${slug}/posts/nosuchpost`, {}, 404);

    await share(a.url, slug, first.id, "whatsapp");
    await share(b.url, slug, first.id, "copy");
    await share(b.url, slug, second.id, "telegram");

    // The frame embed: the host page is its Referer, cut to the host name.
    const frame = `/live/${slug}/embed`;
    await counted(`${a.url}${frame}`, {
      headers: { referer: "https://news.example.org/world/fire-story?utm_source=desk" },
    });
    await counted(`${b.url}${frame}`, { headers: { referer: "https://partner.example.com/a" } });
    await counted(`${a.url}${frame}`);
    // The script embed asks for its words once as it starts, from the host page's origin.
    await counted(`${b.url}/api/blogs/${slug}/reader-messages`, {
      headers: { origin: "https://partner.example.com" },
    });
    // A HEAD loads nothing.
    await counted(`${a.url}/api/blogs/${slug}/reader-messages`, {
      method: "HEAD",
      headers: { origin: "https://partner.example.com" },
    });
    await counted(`${a.url}${frame}`, {
      method: "HEAD",
      headers: { referer: "https://partner.example.com/a" },
    });

    const numbers = await eventually(
      async () =>
        (await b.api("GET", `/api/blogs/${slug}/numbers?hours=1`, { token: editor })).json,
      (n) => {
        expect(n.readers.at(-1).readers).toBe(5);
        expect(n.readersNow).toBe(5);
        expect(n.topUpdates).toEqual([
          { postId: first.id, title: "Crews reach the warehouse", opens: 4, shares: 2 },
          { postId: second.id, title: "Road closures", opens: 1, shares: 1 },
        ]);
        expect(n.embeds).toEqual([
          { kind: "host", host: "partner.example.com", loads: 2 },
          { kind: "unknown", loads: 1 },
          { kind: "host", host: "news.example.org", loads: 1 },
        ]);
      },
    );
    expect(numbers.hours).toBe(1);
    expect(numbers.readers).toHaveLength(60);
    // Node A reads the same sums from the same database.
    const fromA = (await a.api("GET", `/api/blogs/${slug}/numbers?hours=1`, { token: editor }))
      .json;
    expect(fromA.topUpdates).toEqual(numbers.topUpdates);
    expect(fromA.embeds).toEqual(numbers.embeds);

    // Nothing about a reader is kept: no address, no page path or query, only counts.
    const client = new pg.Client({ connectionString: withDefaultUser(database.url) });
    await client.connect();
    try {
      const rows = [];
      for (const table of ["reader_minutes", "post_numbers", "embed_numbers"]) {
        rows.push(...(await client.query(`select * from ${table}`)).rows);
      }
      const stored = JSON.stringify(rows);
      expect(stored).not.toMatch(/127\.0\.0\.1|::1|fire-story|utm_source|\/a"/);
      const nodes = (await client.query("select distinct node from reader_minutes")).rows;
      expect(nodes).toHaveLength(2);
    } finally {
      await client.end();
    }
  }, 60_000);

  it("leaves a deleted update off the list", async () => {
    expect(
      (await a.api("DELETE", `/api/blogs/${slug}/posts/${second.id}`, { token: editor })).status,
    ).toBe(204);
    const numbers = (await b.api("GET", `/api/blogs/${slug}/numbers`, { token: editor })).json;
    expect(numbers.hours).toBe(6);
    expect(numbers.topUpdates.map((u: { postId: string }) => u.postId)).toEqual([first.id]);
  });
});

describe("one node on SQLite", () => {
  let server: TestServer;
  let editor: string;
  let admin: string;
  let reporter: string;
  const slug = "flood-watch";
  let post: { id: string };
  let draft: { id: string };

  beforeAll(async () => {
    server = await startTestServer({ env: FAST });
    editor = await server.tokenFor("editor");
    admin = await server.tokenFor("admin");
    reporter = await server.tokenFor("reporter");
    await server.api("POST", "/api/blogs", { token: editor, body: { slug, title: "Flood watch" } });
    post = (
      await server.api("POST", `/api/blogs/${slug}/posts`, {
        token: editor,
        body: { blocks: [paragraph("The river crested at 6.1 metres overnight, officials said.")] },
      })
    ).json;
    draft = (
      await server.api("POST", `/api/blogs/${slug}/posts`, {
        token: editor,
        body: { status: "draft", blocks: [paragraph("Not out yet")] },
      })
    ).json;
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  it("counts readers, opens, shares and embeds, naming an untitled update by its words", async () => {
    const reader = await connectSse(`${server.url}/api/blogs/${slug}/events`);
    try {
      await counted(`${server.url}/live/${slug}/posts/${post.id}`);
      await share(server.url, slug, post.id, "x");
      await counted(`${server.url}/live/${slug}/embed?theme=dark`, {
        headers: { referer: "https://Local-Paper.example.net:8443/news" },
      });
      await eventually(
        async () =>
          (await server.api("GET", `/api/blogs/${slug}/numbers?hours=2`, { token: admin })).json,
        (n) => {
          expect(n.readers).toHaveLength(120);
          expect(n.readers.at(-1).readers).toBe(1);
          expect(n.topUpdates).toEqual([
            {
              postId: post.id,
              title: "The river crested at 6.1 metres overnight, officials said.",
              opens: 1,
              shares: 1,
            },
          ]);
          expect(n.embeds).toEqual([{ kind: "host", host: "local-paper.example.net", loads: 1 }]);
        },
      );
    } finally {
      reader.close();
    }
  }, 30_000);

  it("refuses a bad window, naming the field", async () => {
    for (const query of ["hours=0", "hours=49", "hours=two", "hours=1.5"]) {
      const answer = await server.api("GET", `/api/blogs/${slug}/numbers?${query}`, {
        token: editor,
      });
      expect(answer.status, query).toBe(422);
      expect(answer.json.error).toMatchObject({ code: "validation_failed", field: "hours" });
    }
    const unknown = await server.api("GET", `/api/blogs/${slug}/numbers?days=2`, { token: editor });
    expect(unknown.status).toBe(422);
    expect(unknown.json.error.field).toBe("days");
  });

  it("shows the numbers to editors and admins only", async () => {
    const asReporter = await server.api("GET", `/api/blogs/${slug}/numbers`, { token: reporter });
    expect(asReporter.status).toBe(403);
    expect(asReporter.json.error.code).toBe("forbidden");
    const asStranger = await server.api("GET", `/api/blogs/${slug}/numbers`);
    expect(asStranger.status).toBe(401);
    const missing = await server.api("GET", "/api/blogs/no-such-blog/numbers", { token: editor });
    expect(missing.status).toBe(404);
  });

  it("counts shares of published updates only, from a known control, so often per address", async () => {
    const url = (id: string) => `${server.url}/api/blogs/${slug}/posts/${id}/shares`;
    const ofDraft = await fetch(url(draft.id), {
      method: "POST",
      body: new URLSearchParams({ network: "x" }),
    });
    expect(ofDraft.status).toBe(404);
    const badNetwork = await fetch(url(post.id), {
      method: "POST",
      body: new URLSearchParams({ network: "myspace" }),
    });
    expect(badNetwork.status).toBe(422);
    expect((await badNetwork.json()).error.field).toBe("network");
    let last: Response | undefined;
    for (let i = 0; i < 40; i++) {
      last = await fetch(url(post.id), {
        method: "POST",
        body: new URLSearchParams({ network: "copy" }),
      });
      if (last.status === 429) break;
    }
    expect(last?.status).toBe(429);
    expect(Number(last?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(last?.headers.get("set-cookie")).toBeNull();
  });
});
