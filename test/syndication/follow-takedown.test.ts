// A followed blog's removals reaching a follower, on SQLite and PostgreSQL: a post the source
// takes down, or simply deletes, leaves no word of it in any of the follower's tables (its
// post row, change log, search index, tags…) but the audit log, where the system records the
// takedown on the source's behalf. The words were the source's, never the follower's own.

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";
import { tablesHolding } from "../helpers/tables-holding.js";

// biome-ignore lint/suspicious/noExplicitAny: the test reads the API's JSON and asserts on it
type Json = any;

const backends = [
  { name: "SQLite", database: async (): Promise<TestDatabase | undefined> => undefined },
  { name: "PostgreSQL", database: (): Promise<TestDatabase | undefined> => createTestDatabase() },
];

describe.each(backends)("a follower on $name", ({ database }) => {
  let source: TestServer;
  let follower: TestServer;
  let db: TestDatabase | undefined;
  let sourceEditor: string;
  let followerEditor: string;

  const followerPosts = async (): Promise<Json[]> =>
    (await follower.api("GET", "/api/blogs/copy/posts?limit=100")).json.posts;
  const holding = (text: string) => tablesHolding(follower, db?.url, text);

  /** A post at the source whose every word holds `secret`, once the follower has its copy. */
  const plant = async (secret: string) => {
    const made = await source.api("POST", "/api/blogs/wire/posts", {
      token: sourceEditor,
      body: {
        title: `Named ${secret}`,
        blocks: [paragraph(`First ${secret} claim.`)],
        source: { text: `Leaked by ${secret}` },
        tags: [`Tag ${secret}`],
      },
    });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    const corrected = await source.api("PATCH", `/api/blogs/wire/posts/${made.json.id}`, {
      token: sourceEditor,
      body: {
        blocks: [paragraph(`Second ${secret} claim.`)],
        correction: `Fixed ${secret}`,
        version: made.json.version,
      },
    });
    expect(corrected.status).toBe(200);
    await vi.waitFor(
      async () => {
        const copy = (await followerPosts()).find((p) => p.title === `Named ${secret}`);
        expect(JSON.stringify(copy)).toContain(`Second ${secret} claim.`);
      },
      { timeout: 30_000, interval: 200 },
    );
    expect(await holding(secret)).toEqual(expect.arrayContaining(["changes", "posts"]));
    return made.json.id as string;
  };

  /** Once the copy has left the follower's blog, no table but the audit log holds a word. */
  const expectErased = async (secret: string) => {
    await vi.waitFor(
      async () => {
        expect(JSON.stringify(await followerPosts())).not.toContain(secret);
        expect(await holding(secret)).toEqual(["audit_events"]);
      },
      { timeout: 30_000, interval: 200 },
    );
    const audit = await follower.api("GET", "/api/audit?action=post.takedown", {
      token: await follower.tokenFor("admin"),
    });
    const entry = audit.json.entries.find((e: Json) => e.detail?.title === `Named ${secret}`);
    expect(entry, JSON.stringify(audit.json.entries)).toBeTruthy();
    // The system did it, on the source's behalf, not a member of this newsroom.
    expect(entry.actor).toBeNull();
    expect(entry.detail).toMatchObject({
      syndicated: `${source.url}/live/wire`,
      reason: expect.stringContaining("Wire desk"),
    });
  };

  beforeAll(async () => {
    db = await database();
    [source, follower] = await Promise.all([
      startTestServer(),
      startTestServer({
        env: { FETCH_ALLOW_PRIVATE: "1" },
        ...(db ? { databaseUrl: db.url } : {}),
      }),
    ]);
    [sourceEditor, followerEditor] = await Promise.all([
      source.tokenFor("editor"),
      follower.tokenFor("editor"),
    ]);
    for (const [server, token, slug, title] of [
      [source, sourceEditor, "wire", "Wire desk"],
      [follower, followerEditor, "copy", "Copy desk"],
    ] as const) {
      const made = await server.api("POST", "/api/blogs", { token, body: { slug, title } });
      expect(made.status).toBe(201);
    }
    const followed = await follower.api("PUT", "/api/blogs/copy/follow", {
      token: followerEditor,
      body: { source: `${source.url}/live/wire` },
    });
    expect(followed.status, JSON.stringify(followed.json)).toBe(200);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([source?.close(), follower?.close()]);
    await db?.drop();
  });

  it("erases its copy of a post the source takes down", async () => {
    const secret = "LIBELCOPY";
    const id = await plant(secret);
    const answer = await source.api("POST", `/api/blogs/wire/posts/${id}/takedown`, {
      token: sourceEditor,
      body: { reason: "Court order 41/2026" },
    });
    expect(answer.status).toBe(204);
    await expectErased(secret);
  }, 90_000);

  it("erases its copy of a post the source deletes", async () => {
    const secret = "RETRACTEDCOPY";
    const id = await plant(secret);
    const answer = await source.api("DELETE", `/api/blogs/wire/posts/${id}`, {
      token: sourceEditor,
    });
    expect(answer.status).toBe(204);
    await expectErased(secret);
  }, 90_000);
});
