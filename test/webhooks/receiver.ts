// A webhook receiver for the tests: a real HTTP server on 127.0.0.1 that keeps every request
// (headers and body) and answers as the test tells it: a status per request, or never.

import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON payloads and assert on them
type Payload = any;

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** The status for the n-th request (0-based); "hang" never answers. */
  answer: (n: number, request: Received) => number | "hang" | { redirect: string };
  /** The bodies, each checked with the Standard Webhooks reference library first. */
  verified(secret: string): { id: string; type: string; data: Payload }[];
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  /** Answers the requests left hanging, with this status. */
  release(status: number): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const hanging = new Set<import("node:http").ServerResponse>();
  const receiver: Receiver = {
    url: "",
    received: [],
    answer: () => 200,
    verified(secret) {
      const hook = new Webhook(secret);
      return receiver.received.map((r) => {
        const headers = {
          "webhook-id": String(r.headers["webhook-id"]),
          "webhook-timestamp": String(r.headers["webhook-timestamp"]),
          "webhook-signature": String(r.headers["webhook-signature"]),
        };
        // Throws on a bad signature or a timestamp out of tolerance.
        const payload = hook.verify(r.body, headers) as { type: string; data: Payload };
        return { id: headers["webhook-id"], type: payload.type, data: payload.data };
      });
    },
    async waitFor(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (receiver.received.length < count) {
        if (Date.now() > deadline) {
          throw new Error(`Received ${receiver.received.length} of ${count} deliveries`);
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    release(status) {
      for (const res of hanging) res.writeHead(status).end();
      hanging.clear();
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const request = {
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
        at: Date.now(),
      };
      const n = receiver.received.length;
      receiver.received.push(request);
      const answer = receiver.answer(n, request);
      if (answer === "hang") {
        hanging.add(res);
        return;
      }
      if (typeof answer === "object") {
        res.writeHead(302, { location: answer.redirect }).end();
        return;
      }
      res.writeHead(answer, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return receiver;
}
