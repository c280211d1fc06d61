// Streams shared by a browser's tabs, over real HTTP: several blogs on one connection, each
// event tagged with its blog, each blog resumed from its own last id, and the desk variant
// carrying the newsroom's events and presence alongside the public ones.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";
import { connectSse, type SseEvent } from "../helpers/sse.js";

let server: TestServer;
const METRICS_TOKEN = "shared-streams-metrics-token";
let editor: string;

beforeAll(async () => {
  server = await startTestServer({ env: { METRICS_TOKEN } });
  editor = await server.tokenFor("editor", "Nia Night");
  for (const slug of ["harbour", "airport", "stadium"]) {
    const made = await server.api("POST", "/api/blogs", {
      token: editor,
      body: { slug, title: slug },
    });
    expect(made.status).toBe(201);
  }
});
afterAll(() => server.close());

const publish = (slug: string, text: string, status = "published") =>
  server.api("POST", `/api/blogs/${slug}/posts`, {
    token: editor,
    body: { blocks: [paragraph(text)], status },
  });

/** The blog an event belongs to, and its own data. */
function untag(event: SseEvent): { blog: string; data: unknown } {
  const cut = event.data.indexOf("\n");
  return { blog: event.data.slice(0, cut), data: JSON.parse(event.data.slice(cut + 1)) };
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check(); waited += 20) {
    if (waited > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("a reader's shared stream", () => {
  it("carries several blogs on one connection, each resumed from its own id", async () => {
    const first = await publish("harbour", "Ferry docks.");
    const stream = await connectSse(`${server.url}/api/events?blogs=harbour:0,airport`);
    expect(stream.status).toBe(200);
    expect(stream.headers["content-type"]).toMatch(/^text\/event-stream/);
    // harbour replays from 0 and opens; airport opens live.
    await waitFor(() => stream.events.filter((e) => e.event === "attached").length === 2, "opens");
    const replayed = stream.events.find((e) => e.event === "post");
    expect(replayed && untag(replayed)).toMatchObject({
      blog: "harbour",
      data: { id: first.json.id },
    });
    expect(stream.events.indexOf(replayed as SseEvent)).toBeLessThan(
      stream.events.findIndex((e) => e.event === "attached" && untag(e).blog === "harbour"),
    );
    await publish("airport", "Runway closed.");
    await publish("stadium", "Not followed here.");
    await publish("harbour", "Second ferry.");
    await waitFor(() => stream.events.filter((e) => e.event === "post").length === 3, "posts");
    const live = stream.events.filter((e) => e.event === "post").map(untag);
    expect(live.map((e) => e.blog)).toEqual(["harbour", "airport", "harbour"]);
    expect(server.dispatch.hub.stats.sharedStreams).toBe(1);
    // Two blogs, two readers, on one connection; /metrics says so.
    const scraped = await fetch(`${server.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    }).then((res) => res.text());
    expect(scraped).toMatch(/^dispatch_live_shared_streams 1$/m);
    expect(scraped).toMatch(/^dispatch_live_readers_total 2$/m);
    const harbourLast = Number(stream.events.filter((e) => e.event === "post").at(-1)?.id);
    stream.close();

    // Back after a gap, naming where each blog stood: only what was missed comes.
    await publish("harbour", "Third ferry.");
    const again = await connectSse(
      `${server.url}/api/events?blogs=harbour:${harbourLast},airport:0`,
    );
    await waitFor(() => again.events.filter((e) => e.event === "attached").length === 2, "reopens");
    const missed = again.events.filter((e) => e.event === "post").map(untag);
    expect(missed.map((e) => e.blog).sort()).toEqual(["airport", "harbour"]);
    expect(JSON.stringify(missed)).toContain("Third ferry");
    expect(JSON.stringify(missed)).not.toContain("Second ferry");
    again.close();
    await waitFor(() => server.dispatch.hub.stats.sharedStreams === 0, "the stream to close");
  });

  it("refuses a malformed or unknown list of blogs with a clear error", async () => {
    for (const blogs of ["", "Harbour", "harbour,harbour", "harbour:x", "a:1:2"]) {
      const answer = await server.api("GET", `/api/events?blogs=${blogs}`, {
        headers: { accept: "text/event-stream" },
      });
      expect(answer.status, blogs).toBe(400);
      expect(answer.json.error).toMatchObject({ code: "invalid_blogs", field: "blogs" });
    }
    const tooMany = Array.from({ length: 25 }, (_, i) => `b${i}`).join(",");
    expect((await server.api("GET", `/api/events?blogs=${tooMany}`)).status).toBe(400);
    const unknown = await server.api("GET", "/api/events?blogs=no-such-blog,nor-this");
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe("blog_not_found");
    // One unknown blog among known ones is told, not fatal: other tabs keep their stream.
    const some = await connectSse(`${server.url}/api/events?blogs=no-such-blog,harbour`);
    await waitFor(() => some.events.some((e) => e.event === "attached"), "harbour to open");
    expect(some.events.map((e) => `${e.event} ${e.data.split("\n")[0]}`)).toEqual([
      "unknown no-such-blog",
      "attached harbour",
    ]);
    some.close();
    const image = await server.api("GET", "/api/events?blogs=harbour", {
      headers: { accept: "image/avif,image/webp,*/*", "sec-fetch-dest": "image" },
    });
    expect(image.status).toBe(406);
  });
});

describe("the desk's shared stream", () => {
  it("carries drafts, presence and public events of each blog, newsroom only", async () => {
    expect((await server.api("GET", "/api/desk/events?blogs=harbour")).status).toBe(401);
    const bad = await server.api("GET", "/api/desk/events?blogs=harbour,", { token: editor });
    expect(bad.status).toBe(400);

    const desk = await connectSse(`${server.url}/api/desk/events?blogs=harbour,stadium`, {
      authorization: `Bearer ${editor}`,
    });
    expect(desk.status).toBe(200);
    await waitFor(() => desk.events.filter((e) => e.event === "attached").length === 2, "opens");
    const presence = desk.events.filter((e) => e.event === "presence").map(untag);
    expect(presence.map((p) => p.blog)).toEqual(expect.arrayContaining(["harbour", "stadium"]));
    expect(presence[0]?.data).toMatchObject({ people: [{ name: "Nia Night" }] });
    expect(server.dispatch.hub.stats.sharedStreams).toBe(1);

    await publish("stadium", "Gates open at six.", "draft");
    await publish("harbour", "Tug boats out.");
    await waitFor(
      () =>
        desk.events.some((e) => e.event === "desk-post") &&
        desk.events.some((e) => e.event === "post"),
      "a draft and a post",
    );
    expect(untag(desk.events.find((e) => e.event === "desk-post") as SseEvent).blog).toBe(
      "stadium",
    );
    expect(untag(desk.events.find((e) => e.event === "post") as SseEvent).blog).toBe("harbour");
    desk.close();
  });
});
