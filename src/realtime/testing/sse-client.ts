// A small EventSource stand-in over node:http for the realtime tests: it keeps the raw bytes
// and parses id/event/data frames, comments and the retry hint the way a browser would.

import http from "node:http";

export interface ReceivedEvent {
  id: string | undefined;
  event: string | undefined;
  data: string;
}

export class SseClient {
  readonly events: ReceivedEvent[] = [];
  readonly response: http.IncomingMessage;
  raw = "";
  comments = 0;
  retry: number | null = null;
  ended = false;
  readonly #request: http.ClientRequest;
  readonly #waiters = new Set<() => void>();
  #pending = "";
  #frame: { id?: string; event?: string; data: string[] } = { data: [] };

  private constructor(request: http.ClientRequest, response: http.IncomingMessage) {
    this.#request = request;
    this.response = response;
    response.setEncoding("utf8");
    response.on("data", (chunk: string) => this.#receive(chunk));
    const finish = () => {
      this.ended = true;
      this.#notify();
    };
    response.on("end", finish);
    response.on("close", finish);
    response.on("error", finish);
    request.on("error", finish);
  }

  /** Resolves once the response headers are in. */
  static connect(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      // As EventSource does: the server streams only to a client that asks for a stream.
      const request = http.get(
        url,
        { agent: false, headers: { accept: "text/event-stream", ...headers } },
        (response) => {
          resolve(new SseClient(request, response));
        },
      );
      request.on("error", reject);
    });
  }

  ids(): number[] {
    return this.events.map((event) => Number(event.id));
  }

  /** Waits until `done()` holds, re-checking whenever something arrives. */
  async waitUntil(done: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    if (done()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`Timed out waiting for ${what}; received ids ${this.ids().join(",")}`));
      }, timeoutMs);
      const check = () => {
        if (!done()) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve();
      };
      this.#waiters.add(check);
    });
  }

  waitForEvents(count: number, timeoutMs?: number): Promise<void> {
    return this.waitUntil(() => this.events.length >= count, `${count} events`, timeoutMs);
  }

  waitForEnd(timeoutMs?: number): Promise<void> {
    return this.waitUntil(() => this.ended, "the stream to end", timeoutMs);
  }

  /** Stops reading: the socket's buffers fill up and the server sees a stalled reader. */
  pause(): void {
    this.response.pause();
  }

  resume(): void {
    this.response.resume();
  }

  close(): void {
    this.#request.destroy();
  }

  #receive(chunk: string): void {
    this.raw += chunk;
    this.#pending += chunk;
    for (;;) {
      const end = this.#pending.indexOf("\n");
      if (end === -1) break;
      const line = this.#pending.slice(0, end).replace(/\r$/, "");
      this.#pending = this.#pending.slice(end + 1);
      this.#line(line);
    }
    this.#notify();
  }

  #line(line: string): void {
    if (line === "") {
      const frame = this.#frame;
      this.#frame = { data: [] };
      if (frame.data.length > 0) {
        this.events.push({ id: frame.id, event: frame.event, data: frame.data.join("\n") });
      }
      return;
    }
    if (line.startsWith(":")) {
      this.comments++;
      return;
    }
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "id") this.#frame.id = value;
    else if (field === "event") this.#frame.event = value;
    else if (field === "data") this.#frame.data.push(value);
    else if (field === "retry") this.retry = Number(value);
  }

  #notify(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }
}
