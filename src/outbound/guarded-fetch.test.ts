// The guarded fetcher against real sockets on this machine: what it refuses (loopback and
// private addresses by name or number, other schemes, credentials), and, where an operator
// allows private addresses, its limits on size, time and redirects.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FetchProblem, GuardedFetcher, isPublicAddress } from "./guarded-fetch.js";

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === "/small") return response.end("hello");
    if (request.url === "/big") return response.end(Buffer.alloc(64 * 1024));
    if (request.url === "/loop") {
      response.writeHead(302, { location: "/loop" });
      return response.end();
    }
    if (request.url === "/hop") {
      response.writeHead(301, { location: "/small" });
      return response.end();
    }
    if (request.url === "/missing") {
      response.writeHead(404);
      return response.end();
    }
    if (request.url === "/stream") {
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write(`id: ${request.headers["last-event-id"] ?? "none"}\ndata: one\n\n`);
      // Then a heartbeat, then silence.
      setTimeout(() => response.write(": heartbeat\n\n"), 100);
      return;
    }
    if (request.url === "/to-stream") {
      response.writeHead(307, { location: "/stream" });
      return response.end();
    }
    // /slow never answers.
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

async function problem(work: Promise<unknown>): Promise<FetchProblem> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FetchProblem);
  return error as FetchProblem;
}

