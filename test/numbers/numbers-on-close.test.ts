// A node that stops between two flushes of the desk's numbers still writes what it counted:
// opens and shares made just before it closes (a reader still connected to its live stream)
// are in the numbers the next node answers, on SQLite and on PostgreSQL.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";
import { connectSse } from "../helpers/sse.js";

// No flush comes on its own while the test runs: only closing writes the counts.
const NO_FLUSH = { NUMBERS_FLUSH_MS: "3600000", READERS_SAMPLE_MS: "3600000" };

describe.each(["SQLite", "PostgreSQL"] as const)("numbers on closing, on %s", (backend) => {
  let database: TestDatabase | undefined;
  let dataDir: string | undefined;
  let server: TestServer | undefined;

  afterAll(async () => {
    await server?.close();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("writes the opens and shares counted since the last flush before the node stops", async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "dispatch-numbers-close-"));
    if (backend === "PostgreSQL") database = await createTestDatabase();
    const where = { dataDir, ...(database ? { databaseUrl: database.url } : {}) };
    const slug = "storm-watch";
    const first = await startTestServer({ ...where, env: NO_FLUSH });
    server = first;
    const editor = await first.tokenFor("editor");
    await first.api("POST", "/api/blogs", { token: editor, body: { slug, title: "Storm watch" } });
    const post = (
      await first.api("POST", `/api/blogs/${slug}/posts`, {
        token: editor,
        body: { blocks: [paragraph("Winds of 120 km/h expected on the coast tonight.")] },
      })
    ).json;
    const reader = await connectSse(`${first.url}/api/blogs/${slug}/events`);
    try {
      const open = await fetch(`${first.url}/live/${slug}/posts/${post.id}`);
      await open.arrayBuffer();
      expect(open.status).toBe(200);
      const share = await fetch(`${first.url}/api/blogs/${slug}/posts/${post.id}/shares`, {
        method: "POST",
        body: new URLSearchParams({ network: "whatsapp" }),
      });
      expect(share.status).toBe(204);
      server = undefined;
      await first.close();
    } finally {
      reader.close();
    }

    const second = await startTestServer({ ...where, env: NO_FLUSH });
    server = second;
    const admin = await second.tokenFor("admin");
    const numbers = (
      await second.api("GET", `/api/blogs/${slug}/numbers?hours=2`, { token: admin })
    ).json;
    expect(numbers.topUpdates).toEqual([
      {
        postId: post.id,
        title: "Winds of 120 km/h expected on the coast tonight.",
        opens: 1,
        shares: 1,
      },
    ]);
  }, 60_000);
});
