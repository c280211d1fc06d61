// The newsroom app's requests against a real HTTP server that stops answering: each gives up
// at its deadline with a TimeoutError that says so in words, instead of spinning for ever,
// and one that is answered in time is unaffected.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError, describeError, NetworkError, request, TimeoutError } from "./client";

let server: Server;
let base: string;
const held = new Set<() => void>();

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/quick") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"ok":true}');
    } else if (req.url === "/headers-only") {
      // Answers the head, then never finishes the body.
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"ok":');
      held.add(() => res.destroy());
    } else if (req.url === "/refused") {
      res.writeHead(422, { "content-type": "application/json" });
      res.end('{"error":{"code":"invalid_post","message":"A post needs words","field":"blocks"}}');
    } else {
      // Never answers: a server stuck behind a full connection pool, or a hung proxy.
      held.add(() => res.destroy());
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const release of held) release();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("request deadlines", () => {
  it("gives up on a write the server never answers, and says so", async () => {
    const started = Date.now();
    const failure = await request("POST", `${base}/never`, { blocks: [] }, { deadlineMs: 1000 })
      .then(() => null)
      .catch((error: unknown) => error);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(failure).toBeInstanceOf(TimeoutError);
    // Field mode treats it as the connection being down: the post is kept and sent again.
    expect(failure).toBeInstanceOf(NetworkError);
    expect(describeError(failure)).toBe("The server did not answer in 1 s.");
  });

  it("counts the whole answer, not just its head", async () => {
    const failure = await request("GET", `${base}/headers-only`, undefined, { deadlineMs: 1000 })
      .then(() => null)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TimeoutError);
    expect(describeError(failure)).toBe("The server did not answer in 1 s.");
  });

  it("leaves answers in time alone, errors included", async () => {
    expect(await request("GET", `${base}/quick`, undefined, { deadlineMs: 1000 })).toEqual({
      ok: true,
    });
    const refused = await request("POST", `${base}/refused`, {}, { deadlineMs: 1000 }).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).not.toBeInstanceOf(NetworkError);
  });
});
