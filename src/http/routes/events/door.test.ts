// The stream door on a real HTTP server and real sockets: what it takes, and that everything
// it does not take reaches Node's HTTP server byte for byte.

import { createServer, type Server } from "node:http";
import { type AddressInfo, connect, type Socket } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStreamDoor, plainStreamRequest, type StreamRequest } from "./door.js";

const head = (lines: string[]) => Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1");

describe("plainStreamRequest", () => {
  it("reads the target, Last-Event-ID and Accept of a plain GET", () => {
    expect(
      plainStreamRequest(
        head([
          "GET /api/blogs/storm/events?lastEventId=3 HTTP/1.1",
          "Host: news.example",
          "Accept: text/event-stream",
          "last-event-id:  41 ",
        ]),
      ),
    ).toEqual({
      url: "/api/blogs/storm/events?lastEventId=3",
      lastEventId: "41",
      accept: "text/event-stream",
    });
  });

  it("joins repeated Last-Event-ID headers as Node does", () => {
    const request = plainStreamRequest(
      head(["GET /e HTTP/1.1", "Host: a", "Last-Event-ID: 1", "Last-Event-ID: 2"]),
    );
    expect(request?.lastEventId).toBe("1, 2");
  });

  it("reads an Authorization header, so a bad token is refused on a stream too", () => {
    const request = plainStreamRequest(
      head(["GET /e HTTP/1.1", "Host: a", "Authorization: Bearer abc"]),
    );
    expect(request?.authorization).toBe("Bearer abc");
  });

  it.each([
    [
      "two Authorization headers",
      ["GET /e HTTP/1.1", "Host: a", "Authorization: a", "Authorization: b"],
    ],
    ["another method", ["POST /e HTTP/1.1", "Host: a"]],
    ["HTTP/1.0", ["GET /e HTTP/1.0", "Host: a"]],
    ["no Host", ["GET /e HTTP/1.1"]],
    ["two Hosts", ["GET /e HTTP/1.1", "Host: a", "Host: b"]],
    ["a body", ["GET /e HTTP/1.1", "Host: a", "Content-Length: 3"]],
    ["chunked", ["GET /e HTTP/1.1", "Host: a", "Transfer-Encoding: chunked"]],
    ["an upgrade", ["GET /e HTTP/1.1", "Host: a", "Upgrade: websocket"]],
    ["a folded header", ["GET /e HTTP/1.1", "Host: a", "X-A: 1", " 2"]],
    ["a header without a colon", ["GET /e HTTP/1.1", "Host: a", "X-A"]],
    ["a space in the name", ["GET /e HTTP/1.1", "Host: a", "X A: 1"]],
    ["a control byte in a value", ["GET /e HTTP/1.1", "Host: a", "X-A: 1\u00012"]],
    ["a space in the target", ["GET /a b HTTP/1.1", "Host: a"]],
    ["a target that is not a path", ["GET http://a/e HTTP/1.1", "Host: a"]],
  ])("leaves a request with %s to HTTP", (_what, lines) => {
    expect(plainStreamRequest(head(lines))).toBeNull();
  });

  it("leaves an incomplete or oversized head to HTTP", () => {
    expect(plainStreamRequest(Buffer.from("GET /e HTTP/1.1\r\nHost: a\r\n"))).toBeNull();
    const big = head(["GET /e HTTP/1.1", "Host: a", `X-Big: ${"x".repeat(17_000)}`]);
    expect(plainStreamRequest(big)).toBeNull();
  });
});

