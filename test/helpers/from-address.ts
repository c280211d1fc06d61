// Requests sent from a chosen loopback source address (127.0.0.2, 127.0.0.3…: the whole of
// 127.0.0.0/8 reaches a server on 127.0.0.1), so a test can play several clients on distinct
// addresses without relying on the server trusting X-Forwarded-For.

import { request } from "node:http";

export interface FromAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers and assert on them
  json: any;
  /** The Set-Cookie lines of the answer. */
  cookies: string[];
}

/** Sends `body` as JSON from `localAddress` to `url` (http only). */
export function sendFrom(
  localAddress: string,
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<FromAnswer> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        localAddress,
        agent: false,
        headers: {
          ...(text !== undefined ? { "content-type": "application/json" } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          let json: unknown = null;
          try {
            json = raw ? JSON.parse(raw) : null;
          } catch {
            json = raw;
          }
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            json,
            cookies: res.headers["set-cookie"] ?? [],
          });
        });
      },
    );
    req.on("error", reject);
    req.end(text);
  });
}

/** The `name=value` part of the Set-Cookie line for `name`, ready for a Cookie header. */
export function cookieNamed(answer: FromAnswer, name: string): string | undefined {
  const line = answer.cookies.find((c) => c.startsWith(`${name}=`));
  return line?.split(";")[0];
}