describe("which addresses are public", () => {
  it.each([
    "127.0.0.1",
    "127.8.9.10",
    "10.1.2.3",
    "172.20.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "::1",
    "::",
    "fd12:3456::1",
    "fe80::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:a9fe:a9fe",
    "64:ff9b::10.0.0.1",
    "not an address",
  ])("%s is not", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(["8.8.8.8", "151.101.1.140", "2606:4700:4700::1111", "::ffff:8.8.8.8"])(
    "%s is",
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );
});

describe("by default", () => {
  const fetcher = new GuardedFetcher();

  it("refuses loopback and private addresses, by number and by name", async () => {
    for (const url of [
      `${base}/small`,
      base.replace("127.0.0.1", "localhost") + "/small",
      base.replace("127.0.0.1", "[::1]") + "/small",
      "http://169.254.169.254/latest/meta-data/",
      "http://10.0.0.1/",
    ]) {
      const refused = await problem(fetcher.fetch(url, { maxBytes: 1024 }));
      expect(refused.reason).toBe("refused");
      expect(refused.message).toContain("not a public internet address");
    }
  });

  it("refuses other schemes and addresses with credentials", async () => {
    for (const url of [
      "file:///etc/passwd",
      "ftp://example.com/x",
      "https://user:pw@example.com/",
    ]) {
      expect((await problem(fetcher.fetch(url, { maxBytes: 1024 }))).reason).toBe("refused");
    }
    expect((await problem(fetcher.fetch("not a url", { maxBytes: 1024 }))).reason).toBe("refused");
  });
});

describe("where the operator allows private addresses", () => {
  const fetcher = new GuardedFetcher({ allowPrivate: true, timeoutMs: 500 });

  it("fetches, following a redirect", async () => {
    const fetched = await fetcher.fetch(`${base}/hop`, { maxBytes: 1024 });
    expect(fetched.body.toString()).toBe("hello");
    expect(fetched.url).toBe(`${base}/small`);
  });

  it("stops at the size limit, the time limit and a redirect loop", async () => {
    expect((await problem(fetcher.fetch(`${base}/big`, { maxBytes: 1024 }))).reason).toBe(
      "too_large",
    );
    const slow = await problem(fetcher.fetch(`${base}/slow`, { maxBytes: 1024 }));
    expect(slow.message).toContain("did not answer in time");
    const loop = await problem(fetcher.fetch(`${base}/loop`, { maxBytes: 1024 }));
    expect(loop.message).toContain("redirected too many times");
    const missing = await problem(fetcher.fetch(`${base}/missing`, { maxBytes: 1024 }));
    expect(missing.message).toContain("answered 404");
  });
});

describe("posting (webhooks)", () => {
  const body = JSON.stringify({ hello: "world" });
  const headers = { "content-type": "application/json" };

  it("refuses a name that resolves to loopback when it connects, sending nothing", async () => {
    let knocks = 0;
    const counting = createServer((_req, res) => {
      knocks += 1;
      res.end();
    });
    await new Promise<void>((resolve) => counting.listen(0, "127.0.0.1", resolve));
    const port = (counting.address() as AddressInfo).port;
    try {
      const refused = await problem(
        new GuardedFetcher().post(`http://localhost:${port}/hook`, {
          body,
          headers,
          maxBytes: 100,
        }),
      );
      expect(refused.reason).toBe("refused");
      expect(knocks).toBe(0);
      // The same check stands before any connection when asked in advance.
      const vetted = await problem(new GuardedFetcher().vet(`http://localhost:${port}/hook`));
      expect(vetted.reason).toBe("refused");
    } finally {
      counting.close();
    }
  });

  it("answers a redirect as it came, without following it", async () => {
    const answer = await new GuardedFetcher({ allowPrivate: true }).post(`${base}/hop`, {
      body,
      headers,
      maxBytes: 100,
    });
    expect(answer.status).toBe(301);
  });

  it("gives up on an endpoint that never answers within the time limit", async () => {
    const started = Date.now();
    const slow = await problem(
      new GuardedFetcher({ allowPrivate: true }).post(`${base}/slow`, {
        body,
        headers,
        maxBytes: 100,
        timeoutMs: 300,
      }),
    );
    expect(slow.message).toMatch(/did not answer in time/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("reads only the start of a large answer", async () => {
    const answer = await new GuardedFetcher({ allowPrivate: true }).post(`${base}/big`, {
      body,
      headers,
      maxBytes: 1000,
    });
    expect(answer.status).toBe(200);
    expect(answer.body.length).toBe(1000);
  });
});

describe("streaming an event stream", () => {
  it("refuses a loopback address, directly or by a redirect's target, unless allowed", async () => {
    const guarded = new GuardedFetcher();
    const refused = await problem(
      guarded.stream(`${base}/stream`, { accept: "text/event-stream", idleTimeoutMs: 1000 }),
    );
    expect(refused.reason).toBe("refused");
    const byName = await problem(
      guarded.stream(`http://localhost:${new URL(base).port}/stream`, {
        accept: "text/event-stream",
        idleTimeoutMs: 1000,
      }),
    );
    expect(byName.reason).toBe("refused");
  });

  it("follows a redirect, sends the headers, and ends a stream silent past its idle limit", async () => {
    const fetcher = new GuardedFetcher({ allowPrivate: true });
    const stream = await fetcher.stream(`${base}/to-stream`, {
      accept: "text/event-stream",
      headers: { "last-event-id": "41" },
      idleTimeoutMs: 600,
    });
    expect(stream.status).toBe(200);
    expect(stream.url).toBe(`${base}/stream`);
    const seen: string[] = [];
    const started = Date.now();
    const failure = await problem(
      (async () => {
        for await (const chunk of stream.chunks) seen.push(chunk.toString());
      })(),
    );
    expect(failure.message).toMatch(/went silent/);
    expect(seen.join("")).toBe("id: 41\ndata: one\n\n: heartbeat\n\n");
    // The heartbeat restarted the idle clock.
    expect(Date.now() - started).toBeGreaterThanOrEqual(650);
  });

  it("gives up on headers that do not come within the connect limit", async () => {
    const fetcher = new GuardedFetcher({ allowPrivate: true });
    const failure = await problem(
      fetcher.stream(`${base}/slow`, {
        accept: "text/event-stream",
        connectTimeoutMs: 300,
        idleTimeoutMs: 1000,
      }),
    );
    expect(failure.message).toMatch(/did not answer in time/);
  });
});