describe("openStreamDoor", () => {
  let server: Server;
  let port: number;
  let taken: StreamRequest[];
  const open: Socket[] = [];

  beforeEach(async () => {
    taken = [];
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () =>
        res.end(`${req.method} ${req.url} [${Buffer.concat(chunks).toString()}]`),
      );
    });
    openStreamDoor(server, (request, socket) => {
      if (!request.url.startsWith("/stream")) return false;
      taken.push(request);
      socket.end("HTTP/1.1 200 OK\r\nconnection: close\r\n\r\nstreamed");
      return true;
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterEach(async () => {
    for (const socket of open) socket.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** Sends the pieces with a pause between them, and returns all the server said. */
  async function exchange(pieces: string[], waitFor: (text: string) => boolean): Promise<string> {
    const socket = connect(port, "127.0.0.1");
    open.push(socket);
    let text = "";
    socket.on("data", (chunk: Buffer) => {
      text += chunk.toString("latin1");
    });
    await new Promise((resolve) => socket.once("connect", resolve));
    for (const piece of pieces) {
      socket.write(piece);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await expect.poll(() => waitFor(text)).toBe(true);
    return text;
  }

  it("takes a plain stream request off the connection", async () => {
    const text = await exchange(
      [
        "GET /stream?x=1 HTTP/1.1\r\nHost: a\r\nLast-Event-ID: 7\r\nAccept: text/event-stream\r\n\r\n",
      ],
      (t) => t.endsWith("streamed"),
    );
    expect(text).toMatch(/^HTTP\/1.1 200 OK/);
    expect(taken).toEqual([{ url: "/stream?x=1", lastEventId: "7", accept: "text/event-stream" }]);
  });

  it("hands other requests to HTTP, keep-alive and pipelined ones included", async () => {
    const text = await exchange(
      [
        "GET /one HTTP/1.1\r\nHost: a\r\n\r\nGET /two HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /stream HTTP/1.1\r\nHost: a\r\n\r\n",
      ],
      (t) => (t.match(/HTTP\/1.1 200/g) ?? []).length === 3,
    );
    expect(text).toContain("GET /one []");
    expect(text).toContain("GET /two []");
    // Not the connection's first request: HTTP answers it, the door does not see it.
    expect(text).toContain("GET /stream []");
    expect(taken).toEqual([]);
  });

  it("hands over a head split across packets and a body that comes later", async () => {
    const split = await exchange(["GET /stream HTTP/1.1\r\nHo", "st: a\r\n\r\n"], (t) =>
      t.includes("[]"),
    );
    expect(split).toContain("GET /stream []");
    const posted = await exchange(
      ["POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello", " world"],
      (t) => t.includes("]"),
    );
    expect(posted).toContain("POST /p [hello world]");
    expect(taken).toEqual([]);
  });

  it("hands over every one of many connections, however their requests arrive", async () => {
    const request = "POST /many HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\nbody";
    const answers = await Promise.all(
      Array.from({ length: 120 }, async (_, i) => {
        // Whole, in two pieces, or its first byte alone; some connections wait before speaking.
        const cut = [request.length, 9, 1][i % 3]!;
        const pieces = [request.slice(0, cut), request.slice(cut)].filter(Boolean);
        if (i % 4 === 0) await new Promise((resolve) => setTimeout(resolve, 20));
        return exchange(pieces, (t) => t.includes("[body]"));
      }),
    );
    for (const text of answers) expect(text).toContain("POST /many [body]");
    expect(taken).toEqual([]);
  });

  it("lets HTTP reject what is malformed", async () => {
    const text = await exchange(["GET /stream HTTP/1.1\r\nHost: a\r\nX A: 1\r\n\r\n"], (t) =>
      t.includes("\r\n\r\n"),
    );
    expect(text).toMatch(/^HTTP\/1.1 400/);
    expect(taken).toEqual([]);
  });

  it("survives connections that close or reset before saying anything", async () => {
    for (let i = 0; i < 5; i++) {
      const quiet = connect(port, "127.0.0.1");
      await new Promise((resolve) => quiet.once("connect", resolve));
      if (i % 2) quiet.end();
      else quiet.resetAndDestroy();
    }
    const text = await exchange(["GET /after HTTP/1.1\r\nHost: a\r\n\r\n"], (t) =>
      t.includes("[]"),
    );
    expect(text).toContain("GET /after []");
  });
});
