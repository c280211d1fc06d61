// GET /metrics over real HTTP: off unless METRICS_TOKEN is set, refused with the wrong token,
// and with the right one a Prometheus exposition that an independent parser reads, holding
// this node's readers per blog and the posts created.

import parsePrometheusTextFormat, { type ParsedFamily } from "parse-prometheus-text-format";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";
import { connectSse, type SseClient } from "../helpers/sse.js";

const TOKEN = "scrape-me-0123456789abcdef";

let server: TestServer;
let editor: string;
const readers: SseClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ env: { METRICS_TOKEN: TOKEN } });
  editor = await server.tokenFor("editor");
  for (const slug of ["election-night", "quiet-blog"]) {
    await server.api("POST", "/api/blogs", { token: editor, body: { slug, title: slug } });
  }
});
afterAll(async () => {
  for (const reader of readers) reader.close();
  await server.close();
});

const scrape = (authorization?: string) =>
  fetch(`${server.url}/metrics`, { headers: authorization ? { authorization } : {} });

async function metrics(): Promise<ParsedFamily[]> {
  const answer = await scrape(`Bearer ${TOKEN}`);
  expect(answer.status).toBe(200);
  return parsePrometheusTextFormat(await answer.text());
}

function family(families: ParsedFamily[], name: string): ParsedFamily {
  const found = families.find((f) => f.name === name);
  if (!found) throw new Error(`no ${name} in the metrics`);
  return found;
}

function sample(families: ParsedFamily[], name: string, labels: Record<string, string> = {}) {
  const match = family(families, name).metrics.find((m) =>
    Object.entries(labels).every(([k, v]) => m.labels?.[k] === v),
  );
  return match?.value === undefined ? undefined : Number(match.value);
}

describe("access", () => {
  it("is off without METRICS_TOKEN", async () => {
    const plain = await startTestServer();
    try {
      const answer = await fetch(`${plain.url}/metrics`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(answer.status).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it("refuses a missing or wrong token", async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape(`Bearer ${TOKEN}x`)).status).toBe(401);
    expect((await scrape("Bearer scrape-me")).status).toBe(401);
    // A newsroom user's API token is not the scraper's.
    expect((await scrape(`Bearer ${editor}`)).status).toBe(401);
  });

  it("answers the right token in the text format, never cached", async () => {
    const answer = await scrape(`Bearer ${TOKEN}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(answer.headers.get("cache-control")).toBe("no-store");
  });
});

describe("what it counts", () => {
  it("shows a blog's open readers and the posts published", async () => {
    const before = await metrics();
    const published = sample(before, "dispatch_posts_created_total", { outcome: "published" });
    expect(published).toBe(0);
    for (let i = 0; i < 2; i++) {
      readers.push(await connectSse(`${server.url}/api/blogs/election-night/events`));
    }
    for (let i = 0; i < 3; i++) {
      const answer = await server.api("POST", "/api/blogs/election-night/posts", {
        token: editor,
        body: { blocks: [paragraph(`Update ${i}`)] },
      });
      expect(answer.status).toBe(201);
    }
    await server.api("POST", "/api/blogs/quiet-blog/posts", {
      token: editor,
      body: { blocks: [paragraph("Not yet")], status: "draft" },
    });
    for (const reader of readers) await reader.waitForEvents(3);

    const after = await metrics();
    expect(sample(after, "dispatch_live_readers", { blog: "election-night" })).toBe(2);
    expect(sample(after, "dispatch_live_readers", { blog: "quiet-blog" })).toBeUndefined();
    expect(sample(after, "dispatch_live_readers_total")).toBe(2);
    expect(
      sample(after, "dispatch_posts_created_total", { outcome: "published" }),
    ).toBeGreaterThanOrEqual(3);
    expect(sample(after, "dispatch_posts_created_total", { outcome: "draft" })).toBe(1);
    expect(sample(after, "dispatch_changes_received_total")).toBeGreaterThanOrEqual(3);
    expect(sample(after, "dispatch_database_up")).toBe(1);

    const lag = family(after, "dispatch_event_lag_seconds");
    expect(lag.type).toBe("HISTOGRAM");
    const timed = Number(lag.metrics[0]?.count);
    expect(timed).toBeGreaterThanOrEqual(3);
    // Commit to written, on this machine: well under a second on average.
    expect(Number(lag.metrics[0]?.sum) / timed).toBeLessThan(1);

    const created = sample(after, "dispatch_http_requests_total", {
      route: "/api/blogs/:slug/posts",
      status: "2xx",
    });
    expect(created).toBeGreaterThanOrEqual(4);
    expect(sample(after, "process_resident_memory_bytes")).toBeGreaterThan(0);
  });

  it("counts a reader's replay and the events it was sent", async () => {
    const resumed = await connectSse(`${server.url}/api/blogs/election-night/events`, {
      "last-event-id": "1",
    });
    readers.push(resumed);
    await resumed.waitForEvents(2);
    const families = await metrics();
    expect(sample(families, "dispatch_replays_total")).toBe(1);
    expect(sample(families, "dispatch_replayed_events_total")).toBeGreaterThanOrEqual(2);
    expect(sample(families, "dispatch_live_readers", { blog: "election-night" })).toBe(3);
  });
});

describe("METRICS_PORT", () => {
  it("answers /metrics on its own port without a token, and nothing else there", async () => {
    const separate = await startTestServer({ env: { METRICS_PORT: "0" } });
    try {
      const metricsUrl = separate.dispatch.metricsUrl;
      expect(metricsUrl).toBeDefined();
      expect(metricsUrl).not.toBe(separate.url);
      const answer = await fetch(`${metricsUrl}/metrics`);
      expect(answer.status).toBe(200);
      expect(answer.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
      const families = parsePrometheusTextFormat(await answer.text());
      expect(sample(families, "dispatch_database_up")).toBe(1);
      expect((await fetch(`${metricsUrl}/api/blogs`)).status).toBe(404);
      // Without METRICS_TOKEN the main port keeps /metrics off.
      expect((await fetch(`${separate.url}/metrics`)).status).toBe(404);
    } finally {
      await separate.close();
    }
  });
});
