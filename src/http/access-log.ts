// Access log lines for the requests answered before Fastify: cached reader pages (the reader's
// fast lane) and event streams (taken at the connection's door or from Node's HTTP server).
// Fastify logs its own requests at `info`; these lines go through the same logger, so one
// LOG_LEVEL=info shows every request in one format. At the default `warn` nothing here runs:
// accessLog() answers null and the fast paths build no strings at all.
// URLs are logged without the values of query parameters named like secrets.

import type { FastifyBaseLogger } from "fastify";

export interface AccessLog {
  /** A request answered at once: one line. */
  answered(method: string, url: string, status: number, bytes: number, started: number): void;
  /** An event stream (or its refusal) that has ended: one line, with how long it lasted. */
  streamEnded(url: string, status: number, bytes: number | undefined, started: number): void;
}

/** The access log, or null when `info` is off (asked once, when the app is built). */
export function accessLog(logger: FastifyBaseLogger): AccessLog | null {
  // Fastify's logger is pino, which has isLevelEnabled; Fastify's type leaves it out.
  const levels = logger as FastifyBaseLogger & { isLevelEnabled?(level: string): boolean };
  if (!levels.isLevelEnabled?.("info")) return null;
  return {
    answered(method, url, status, bytes, started) {
      logger.info(
        { method, url: loggableUrl(url), statusCode: status, bytes, responseTime: since(started) },
        "request completed",
      );
    },
    streamEnded(url, status, bytes, started) {
      logger.info(
        {
          method: "GET",
          url: loggableUrl(url),
          statusCode: status,
          ...(bytes === undefined ? {} : { bytes }),
          responseTime: since(started),
        },
        "event stream ended",
      );
    },
  };
}

/** Query parameters whose values are never logged: tokens, keys, passwords, secrets. */
const SECRET_PARAM = /token|key|pass|secret|auth|session|cookie|signature|sig$|code/i;

/** `url` with the values of secret-looking query parameters replaced by `[redacted]`. */
export function loggableUrl(url: string): string {
  const mark = url.indexOf("?");
  if (mark < 0) return url;
  const query = url
    .slice(mark + 1)
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const name = eq < 0 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // A malformed name is judged as written.
      }
      return eq >= 0 && SECRET_PARAM.test(decoded) ? `${name}=[redacted]` : pair;
    })
    .join("&");
  return `${url.slice(0, mark)}?${query}`;
}

/** Milliseconds since `started` (a performance.now() reading), to a hundredth. */
function since(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
