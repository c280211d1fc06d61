// The front door of the HTTP server, for event streams. Most connections a busy node holds
// are readers' event streams, open for hours. Their request is read here, from the
// connection's first bytes, so that Node's HTTP machinery (parser, request and response
// objects, per-connection state and timers) is never set up for a connection that will
// only ever carry one stream: that is most of what an open reader would otherwise cost.
//
// Only a plain request is taken: `GET <path> HTTP/1.1`, complete in the first packet, with
// well-formed headers, a Host, no body and no upgrade, for a path `take` accepts. Everything
// else, including anything odd, goes on untouched to Node's HTTP server, which parses it in
// full and answers or rejects it as usual.

import type { Server } from "node:http";
import type { Socket } from "node:net";
import { hasSessionCookie } from "../../cors.js";

/** What an event stream needs to know about its request. */
export interface StreamRequest {
  /** The request target, as sent: path and query. */
  url: string;
  /** The Last-Event-ID header; repeats are joined with ", " as Node joins them. */
  lastEventId: string | undefined;
  /** The Accept header, repeats joined as for Last-Event-ID: only an EventSource gets a stream. */
  accept: string | undefined;
  /** Sec-Fetch-Dest: what a browser is loading the address as (an image, a page…). */
  fetchDest: string | undefined;
  /** The Authorization header, if any: a stream is public, but a bad token is still refused. */
  authorization?: string | undefined;
  /** Set when the request carries the newsroom's session cookie: no CORS answer for it. */
  sessionCookie?: true;
}

/** Takes the request if it is for a stream (true); false hands the connection to HTTP. */
export type TakeStream = (request: StreamRequest, socket: Socket) => boolean;

/** Node's default limit for a request's head; bigger heads get its 431 answer. */
const MAX_HEAD_BYTES = 16 * 1024;
/** A connection that sends nothing for this long is closed, as Node's headersTimeout would. */
const FIRST_BYTES_TIMEOUT_MS = 60_000;

const GET = Buffer.from("GET ", "latin1");
const END_OF_HEAD = Buffer.from("\r\n\r\n", "latin1");
const REQUEST_LINE = /^GET (\/[!-~]*) HTTP\/1\.1$/;
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/;
/** Headers that mean the request is more than a plain GET: HTTP reads those. */
const NOT_PLAIN = new Set(["content-length", "transfer-encoding", "upgrade", "expect"]);

/**
 * Puts the door in front of `server`: every new connection's first bytes are read here.
 * Call it once, before the server listens.
 */
export function openStreamDoor(server: Server, take: TakeStream): void {
  const http = server.listeners("connection") as ((socket: Socket) => void)[];
  server.removeAllListeners("connection");
  const handOver = (socket: Socket, first: Buffer) => {
    socket.off("error", destroy);
    for (const listener of http) listener.call(server, socket);
    // The bytes already read go to the HTTP parser now, before any later ones can: put back
    // into the stream's buffer instead, they would wait for the stream to flow again, while
    // the parser reads what comes next straight from the connection.
    socket.emit("data", first);
  };
  server.on("connection", (socket: Socket) => {
    const onFirst = (chunk: Buffer) => {
      done();
      const request = plainStreamRequest(chunk);
      if (request && take(request, socket)) {
        // The request is all we read: later bytes are discarded, and the reader closing its
        // end (allowed half-open by the HTTP server's settings) closes the stream. A socket
        // error destroys it too (listener kept from above); the stream's owner sees `close`.
        socket.on("data", discard);
        socket.on("end", destroy);
        return;
      }
      handOver(socket, chunk);
    };
    const onTimeout = () => socket.destroy();
    const done = () => {
      socket.off("data", onFirst);
      socket.off("timeout", onTimeout);
      socket.off("end", destroy);
      socket.setTimeout(0);
    };
    socket.on("data", onFirst);
    socket.on("error", destroy);
    socket.on("end", destroy);
    socket.setTimeout(FIRST_BYTES_TIMEOUT_MS, onTimeout);
  });
}

/** The stream request in `chunk`, or null if it is not a plain, complete GET. */
export function plainStreamRequest(chunk: Buffer): StreamRequest | null {
  if (chunk.length < GET.length || chunk.compare(GET, 0, GET.length, 0, GET.length) !== 0)
    return null;
  const end = chunk.indexOf(END_OF_HEAD);
  if (end < 0 || end > MAX_HEAD_BYTES) return null;
  const lines = chunk.toString("latin1", 0, end).split("\r\n");
  const requestLine = REQUEST_LINE.exec(lines[0] ?? "");
  if (!requestLine?.[1]) return null;
  let host = false;
  let lastEventId: string | undefined;
  let accept: string | undefined;
  let fetchDest: string | undefined;
  let authorization: string | undefined;
  let sessionCookie = false;
  for (let i = 1; i < lines.length; i++) {
    const header = HEADER_LINE.exec(lines[i] ?? "");
    if (!header?.[1]) return null;
    const name = header[1].toLowerCase();
    const value = header[2] ?? "";
    if (!isFieldValue(value)) return null;
    if (NOT_PLAIN.has(name)) return null;
    if (name === "host") {
      if (host) return null;
      host = true;
    } else if (name === "last-event-id") {
      lastEventId = lastEventId === undefined ? value : `${lastEventId}, ${value}`;
    } else if (name === "accept") {
      accept = accept === undefined ? value : `${accept}, ${value}`;
    } else if (name === "sec-fetch-dest") {
      fetchDest = value;
    } else if (name === "authorization") {
      // Two are odd (Node keeps the first): let HTTP read the request in full.
      if (authorization !== undefined) return null;
      authorization = value;
    } else if (name === "cookie" && hasSessionCookie(value)) {
      sessionCookie = true;
    }
  }
  if (!host) return null;
  const request: StreamRequest = { url: requestLine[1], lastEventId, accept, fetchDest };
  if (authorization !== undefined) request.authorization = authorization;
  if (sessionCookie) request.sessionCookie = true;
  return request;
}

/** Visible characters, spaces and tabs, and obsolete 8-bit text: no controls. */
function isFieldValue(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) return false;
  }
  return true;
}

function discard(): void {}

function destroy(this: Socket): void {
  this.destroy();
}
