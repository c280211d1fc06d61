// The live stream end to end: real server, real SQLite change log, real HTTP subscribers.

import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";
import { connectSse, type SseClient } from "../helpers/sse.js";

let server: TestServer;
let editor: string;

beforeAll(async () => {
  server = await startTestServer();
  editor = await server.tokenFor("editor");
});
afterAll(() => server.close());

async function newBlog(slug: string) {
  expect(
    (await server.api("POST", "/api/blogs", { token: editor, body: { slug, title: slug } })).status,
  ).toBe(201);
}
const publish = (slug: string, text: string) =>
  server.api("POST", `/api/blogs/${slug}/posts`, {
    token: editor,
    body: { blocks: [paragraph(text)] },
  });

describe("live events", () => {
  it("streams create, edit, delete and close in order with increasing ids", async () => {
    await newBlog("stream");
    const client = await connectSse(`${server.url}/api/blogs/stream/events`);
    expect(client.status).toBe(200);
    expect(client.headers["content-type"]).toMatch(/^text\/event-stream/);
    expect(client.headers["cache-control"]).toContain("no-transform");
    const post = await publish("stream", "first");
    await server.api("PATCH", `/api/blogs/stream/posts/${post.json.id}`, {
      token: editor,
      body: { version: 1, blocks: [paragraph("edited")] },
    });
    await server.api("DELETE", `/api/blogs/stream/posts/${post.json.id}`, { token: editor });
    await server.api("PATCH", "/api/blogs/stream", { token: editor, body: { status: "closed" } });
    const events = await client.waitForEvents(4);
    client.close();
    expect(events.map((e) => e.event)).toEqual(["post", "post", "delete", "blog"]);
    expect(JSON.parse(events[0]!.data)).toMatchObject({
      id: post.json.id,
      html: "<p>first</p>",
      version: 1,
    });
    expect(JSON.parse(events[1]!.data)).toMatchObject({
      id: post.json.id,
      html: "<p>edited</p>",
      version: 2,
    });
    expect(JSON.parse(events[2]!.data)).toEqual({ id: post.json.id });
    expect(JSON.parse(events[3]!.data)).toMatchObject({ slug: "stream", status: "closed" });
    const ids = events.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(4);
  });

  it("replays exactly the missed events to a reader who reconnects with Last-Event-ID", async () => {
    await newBlog("resume");
    const first = await connectSse(`${server.url}/api/blogs/resume/events`);
    for (const text of ["a", "b"]) await publish("resume", text);
    const seen = await first.waitForEvents(2);
    first.close();
    const lastId = seen[1]!.id!;
    for (const text of ["c", "d", "e"]) await publish("resume", text);

    const byHeader = await connectSse(`${server.url}/api/blogs/resume/events`, {
      "last-event-id": lastId,
    });
    const byQuery = await connectSse(`${server.url}/api/blogs/resume/events?lastEventId=${lastId}`);
    await publish("resume", "f");
    for (const client of [byHeader, byQuery]) {
      const events = await client.waitForEvents(4);
      expect(events.map((e) => JSON.parse(e.data).html)).toEqual([
        "<p>c</p>",
        "<p>d</p>",
        "<p>e</p>",
        "<p>f</p>",
      ]);
      await new Promise((r) => setTimeout(r, 100));
      expect(client.events).toHaveLength(4);
      client.close();
    }
  });

  it("answers an unknown blog with a JSON 404, and streams it once it exists", async () => {
    const response = await fetch(`${server.url}/api/blogs/not-yet/events`, {
      headers: { accept: "text/event-stream" },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect((await response.json()).error.code).toBe("blog_not_found");
    await newBlog("not-yet");
    const client = await connectSse(`${server.url}/api/blogs/not-yet/events`);
    expect(client.status).toBe(200);
    await publish("not-yet", "now it exists");
    expect((await client.waitForEvents(1))[0]?.event).toBe("post");
    client.close();
  });

  it("delivers a burst of 50 posts to 200 concurrent readers, complete and in order", async () => {
    await newBlog("crowd");
    const clients: SseClient[] = await Promise.all(
      Array.from({ length: 200 }, () => connectSse(`${server.url}/api/blogs/crowd/events`)),
    );
    const published = await Promise.all(
      Array.from({ length: 50 }, (_, i) => publish("crowd", `update ${i}`)),
    );
    expect(published.every((r) => r.status === 201)).toBe(true);
    const expected = new Set(published.map((r) => r.json.id as string));
    for (const client of clients) {
      const events = await client.waitForEvents(50, 20_000);
      const ids = events.map((e) => Number(e.id));
      expect(ids).toEqual(Array.from({ length: 50 }, (_, i) => ids[0]! + i));
      expect(new Set(events.map((e) => JSON.parse(e.data).id))).toEqual(expected);
      client.close();
    }
  });

  it("refuses with 406 a browser loading the stream as an image, script or page", async () => {
    await newBlog("not-an-image");
    const readers = async () => (await server.api("GET", "/api/health")).json.readers as number;
    const before = await readers();
    const url = `${server.url}/api/blogs/not-an-image/events`;
    const refused: Record<string, string>[] = [
      { accept: "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8" },
      { accept: "*/*", "sec-fetch-dest": "image" },
      { accept: "*/*", "sec-fetch-dest": "script" },
      { accept: "text/html,application/xhtml+xml,*/*;q=0.8" },
      { accept: "text/event-stream;q=0" },
    ];
    for (const headers of refused) {
      const response = await fetch(url, { headers });
      expect(response.status).toBe(406);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      const body = await response.json();
      expect(body.error.code).toBe("not_acceptable");
      expect(body.error.message).toMatch(/EventSource/);
    }
    // The door's way in (a fresh connection, read before Node's parser) and Node's own (a
    // connection that already carried a request) refuse alike.
    const socket = connect(Number(new URL(server.url).port), "127.0.0.1");
    let text = "";
    socket.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8");
    });
    socket.write(
      "GET /api/blogs/not-an-image/events HTTP/1.1\r\nHost: a\r\nAccept: image/*\r\n\r\n",
    );
    await expect.poll(() => text).toMatch(/^HTTP\/1.1 406 /);
    socket.destroy();
    const reused = connect(Number(new URL(server.url).port), "127.0.0.1");
    let second = "";
    reused.on("data", (chunk: Buffer) => {
      second += chunk.toString("utf8");
    });
    reused.write("GET /api/blogs/not-an-image HTTP/1.1\r\nHost: a\r\n\r\n");
    await expect.poll(() => second.includes('"slug":"not-an-image"')).toBe(true);
    reused.write(
      "GET /api/blogs/not-an-image/events HTTP/1.1\r\nHost: a\r\nSec-Fetch-Dest: image\r\n\r\n",
    );
    await expect.poll(() => second).toMatch(/HTTP\/1.1 406 Not Acceptable/);
    expect(second).toContain('"code":"not_acceptable"');
    reused.destroy();
    expect(await readers()).toBe(before);
    const client = await connectSse(url, { accept: "text/html, text/event-stream;q=0.9" });
    expect(client.status).toBe(200);
    client.close();
    // A script or curl asks for anything, and gets the stream as the contract says.
    const plain = await connectSse(url, { accept: "*/*" });
    expect(plain.status).toBe(200);
    plain.close();
  });

  it("streams on a connection that already carried another request", async () => {
    await newBlog("reused");
    const socket = connect(Number(new URL(server.url).port), "127.0.0.1");
    let text = "";
    socket.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8");
    });
    socket.write("GET /api/blogs/reused HTTP/1.1\r\nHost: a\r\n\r\n");
    await expect.poll(() => text.includes('"slug":"reused"')).toBe(true);
    socket.write(
      "GET /api/blogs/reused/events HTTP/1.1\r\nHost: a\r\nAccept: text/event-stream\r\n\r\n",
    );
    await expect.poll(() => text.includes("text/event-stream")).toBe(true);
    const post = await publish("reused", "on the same connection");
    await expect.poll(() => text.includes(`"id":"${post.json.id}"`)).toBe(true);
    socket.destroy();
  });

  it("counts a reader out as soon as the connection closes", async () => {
    await newBlog("leaving");
    const readers = async () => (await server.api("GET", "/api/health")).json.readers as number;
    const before = await readers();
    const clients = await Promise.all(
      Array.from({ length: 5 }, () => connectSse(`${server.url}/api/blogs/leaving/events`)),
    );
    await expect.poll(readers).toBe(before + 5);
    for (const client of clients) client.close();
    await expect.poll(readers).toBe(before);
  });

  it("lets go of a refused stream's connection even if the client keeps its side open", async () => {
    // A server of its own, so that no other connection comes or goes meanwhile.
    const quiet = await startTestServer();
    const open = () =>
      new Promise<number>((resolve, reject) =>
        quiet.dispatch.app.server.getConnections((error, count) =>
          error ? reject(error) : resolve(count),
        ),
      );
    try {
      const socket = connect({
        port: Number(new URL(quiet.url).port),
        host: "127.0.0.1",
        allowHalfOpen: true,
      });
      let text = "";
      socket.on("data", (chunk: Buffer) => {
        text += chunk.toString("utf8");
      });
      const ended = new Promise<void>((resolve) => socket.once("end", () => resolve()));
      socket.write(
        "GET /api/blogs/nowhere/events HTTP/1.1\r\nHost: a\r\nAccept: text/event-stream\r\n\r\n",
      );
      await ended;
      expect(text).toMatch(/^HTTP\/1.1 404 Not Found\r\n/);
      expect(text).toMatch(/\r\ndate: /i);
      expect(text).toContain('"code":"blog_not_found"');
      expect(await open()).toBe(1);
      // The client never closes its side; the server does not wait for it for ever.
      await expect.poll(open, { timeout: 9000, interval: 200 }).toBe(0);
      socket.destroy();
    } finally {
      await quiet.close();
    }
  }, 20_000);
});
