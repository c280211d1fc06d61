// Key figures through export and import: a blog's figures, each value with its source and
// every earlier value, go out in the export document and come in whole on another server
// (SQLite out, PostgreSQL in), where the box, the history and a second export match.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

let source: TestServer;
let target: TestServer;
let database: TestDatabase;
const slug = "figures-transfer";

beforeAll(async () => {
  database = await createTestDatabase();
  [source, target] = await Promise.all([
    // Linking media (a JSON document, no archive) needs the site's https address.
    startTestServer({ env: { PUBLIC_URL: "https://news.example" } }),
    startTestServer({ databaseUrl: database.url, env: { PUBLIC_URL: "https://news.example" } }),
  ]);
}, 60_000);
afterAll(async () => {
  await source?.close();
  await target?.close();
  await database?.drop();
});

const exportOf = async (server: TestServer, token: string) => {
  const answer = await server.api("GET", `/api/blogs/${slug}/export?media=link`, { token });
  expect(answer.status, JSON.stringify(answer.json)).toBe(200);
  return answer.json;
};

describe("key figures in the export document", () => {
  it("survive an export and import with their sources and history", async () => {
    const admin = await source.tokenFor("admin");
    await source.api("POST", "/api/blogs", { token: admin, body: { slug, title: "Wildfire" } });
    const value = {
      value: 3000.5,
      qualifier: "about",
      unit: "hectares",
      source: { name: "Fire service", url: "https://fire.example/a" },
      asOf: "2026-07-01T08:00:00Z",
    };
    const made = await source.api("POST", `/api/blogs/${slug}/figures`, {
      token: admin,
      body: { label: "Burnt", values: [value] },
    });
    await source.api("PATCH", `/api/blogs/${slug}/figures/${made.json.id}`, {
      token: admin,
      body: {
        values: [
          { ...value, value: 4200, asOf: "2026-07-01T18:00:00Z" },
          {
            value: 5000,
            unit: "hectares",
            source: { name: "EU satellite service" },
            asOf: "2026-07-01T17:00:00Z",
          },
        ],
      },
    });
    const document = await exportOf(source, admin);
    expect(document.figures).toHaveLength(1);
    expect(document.figures[0].values).toHaveLength(2);
    expect(document.figures[0].history).toEqual([
      expect.objectContaining({ value: 3000.5, qualifier: "about", source: value.source }),
    ]);

    const importer = await target.tokenFor("admin");
    const imported = await target.api("POST", "/api/import", { token: importer, body: document });
    expect(imported.status, JSON.stringify(imported.json)).toBe(200);

    const box = await target.api("GET", `/api/blogs/${slug}/figures`);
    expect(box.json.figures[0].values.map((v: { value: number }) => v.value)).toEqual([4200, 5000]);
    const history = await target.api("GET", `/api/blogs/${slug}/figures/${made.json.id}/history`);
    expect(history.status).toBe(200);
    expect(history.json.history[0]).toMatchObject({
      value: 3000.5,
      asOf: "2026-07-01T08:00:00.000Z",
    });
    const page = await (await fetch(`${target.url}/live/${slug}`)).text();
    expect(page).toContain("about 3,000.5 hectares");

    const again = await exportOf(target, importer);
    expect(again.figures).toEqual(document.figures);

    // Importing the same document again changes nothing.
    const twice = await target.api("POST", "/api/import", { token: importer, body: document });
    expect(twice.status).toBe(200);
    expect((await exportOf(target, importer)).figures).toEqual(document.figures);
  }, 90_000);

  it("refuses a figure the document names twice, naming the item at fault", async () => {
    const admin = await source.tokenFor("admin");
    const document = await exportOf(source, admin);
    const broken = {
      ...document,
      blog: { ...document.blog, slug: "figures-broken" },
      figures: [document.figures[0], document.figures[0]],
    };
    const answer = await target.api("POST", "/api/import", {
      token: await target.tokenFor("admin"),
      body: broken,
    });
    expect(answer.status).toBe(422);
    expect(answer.json.error.field).toBe("figures[1].id");
  }, 60_000);
});
