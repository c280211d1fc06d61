// A small Server-Sent Events client for tests: real HTTP, frames parsed as a browser would,
// and helpers to wait for a number of events.

import http from "node:http";

export interface SseEvent {
  id: string | undefined;
  event: string;
  data: string;
}

export interface SseClient {
  events: SseEvent[];
  status: number;
  headers: http.IncomingHttpHeaders;
  comments: number;
  /** Settles when the server ends the stream or the connection breaks (a node killed). */
  closed: Promise<void>;
  waitForEvents(count: number, timeoutMs?: number): Promise<SseEvent[]>;
  close(): void;
}

export function connectSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, {
      headers: { accept: "text/event-stream", ...headers },
      agent: false,
    });
    request.on("error", reject);
    request.on("response", (response) => {
      const closed = new Promise<void>((done) => response.once("close", () => done()));
      const client: SseClient = {
        events: [],
        status: response.statusCode ?? 0,
        headers: response.headers,
        comments: 0,
        closed,
        waitForEvents(count, timeoutMs = 10_000) {
          return new Promise((done, fail) => {
            const started = Date.now();
            const check = () => {
              if (client.events.length >= count) return done(client.events.slice(0, count));
              if (Date.now() - started > timeoutMs) {
                return fail(new Error(`expected ${count} events, got ${client.events.length}`));
              }
              setTimeout(check, 10);
            };
            check();
          });
        },
        close() {
          request.destroy();
        },
      };
      let buffer = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf("\n\n");
        while (end !== -1) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf("\n\n");
          let id: string | undefined;
          let event = "message";
          const data: string[] = [];
          let isComment = false;
          for (const line of frame.split("\n")) {
            if (line.startsWith(":")) isComment = true;
            else if (line.startsWith("id:")) id = line.slice(3).trim();
            else if (line.startsWith("event:")) event = line.slice(6).trim();
            else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
          }
          if (data.length) client.events.push({ id, event, data: data.join("\n") });
          else if (isComment) client.comments += 1;
        }
      });
      response.on("error", () => {});
      resolve(client);
    });
  });
}
