// Key figures over real HTTP on SQLite and PostgreSQL: two sources for one figure shown
// attributed, an update keeping history (API and reader page), the `figures` live event with
// its replay after a reconnect and in `changes?since=`, deletion taking the history with it,
// validation errors and audit entries.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { connectSse } from "../helpers/sse.js";

const ministry = {
  value: 1200,
  qualifier: "at least",
  unit: "people",
  source: { name: "Interior ministry", url: "https://ministry.example/statement" },
  asOf: "2026-05-01T12:30:00Z",
};
const monitors = {
  value: 1850,
  unit: "people",
  source: { name: "Rights monitors" },
  asOf: "2026-05-01T13:00:00Z",
};

function figuresSuite(backend: "sqlite" | "postgres") {
  let server: TestServer;
  let database: TestDatabase | undefined;
  let editor: string;
  let reporter: string;
  let admin: string;
  const slug = `unrest-${backend}`;

  beforeAll(async () => {
    database = backend === "postgres" ? await createTestDatabase() : undefined;
    server = await startTestServer(database ? { databaseUrl: database.url } : {});
    editor = await server.tokenFor("editor", "Elena Editor");
    reporter = await server.tokenFor("reporter");
    admin = await server.tokenFor("admin");
    const made = await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug, title: "Protests in the capital", timezone: "Europe/Berlin" },
    });
    expect(made.status).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  const page = async () => {
    const answer = await fetch(`${server.url}/live/${slug}`);
    expect(answer.status).toBe(200);
    return answer.text();
  };

  it("shows two sources' values for one figure, each attributed, on the API and the page", async () => {
    const sse = await connectSse(`${server.url}/api/blogs/${slug}/events`);
    const made = await server.api("POST", `/api/blogs/${slug}/figures`, {
      token: editor,
      body: { label: "Detained", values: [ministry, monitors] },
    });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    expect(made.json.values).toHaveLength(2);

    const box = await server.api("GET", `/api/blogs/${slug}/figures`);
    expect(box.status).toBe(200);
    const [detained] = box.json.figures;
    expect(detained.label).toBe("Detained");
    expect(detained.values.map((v: { source: { name: string } }) => v.source.name)).toEqual([
      "Interior ministry",
      "Rights monitors",
    ]);
    expect(detained.values[0]).toMatchObject({
      value: 1200,
      qualifier: "at least",
      unit: "people",
    });
    expect(detained.values[1].qualifier).toBeNull();

    const html = await page();
    const section =
      /<section id="figures"[^>]*aria-labelledby="figures-title"[^>]*>.*?<\/section>/s.exec(
        html,
      )?.[0];
    expect(section).toBeDefined();
    expect(section).not.toContain("hidden");
    expect(section).toContain("<dt>Detained</dt>");
    expect(section).toContain(
      'at least 1,200 people</data>, according to <a class="figure-source" href="https://ministry.example/statement" rel="nofollow">Interior ministry</a>, as of <time datetime="2026-05-01T12:30:00.000Z">May 1 at 14:30 GMT+2</time>',
    );
    expect(section).toContain(
      '1,850 people</data>, according to <span class="figure-source">Rights monitors</span>',
    );

    // The embed shows the same box (its full, latest page).
    const embed = await (await fetch(`${server.url}/live/${slug}/embed`)).text();
    expect(embed).toContain(section);
    const keyOnly = await (await fetch(`${server.url}/live/${slug}/embed?keyEvents=1`)).text();
    expect(keyOnly).not.toContain('id="figures"');

    // Pushed live: the whole box in one `figures` event.
    const [event] = await sse.waitForEvents(1, 20_000);
    sse.close();
    expect(event?.event).toBe("figures");
    expect(JSON.parse(event?.data ?? "{}").figures[0].values).toHaveLength(2);
  });

  it("keeps a replaced value as history, on the API and the page, and replays only the latest box", async () => {
    const before = await server.api("GET", `/api/blogs/${slug}`);
    const seqBefore = Number(
      (await server.api("GET", `/api/blogs/${slug}/changes?since=0`)).json.last,
    );
    const { figures } = (await server.api("GET", `/api/blogs/${slug}/figures`)).json;
    const id = figures[0].id;
    const updated = await server.api("PATCH", `/api/blogs/${slug}/figures/${id}`, {
      token: editor,
      body: {
        values: [{ ...ministry, value: 1400, asOf: "2026-05-01T16:00:00Z" }, monitors],
      },
    });
    expect(updated.status, JSON.stringify(updated.json)).toBe(200);
    expect(before.status).toBe(200);

    const history = await server.api("GET", `/api/blogs/${slug}/figures/${id}/history`);
    expect(history.status).toBe(200);
    expect(history.json.values.map((v: { value: number }) => v.value)).toEqual([1400, 1850]);
    // The unchanged value made no history; the replaced one did, with its source and time.
    expect(history.json.history).toHaveLength(1);
    expect(history.json.history[0]).toMatchObject({
      value: 1200,
      source: { name: "Interior ministry" },
      asOf: "2026-05-01T12:30:00.000Z",
    });

    const html = await page();
    const details = /<details><summary>Earlier values<\/summary><ul>(.*?)<\/ul><\/details>/s.exec(
      html,
    )?.[1];
    expect(details).toContain("at least 1,200 people");
    expect(details).toContain("May 1 at 14:30 GMT+2");
    expect(html).toContain("at least 1,400 people</data>");

    // A reader back after the first box is sent only the latest: the earlier box is superseded.
    const replay = await connectSse(`${server.url}/api/blogs/${slug}/events`, {
      "last-event-id": "1",
    });
    const events = await replay.waitForEvents(1, 20_000);
    await new Promise((done) => setTimeout(done, 300));
    replay.close();
    const boxes = replay.events.filter((e) => e.event === "figures");
    expect(boxes).toHaveLength(1);
    expect(JSON.parse(boxes[0]?.data ?? "{}").figures[0].values[0].value).toBe(1400);
    expect(events.length).toBeGreaterThan(0);

    const changes = await server.api("GET", `/api/blogs/${slug}/changes?since=${seqBefore}`);
    expect(changes.json.changes.map((c: { event: string }) => c.event)).toEqual(["figures"]);
    const all = await server.api("GET", `/api/blogs/${slug}/changes?since=0`);
    expect(all.json.changes.filter((c: { event: string }) => c.event === "figures")).toHaveLength(
      1,
    );
  });

  it("orders figures as set and refuses bad input with the field at fault", async () => {
    const second = await server.api("POST", `/api/blogs/${slug}/figures`, {
      token: editor,
      body: { label: "Injured", position: 0, values: [{ ...monitors, value: 90 }] },
    });
    expect(second.status).toBe(201);
    const detained = (await server.api("GET", `/api/blogs/${slug}/figures`)).json.figures.find(
      (f: { label: string }) => f.label === "Detained",
    );
    const moved = await server.api("PATCH", `/api/blogs/${slug}/figures/${detained.id}`, {
      token: editor,
      body: { position: 1 },
    });
    expect(moved.status).toBe(200);
    const labels = (await server.api("GET", `/api/blogs/${slug}/figures`)).json.figures.map(
      (f: { label: string }) => f.label,
    );
    expect(labels).toEqual(["Injured", "Detained"]);

    const cases: [unknown, string][] = [
      [{ label: "", values: [monitors] }, "label"],
      [{ label: "Dead", values: [] }, "values"],
      [{ label: "Dead", values: [{ ...monitors, source: { name: "" } }] }, "values[0].source.name"],
      [
        {
          label: "Dead",
          values: [{ ...monitors, source: { name: "X", url: "http://plain.example" } }],
        },
        "values[0].source.url",
      ],
      [{ label: "Dead", values: [{ ...monitors, asOf: "yesterday" }] }, "values[0].asOf"],
      [{ label: "Dead", values: [{ ...monitors, value: "many" }] }, "values[0].value"],
      [{ label: "Dead", values: [{ ...monitors, qualifier: "roughly" }] }, "values[0].qualifier"],
    ];
    for (const [body, field] of cases) {
      const answer = await server.api("POST", `/api/blogs/${slug}/figures`, {
        token: editor,
        body,
      });
      expect(answer.status, JSON.stringify(body)).toBe(422);
      expect(answer.json.error).toMatchObject({ code: "validation_failed", field });
    }
    const refused = await server.api("POST", `/api/blogs/${slug}/figures`, {
      token: reporter,
      body: { label: "Dead", values: [monitors] },
    });
    expect(refused.status).toBe(403);
    const missing = await server.api("PATCH", `/api/blogs/${slug}/figures/nope`, {
      token: editor,
      body: { label: "X" },
    });
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe("figure_not_found");
  });

  it("removes a figure with its history from the API and the page, and audits every change", async () => {
    const { figures } = (await server.api("GET", `/api/blogs/${slug}/figures`)).json;
    const detained = figures.find((f: { label: string }) => f.label === "Detained");
    const gone = await server.api("DELETE", `/api/blogs/${slug}/figures/${detained.id}`, {
      token: editor,
    });
    expect(gone.status).toBe(204);
    const history = await server.api("GET", `/api/blogs/${slug}/figures/${detained.id}/history`);
    expect(history.status).toBe(404);
    const html = await page();
    expect(html).not.toContain("Detained");
    expect(html).not.toContain("1,200");
    expect(html).toContain("<dt>Injured</dt>");

    const audit = await server.api("GET", `/api/audit?blog=${slug}`, { token: admin });
    expect(audit.status).toBe(200);
    const actions = audit.json.entries.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a.startsWith("figure."))).toEqual([
      "figure.delete",
      "figure.update",
      "figure.create",
      "figure.update",
      "figure.create",
    ]);
  });
}

describe("key figures on SQLite", () => figuresSuite("sqlite"));
describe("key figures on PostgreSQL", () => figuresSuite("postgres"));
