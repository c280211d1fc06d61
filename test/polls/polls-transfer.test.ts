// A poll's results through export and import: the counts written into the post go out in the
// export document and come back whole on another server (SQLite out, PostgreSQL in), on the
// post's JSON and its page.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

let source: TestServer;
let target: TestServer;
let database: TestDatabase;
const slug = "poll-transfer";

beforeAll(async () => {
  database = await createTestDatabase();
  [source, target] = await Promise.all([
    startTestServer({ env: { PUBLIC_URL: "https://news.example" } }),
    startTestServer({ databaseUrl: database.url, env: { PUBLIC_URL: "https://news.example" } }),
  ]);
}, 60_000);
afterAll(async () => {
  await source?.close();
  await target?.close();
  await database?.drop();
});

const vote = (pollId: string, answer: string) =>
  fetch(`${source.url}/api/polls/${pollId}/votes`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ answer }),
  });

describe("a poll in the export document", () => {
  it("keeps its results through an export and import", async () => {
    const admin = await source.tokenFor("admin");
    await source.api("POST", "/api/blogs", { token: admin, body: { slug, title: "Referendum" } });
    const made = await source.api("POST", `/api/blogs/${slug}/posts`, {
      token: admin,
      body: {
        blocks: [
          {
            type: "poll",
            question: "Will turnout pass 50%?",
            answers: [
              { id: "yes", text: "Yes" },
              { id: "no", text: "No" },
            ],
            closesAt: "2030-01-01T00:00:00Z",
          },
        ],
      },
    });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    const pollId = made.json.blocks[0].id;
    for (const answer of ["yes", "yes", "no"])
      expect((await vote(pollId, answer)).status).toBe(200);
    const results = { totals: { yes: 2, no: 1 }, total: 3 };
    const deadline = Date.now() + 5000;
    let post = await source.api("GET", `/api/blogs/${slug}/posts/${made.json.id}`);
    while (post.json.blocks[0].results?.total !== 3 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      post = await source.api("GET", `/api/blogs/${slug}/posts/${made.json.id}`);
    }
    expect(post.json.blocks[0].results).toEqual(results);

    const exported = await source.api("GET", `/api/blogs/${slug}/export?media=link`, {
      token: admin,
    });
    expect(exported.status).toBe(200);
    const item = exported.json.posts.find((p: { id: string }) => p.id === made.json.id);
    expect(item.blocks[0]).toMatchObject({ id: pollId, results });

    const importer = await target.tokenFor("admin");
    const imported = await target.api("POST", "/api/import", {
      token: importer,
      body: exported.json,
    });
    expect(imported.status, JSON.stringify(imported.json)).toBe(200);
    const moved = await target.api("GET", `/api/blogs/${slug}/posts/${made.json.id}`);
    expect(moved.json.blocks[0]).toMatchObject({ id: pollId, results });
    const page = await (await fetch(`${target.url}/live/${slug}/posts/${made.json.id}`)).text();
    expect(page).toContain('<p class="poll-total">3 votes</p>');
    expect(page).toContain(`action="/api/polls/${pollId}/votes"`);
  });
});
