// Server-Sent Events wire format: the exact bytes of an event, the retry hint and the
// heartbeat, the response headers, and reading the reconnecting client's Last-Event-ID.
// Everything the browser's EventSource parses is decided here and nowhere else.

import type { ServerResponse } from "node:http";
import type { Http2ServerResponse } from "node:http2";
import type { Socket } from "node:net";

/**
 * `no-transform` and `X-Accel-Buffering: no` stop proxies (and nginx) from compressing or
 * buffering the stream, which would hold events back until a buffer fills.
 */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  "X-Accel-Buffering": "no",
};

/**
 * The stream's response headers for `res`. HTTP/2 forbids connection-specific headers (a
 * stream there is one of many on the connection), so they go for a request made over it.
 */
export function streamHeaders(res: {
  req?: { httpVersionMajor: number };
}): Readonly<Record<string, string>> {
  if ((res.req?.httpVersionMajor ?? 1) < 2) return SSE_HEADERS;
  const { Connection: _connection, ...headers } = SSE_HEADERS;
  return headers;
}

/** A comment line: EventSource ignores it, but it keeps proxies and idle timers from cutting us. */
export const HEARTBEAT = ":\n\n";

const LINE_BREAK = /\r\n|\r|\n/;

/** One complete event. `data` is normally single-line JSON; other line breaks become extra `data:` lines. */
export function formatEvent(id: number, event: string, data: string): string {
  if (!Number.isSafeInteger(id) || id < 0) throw new RangeError(`Invalid SSE event id: ${id}`);
  // A line break in the event name would let the payload forge fields of its own.
  if (LINE_BREAK.test(event)) throw new RangeError("An SSE event name cannot contain a line break");
  const dataLines =
    data.includes("\n") || data.includes("\r")
      ? data
          .split(LINE_BREAK)
          .map((line) => `data: ${line}\n`)
          .join("")
      : `data: ${data}\n`;
  return `id: ${id}\nevent: ${event}\n${dataLines}\n`;
}

/** How long EventSource should wait before reconnecting after the stream drops. */
export function formatRetry(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) throw new RangeError(`Invalid SSE retry: ${ms}`);
  return `retry: ${ms}\n\n`;
}

/**
 * The sequence a reconnecting client last saw. EventSource sends the `Last-Event-ID` header;
 * the `lastEventId` query parameter serves clients that cannot set headers, or seeds the first
 * connection from a server-rendered page. On a reconnect EventSource keeps the original URL,
 * so the query is stale and a present header wins, even a malformed one. An absent or empty
 * header falls back to the query. Anything but a non-negative safe integer in plain digits is
 * null: the client then starts from the live stream.
 */
export function parseLastEventId(
  header: string | undefined,
  query: string | undefined,
): number | null {
  const raw = header !== undefined && header.trim() !== "" ? header : query;
  if (raw === undefined) return null;
  const text = raw.trim();
  if (!/^[0-9]+$/.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}

/** Where a reader's events are written: the connection's socket, or the response as fallback. */
export interface EventSink {
  write(chunk: Buffer | string): boolean;
  end(): void;
  destroy(): void;
  readonly writableLength: number;
  readonly destroyed: boolean;
  on(event: "drain" | "close" | "error", listener: () => void): unknown;
  once(event: "drain" | "close" | "error", listener: () => void): unknown;
  off(event: "drain" | "close" | "error", listener: () => void): unknown;
}

/**
 * A reader's request for an event stream, not answered yet: from Node's HTTP server (a
 * response) or from the connection itself (see http/routes/events/door.ts).
 */
export interface PendingStream {
  /** The reader has gone already. */
  readonly destroyed: boolean;
  /** Sends the status line and the stream's headers, then `first`; events go to the sink. */
  open(first: Buffer): EventSink;
}

/**
 * The status line and headers that open a stream on a bare connection, `extra` included; the
 * Date header and the blank line that ends the head are added when the stream opens.
 */
export function streamHead(extra: Readonly<Record<string, string>> = {}): Buffer {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...extra, ...SSE_HEADERS }))
    headers[name.toLowerCase()] = value;
  // Without chunked encoding the stream ends when the connection does, which is what an
  // event stream is: the connection is never reused for another request.
  headers.connection = "close";
  let head = "HTTP/1.1 200 OK\r\n";
  for (const [name, value] of Object.entries(headers)) {
    if (/[\r\n]/.test(name + value)) throw new RangeError(`Invalid header ${name}`);
    head += `${name}: ${value}\r\n`;
  }
  return Buffer.from(head, "latin1");
}

/** The Date header's line, made at most once a second. */
let dateLine = { second: -1, line: Buffer.alloc(0) };
function currentDateLine(): Buffer {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateLine.second) {
    dateLine = { second, line: Buffer.from(`date: ${new Date(now).toUTCString()}\r\n\r\n`) };
  }
  return dateLine.line;
}

/** A stream answered on a bare connection: `head` (from streamHead), then the events. */
export function pendingSocket(socket: Socket, head: Buffer): PendingStream {
  return {
    get destroyed() {
      return socket.destroyed;
    },
    open(first) {
      socket.write(Buffer.concat([head, currentDateLine(), first]));
      return socket;
    },
  };
}

/**
 * A stream answered through Node's response `res`: status line, the SSE headers and any
 * headers already set on the response, then `first`. Events then go straight to the socket,
 * without chunked encoding: one plain write per event instead of a chunk header, the data and
 * a trailer through the response machinery, which matters when one event goes to thousands
 * of readers.
 */
export function pendingResponse(res: ServerResponse): PendingStream {
  return {
    get destroyed() {
      return res.destroyed;
    },
    open(first) {
      const socket = res.socket;
      if (res.req.httpVersionMajor === 2) {
        // HTTP/2: the stream is one of the connection's; its own flow control and backlog
        // are the HTTP/2 stream's, which the compatibility response does not show.
        const h2 = res as unknown as Http2ServerResponse;
        h2.writeHead(200, streamHeaders(res));
        h2.write(first);
        return h2.stream;
      }
      if (!socket || res.req.httpVersionMajor !== 1 || res.headersSent) {
        res.writeHead(200, SSE_HEADERS);
        res.write(first);
        return res;
      }
      const extra: Record<string, string> = {};
      for (const [name, value] of Object.entries(res.getHeaders())) {
        if (value !== undefined)
          extra[name] = Array.isArray(value) ? value.join(", ") : String(value);
      }
      socket.write(Buffer.concat([streamHead(extra), currentDateLine(), first]));
      // The response never writes: the connection is the stream's now.
      socket.on("error", () => {});
      return socket;
    },
  };
}
