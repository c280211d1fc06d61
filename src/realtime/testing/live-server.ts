// A real HTTP server around a LiveHub for the realtime tests, doing what the HTTP layer does:
// GET /blogs/:blogId/events, with the Last-Event-ID header or ?lastEventId= query.

import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { LISTEN_BACKLOG, type LiveHub } from "../hub.js";
import { parseLastEventId, pendingResponse } from "../sse.js";

export class LiveServer {
  readonly #server: http.Server;
  readonly #waiters = new Set<() => void>();
  /** Server-side sockets, to check that a connection was really cut. */
  readonly sockets = new Set<Socket>();
  /** How many attach() calls have resolved: those readers are live (or gone). */
  attached = 0;
  port = 0;

  constructor(hub: LiveHub) {
    this.#server = http.createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const match = /^\/blogs\/([^/]+)\/events$/.exec(url.pathname);
      if (!match?.[1]) {
        res.writeHead(404).end();
        return;
      }
      // Node joins repeated unknown headers into one string; the type allows for arrays.
      const lastEventIdHeader = req.headers["last-event-id"];
      const header = typeof lastEventIdHeader === "string" ? lastEventIdHeader : undefined;
      const query = url.searchParams.get("lastEventId") ?? undefined;
      void hub.attach(match[1], pendingResponse(res), parseLastEventId(header, query)).then(() => {
        this.attached++;
        for (const waiter of [...this.#waiters]) waiter();
      });
    });
    this.#server.on("connection", (socket) => this.sockets.add(socket));
  }

  async listen(): Promise<this> {
    // Tests open over a thousand readers at once, as a reconnect storm would.
    await new Promise<void>((resolve) =>
      this.#server.listen({ port: 0, host: "127.0.0.1", backlog: LISTEN_BACKLOG }, resolve),
    );
    this.port = (this.#server.address() as AddressInfo).port;
    return this;
  }

  url(blogId: string, query = ""): string {
    return `http://127.0.0.1:${this.port}/blogs/${blogId}/events${query}`;
  }

  /** Waits until `count` readers in total have finished attaching. */
  waitForAttached(count: number, timeoutMs = 5000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`Only ${this.attached} of ${count} readers attached`));
      }, timeoutMs);
      const check = () => {
        if (this.attached < count) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve();
      };
      this.#waiters.add(check);
      check();
    });
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** Polls a condition the server side decides (reader counts, socket state). */
export async function eventually(check: () => boolean, what: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
