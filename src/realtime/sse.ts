// Server-Sent Events wire format: the exact bytes of an event, the retry hint and the
// heartbeat, the response headers, and reading the reconnecting client's Last-Event-ID.
// Everything the browser's EventSource parses is decided here and nowhere else.

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
