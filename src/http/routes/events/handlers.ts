// GET /api/blogs/:slug/events: the live stream of a blog's changes as Server-Sent Events.
// Answered before the request reaches Fastify: a stream lives for hours and thousands are open
// at once, and skipping the framework's per-request objects (request, reply, logger, hooks)
// keeps the memory each open reader costs small. Most streams arrive through the door
// (door.ts), which skips Node's HTTP objects as well; a stream requested on a connection that
// already carried other requests comes through Node's HTTP server. The hub owns the
// connection from here on.

import { type IncomingMessage, type ServerResponse, STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import { DomainError } from "../../../core/errors.js";
import { getBlog } from "../../../core/operations/read.js";
import type { Newsroom } from "../../../core/ports.js";
import { hasNul, NUL_MESSAGE } from "../../../core/text.js";
import type { LiveHub } from "../../../realtime/hub.js";
import { parseWantedBlogs } from "../../../realtime/shared-stream.js";
import {
  type PendingStream,
  parseLastEventId,
  pendingResponse,
  pendingSocket,
  streamHead,
} from "../../../realtime/sse.js";
import type { AccessLog } from "../../access-log.js";
import { actorForBearer } from "../../auth.js";
import { CORS_HEADERS, isCredentialed } from "../../cors.js";
import { errorBody, toHttpError } from "../../errors.js";
import { SECURITY_HEADERS } from "../../headers.js";
import type { StreamRequest } from "./door.js";
import { BAD_BLOGS, streamShared } from "./shared.js";

const EVENTS_PATH = /^\/api\/blogs\/([^/?#]+)\/events\/?(?:\?(.*))?$/;
/** The stream a reader's tabs share: several blogs on one connection (shared.ts). */
const SHARED_PATH = /^\/api\/events\/?(?:\?(.*))?$/;

/** The headers of an error answer instead of a stream (with SECURITY_HEADERS). */
const ERROR_HEADERS = {
  "Content-Type": "application/json; charset=utf-8",
  "Cache-Control": "no-cache",
};

/** A stream request from either door: where it goes, and how to answer it. */
interface Exchange {
  request: StreamRequest;
  reader: PendingStream;
  /**
   * Answers with an error instead of a stream, if nothing was sent yet; `retryAfter` (seconds)
   * tells the client when to come back (EventSource itself gives up on an error status).
   */
  fail(status: number, body: unknown, retryAfter?: number): void;
}

/**
 * Logs the stream's one access line when its connection closes: the status it was answered
 * with (200 for a stream) and how long it lasted. Returns the `fail` that records the status.
 */
function logWhenClosed(
  log: AccessLog,
  url: string,
  closing: { once(event: "close", listener: () => void): unknown },
  bytes: () => number | undefined,
  fail: Exchange["fail"],
): Exchange["fail"] {
  const started = performance.now();
  let status = 200;
  closing.once("close", () => log.streamEnded(url, status, bytes(), started));
  return (code, body, retryAfter) => {
    status = code;
    fail(code, body, retryAfter);
  };
}

export interface EventStreams {
  /** For the door: takes a plain stream request straight off its connection. */
  fromDoor(request: StreamRequest, socket: Socket): boolean;
  /** For Node's HTTP server: takes the request if it is for a stream; false leaves it to the app. */
  fromHttp(req: IncomingMessage, res: ServerResponse): boolean;
}

export const NOT_ACCEPTABLE = errorBody(
  "not_acceptable",
  "This address is a live event stream, not an image, script or page: open it with EventSource (Accept: text/event-stream)",
);

/** Slugs remembered by a node; a busy newsroom has a few dozen live blogs at most. */
const KNOWN_SLUGS = 10_000;

/**
 * A blog's id by its slug, asking the store once per slug: blogs are never renamed or deleted,
 * so a slug found once names the same blog for good. When a node dies and its readers all
 * reconnect to the others at once, they are attached without a query each. Readers asking
 * for the same unknown slug at the same time share one query.
 */
function blogIds(newsroom: Newsroom): (slug: string) => Promise<string> {
  const known = new Map<string, string>();
  const asking = new Map<string, Promise<string>>();
  return async (slug) => {
    const id = known.get(slug);
    if (id !== undefined) return id;
    let lookup = asking.get(slug);
    if (!lookup) {
      lookup = getBlog(newsroom, slug)
        .then((blog) => {
          if (known.size >= KNOWN_SLUGS) known.clear();
          known.set(slug, blog.id);
          return blog.id;
        })
        .finally(() => asking.delete(slug));
      asking.set(slug, lookup);
    }
    return lookup;
  };
}

export function eventStreams(
  newsroom: Newsroom,
  hub: LiveHub,
  accessLog: () => AccessLog | null = () => null,
): EventStreams {
  const head = streamHead(SECURITY_HEADERS);
  // Streams are public reads: a page on any origin may follow one (the script embed), unless
  // the request carries the newsroom's credentials.
  const sharedHead = streamHead({ ...SECURITY_HEADERS, ...CORS_HEADERS });
  const blogIdFor = blogIds(newsroom);
  const credentials = (header: string) => actorForBearer(newsroom, header).then(() => undefined);
  return {
    fromDoor(request, socket) {
      const target = EVENTS_PATH.exec(request.url);
      const shared = target ? null : SHARED_PATH.exec(request.url);
      if (!target?.[1] && !shared) return false;
      const log = accessLog();
      const anywhere = request.authorization === undefined && !request.sessionCookie;
      const fail: Exchange["fail"] = (status, body, retryAfter) =>
        answerOnSocket(socket, status, body, retryAfter, anywhere);
      const exchange: Exchange = {
        request,
        reader: pendingSocket(socket, anywhere ? sharedHead : head),
        // The connection carried this one request: all it wrote is this answer.
        fail: log ? logWhenClosed(log, request.url, socket, () => socket.bytesWritten, fail) : fail,
      };
      if (shared) void streamMany(blogIdFor, credentials, hub, shared[1] ?? "", exchange);
      else void stream(blogIdFor, credentials, hub, target?.[1] ?? "", target?.[2] ?? "", exchange);
      return true;
    },
    fromHttp(req, res) {
      if (req.method !== "GET") return false;
      const target = EVENTS_PATH.exec(req.url ?? "");
      const shared = target ? null : SHARED_PATH.exec(req.url ?? "");
      if (!target?.[1] && !shared) return false;
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
      if (!isCredentialed(req.headers))
        for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);
      const header = req.headers["last-event-id"];
      const lastEventId = Array.isArray(header) ? header.join(", ") : header;
      const accept = req.headers.accept;
      const fetchDest = req.headers["sec-fetch-dest"];
      const authorization = req.headers.authorization;
      // The request has told us all we need; its headers need not stay in memory for hours.
      req.rawHeaders.length = 0;
      const log = accessLog();
      const fail: Exchange["fail"] = (status, body, retryAfter) => {
        if (res.headersSent) return;
        res.writeHead(status, errorHeaders(retryAfter));
        res.end(JSON.stringify(body));
      };
      const exchange: Exchange = {
        request: {
          url: req.url ?? "",
          lastEventId,
          accept,
          fetchDest: typeof fetchDest === "string" ? fetchDest : undefined,
          ...(authorization !== undefined ? { authorization } : {}),
        },
        reader: pendingResponse(res),
        // The connection may have carried other requests first: this answer's bytes are unknown.
        fail: log ? logWhenClosed(log, req.url ?? "", res, () => undefined, fail) : fail,
      };
      if (shared) void streamMany(blogIdFor, credentials, hub, shared[1] ?? "", exchange);
      else void stream(blogIdFor, credentials, hub, target?.[1] ?? "", target?.[2] ?? "", exchange);
      return true;
    },
  };
}

async function stream(
  blogIdFor: (slug: string) => Promise<string>,
  /** Refuses a bad bearer token (browsers' EventSource never sends one: no query for readers). */
  credentials: (authorization: string) => Promise<void>,
  hub: LiveHub,
  rawSlug: string,
  query: string,
  exchange: Exchange,
): Promise<void> {
  if (!mayStream(exchange.request.accept, exchange.request.fetchDest)) {
    exchange.fail(406, NOT_ACCEPTABLE);
    return;
  }
  let opened = false;
  try {
    const { authorization } = exchange.request;
    if (authorization !== undefined) await credentials(authorization);
    let slug: string;
    try {
      slug = decodeURIComponent(rawSlug);
    } catch {
      throw new DomainError("blog_not_found", "No blog at that address");
    }
    // As the app's NUL guard answers for every other route: never a lookup PostgreSQL refuses.
    if (hasNul(slug)) throw new DomainError("invalid_character", NUL_MESSAGE, { field: "slug" });
    const blogId = await blogIdFor(slug);
    const lastEventId = parseLastEventId(
      exchange.request.lastEventId,
      new URLSearchParams(query).get("lastEventId") ?? undefined,
    );
    opened = true;
    await hub.attach(blogId, exchange.reader, lastEventId);
  } catch (error) {
    if (!opened) refuse(exchange, error);
  }
}

/** Answers a stream request that failed before it opened with the contract's error body. */
function refuse(exchange: Exchange, error: unknown): void {
  const mapped = toHttpError(error) ?? {
    status: 500,
    body: errorBody("internal_error", "Something went wrong on our side; try again"),
  };
  exchange.fail(mapped.status, mapped.body, mapped.retryAfter);
}

/** A reader's tabs sharing one stream: `query` names the blogs and where each resumes. */
async function streamMany(
  blogIdFor: (slug: string) => Promise<string>,
  credentials: (authorization: string) => Promise<void>,
  hub: LiveHub,
  query: string,
  exchange: Exchange,
): Promise<void> {
  if (!mayStream(exchange.request.accept, exchange.request.fetchDest)) {
    exchange.fail(406, NOT_ACCEPTABLE);
    return;
  }
  const { authorization } = exchange.request;
  if (authorization !== undefined) {
    try {
      await credentials(authorization);
    } catch (error) {
      refuse(exchange, error);
      return;
    }
  }
  const wanted = parseWantedBlogs(new URLSearchParams(query).get("blogs"));
  if (!wanted) {
    exchange.fail(400, BAD_BLOGS);
    return;
  }
  await streamShared(blogIdFor, hub, { wanted, reader: exchange.reader, fail: exchange.fail });
}

/**
 * Whether a request may have a stream. An EventSource names text/event-stream in Accept; a
 * script or `curl` asks for anything (no Accept, or `*\/*`) and gets it, as the contract's
 * clients expect. What is refused is a browser loading the address as something else (an
 * <img>, <script>, <iframe> or page pointed at it): it says so in Sec-Fetch-Dest, or, in a
 * browser too old for that, asks for images, pages, styles or scripts. Such a request could
 * otherwise hold one of a reader's few connections for hours.
 */
export function mayStream(accept: string | undefined, fetchDest: string | undefined): boolean {
  const ranges = (accept ?? "").split(",").map((range) => {
    const [type = "", ...params] = range.split(";").map((part) => part.trim().toLowerCase());
    const q = params.find((param) => param.startsWith("q="));
    return { type, wanted: q === undefined || Number(q.slice(2)) > 0 };
  });
  const named = ranges.find((r) => r.type === "text/event-stream");
  if (named) return named.wanted;
  if (fetchDest && fetchDest.toLowerCase() !== "empty") return false;
  return !ranges.some((r) =>
    /^(image\/|text\/html|text\/css|application\/xhtml)|javascript/.test(r.type),
  );
}

/** A complete JSON answer on a bare connection, which then closes. */
function errorHeaders(retryAfter: number | undefined): Record<string, string> {
  return retryAfter === undefined
    ? ERROR_HEADERS
    : { ...ERROR_HEADERS, "Retry-After": String(retryAfter) };
}

function answerOnSocket(
  socket: Socket,
  status: number,
  body: unknown,
  retryAfter: number | undefined,
  anywhere: boolean,
): void {
  if (socket.destroyed) return;
  const json = Buffer.from(JSON.stringify(body), "utf8");
  const head =
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Error"}\r\n` +
    Object.entries({
      ...errorHeaders(retryAfter),
      ...SECURITY_HEADERS,
      ...(anywhere ? CORS_HEADERS : {}),
    })
      .map(([name, value]) => `${name.toLowerCase()}: ${value}\r\n`)
      .join("") +
    `content-length: ${json.length}\r\n` +
    `date: ${new Date().toUTCString()}\r\n` +
    "connection: close\r\n\r\n";
  socket.end(Buffer.concat([Buffer.from(head, "latin1"), json]));
  // The connection is half-open until the client closes its side; one that never does
  // would hold the socket forever.
  const cut = setTimeout(() => socket.destroy(), ANSWER_GRACE_MS);
  cut.unref();
  socket.once("close", () => clearTimeout(cut));
}

/** How long a client may take to close its side after an error answer. */
const ANSWER_GRACE_MS = 5000;
