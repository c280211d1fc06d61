// The access log at LOG_LEVEL=info: every request has its line, also those answered before
// Fastify (cached reader pages, event streams at the connection's door), and no line holds a
// password, a session cookie or a bearer token. At the default level those paths log nothing.

import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { connectSse } from "../helpers/sse.js";

interface LogLine {
  msg?: string;
  url?: string;
  method?: string;
  statusCode?: number;
  bytes?: number;
  responseTime?: number;
  req?: { url?: string };
}

function capture() {
  const text: string[] = [];
  return {
    stream: { write: (line: string) => void text.push(line) },
    text: () => text.join(""),
    lines: (): LogLine[] => text.map((line) => JSON.parse(line) as LogLine),
  };
}

async function until<T>(find: () => T | undefined, what: string): Promise<T> {
  const started = Date.now();
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() - started > 5000) throw new Error(`no log line for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function coverage(server: TestServer, slug: string): Promise<string> {
  const token = await server.tokenFor("editor");
  await server.api("POST", "/api/blogs", { token, body: { slug, title: "Storm night" } });
  await server.api("POST", `/api/blogs/${slug}/posts`, {
    token,
    body: { blocks: [{ type: "paragraph", text: "The river is rising." }] },
  });
  return token;
}

describe("access log at info", () => {
  const log = capture();
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { LOG_LEVEL: "info" }, logStream: log.stream });
  });
  afterAll(() => server.close());

  it("logs cached pages, event streams and API calls, and no secret", async () => {
    const token = await coverage(server, "storm");
    for (let i = 0; i < 2; i++) {
      const page = await fetch(`${server.url}/live/storm`);
      expect(page.status).toBe(200);
      await page.arrayBuffer();
    }
    // The second request was answered from the page cache, before Fastify.
    const fastLane = await until(
      () => log.lines().find((l) => l.url === "/live/storm" && l.msg === "request completed"),
      "the cached page",
    );
    expect(fastLane).toMatchObject({ method: "GET", statusCode: 200 });
    expect(fastLane.bytes).toBeGreaterThan(100);
    expect(typeof fastLane.responseTime).toBe("number");

    const reader = await connectSse(
      `${server.url}/api/blogs/storm/events?lastEventId=0&access_token=hunter2secret`,
    );
    await reader.waitForEvents(1);
    expect(log.lines().some((l) => l.msg === "event stream ended")).toBe(false);
    reader.close();
    const ended = await until(
      () => log.lines().find((l) => l.msg === "event stream ended"),
      "the event stream",
    );
    expect(ended).toMatchObject({
      method: "GET",
      url: "/api/blogs/storm/events?lastEventId=0&access_token=[redacted]",
      statusCode: 200,
    });
    expect(ended.bytes).toBeGreaterThan(0);

    // A stream asked for on a connection that already carried a request goes through Node's
    // HTTP server instead of the door: it is logged as well, without a byte count.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    await new Promise((done) =>
      http.get(`${server.url}/api/health`, { agent }, (r) => r.resume().on("end", done)),
    );
    const reused = await new Promise<http.IncomingMessage>((done) =>
      http.get(
        `${server.url}/api/blogs/storm/events`,
        { agent, headers: { accept: "text/event-stream" } },
        done,
      ),
    );
    expect(reused.statusCode).toBe(200);
    expect(log.lines().some((l) => l.url === "/api/blogs/storm/events")).toBe(false);
    reused.destroy();
    agent.destroy();
    const second = await until(
      () => log.lines().find((l) => l.url === "/api/blogs/storm/events"),
      "the stream on a reused connection",
    );
    expect(second).toMatchObject({ msg: "event stream ended", statusCode: 200 });
    expect(second.bytes).toBeUndefined();

    const refused = await connectSse(`${server.url}/api/blogs/no-such-blog/events`);
    expect(refused.status).toBe(404);
    refused.close();
    await until(
      () =>
        log.lines().find((l) => l.url === "/api/blogs/no-such-blog/events" && l.statusCode === 404),
      "the refused stream",
    );

    const editor = await server.userFor("editor");
    const session = await server.signIn(editor.email, editor.password);
    const mine = await server.api("GET", "/api/session", { headers: { cookie: session.cookie } });
    expect(mine.status).toBe(200);
    await until(
      () => log.lines().find((l) => l.req?.url === "/api/session"),
      "the sign-in, through Fastify",
    );

    const text = log.text();
    expect(text).not.toContain(editor.password);
    expect(text).not.toContain(session.cookie.split("=")[1]);
    expect(text).not.toContain(session.csrfToken);
    expect(text).not.toContain(token);
    expect(text).not.toContain(editor.token);
    expect(text).not.toContain("hunter2secret");
  });
});

describe("access log at the default level", () => {
  const log = capture();
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { LOG_LEVEL: "warn" }, logStream: log.stream });
  });
  afterAll(() => server.close());

  it("writes nothing for pages and streams", async () => {
    await coverage(server, "quiet");
    for (let i = 0; i < 2; i++) await (await fetch(`${server.url}/live/quiet`)).arrayBuffer();
    const reader = await connectSse(`${server.url}/api/blogs/quiet/events?lastEventId=0`);
    await reader.waitForEvents(1);
    reader.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(log.text()).toBe("");
  });
});
