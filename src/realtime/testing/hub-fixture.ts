// Wires a LiveHub the way the app does, over a real HTTP server and the real in-process
// broadcaster, with an in-memory change log, for the realtime tests.

import type { Change } from "../../core/change.js";
import { presentChange } from "../../http/presenters/events.js";
import { LiveHub, type LiveHubOptions } from "../hub.js";
import { InProcessBroadcaster } from "../in-process-broadcaster.js";
import { MemoryChangeLog } from "./change-log.js";
import { LiveServer } from "./live-server.js";
import { SseClient } from "./sse-client.js";

export type HubFixture = Awaited<ReturnType<typeof startHub>>;

export async function startHub(
  options: Partial<Omit<LiveHubOptions, "changes" | "broadcaster">> = {},
) {
  const log = new MemoryChangeLog();
  const broadcaster = new InProcessBroadcaster();
  const errors: unknown[] = [];
  const encoded = { count: 0 };
  const hub = new LiveHub({
    changes: log,
    broadcaster,
    encode: (change) => {
      encoded.count++;
      return presentChange(change);
    },
    onError: (error) => errors.push(error),
    ...options,
  });
  const server = await new LiveServer(hub).listen();
  const clients: SseClient[] = [];

  return {
    log,
    broadcaster,
    hub,
    server,
    errors,
    /** How many times a change was turned into an event. */
    encoded,
    /** Opens a stream; with `lastEventId` it resumes like a reconnecting EventSource. */
    async connect(blogId: string, resume: { lastEventId?: number; query?: string } = {}) {
      const headers: Record<string, string> =
        resume.lastEventId === undefined ? {} : { "Last-Event-ID": String(resume.lastEventId) };
      const client = await SseClient.connect(server.url(blogId, resume.query), headers);
      clients.push(client);
      return client;
    },
    /** Like a core operation: append to the log, then publish after the "commit". */
    async commit(blogId: string, postId?: string): Promise<Change> {
      const change = log.append(blogId, postId);
      await broadcaster.publish(change);
      return change;
    },
    async stop() {
      for (const client of clients) client.close();
      await hub.close();
      await server.close();
      await broadcaster.close();
    },
  };
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
