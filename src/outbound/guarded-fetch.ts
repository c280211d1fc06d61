// The one way the server fetches an address a person gave it (an image pasted from another
// site, later link cards and the like). Only http(s); never a loopback, private, link-local or
// otherwise non-public address, checked on every address a name resolves to at the moment of
// connecting (so a name that changes its answer between a check and the connection gains
// nothing) and again on every redirect; bounded in time and in size. An operator may allow
// private addresses (an intranet image host, a test rig) with FETCH_ALLOW_PRIVATE.
// Webhooks send with `post`: the same address checks, one request, never a redirect followed.

import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { BlockList, isIP, type LookupFunction } from "node:net";

export interface GuardedFetchOptions {
  /** The answer's body may be at most this many bytes. */
  maxBytes: number;
  /** Sent as the Accept header. */
  accept?: string;
}

export interface FetchedResource {
  url: string;
  status: number;
  contentType: string;
  body: Buffer;
}

/** Why a fetch was not made or not finished; `reason` is stable, `message` is for people. */
export class FetchProblem extends Error {
  constructor(
    readonly reason: "refused" | "failed" | "too_large",
    message: string,
  ) {
    super(message);
  }
}

const NOT_PUBLIC_V4 = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const;

const NOT_PUBLIC_V6 = [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b:1::", 48],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const;

const blocked = new BlockList();
for (const [net, prefix] of NOT_PUBLIC_V4) blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of NOT_PUBLIC_V6) blocked.addSubnet(net, prefix, "ipv6");

/** Whether an IP address is one the open internet can route to. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !blocked.check(address, "ipv4");
  if (family !== 6) return false;
  const lower = address.toLowerCase();
  // An IPv4 address inside IPv6 (mapped, or NAT64's well-known prefix) is judged as IPv4.
  const embedded = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower)?.[1];
  if (embedded) return isPublicAddress(embedded);
  const mappedHex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (mappedHex) {
    const high = Number.parseInt(mappedHex[1] ?? "0", 16);
    const low = Number.parseInt(mappedHex[2] ?? "0", 16);
    return isPublicAddress(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
  }
  return !blocked.check(address, "ipv6");
}

export interface GuardedPostOptions {
  /** Text (a webhook's JSON) or bytes (an encrypted push message). */
  body: string | Buffer;
  headers: Record<string, string>;
  /** The answer's body is read up to this many bytes, then the connection is dropped. */
  maxBytes: number;
  /** Less than the fetcher's own limit, for this request only. */
  timeoutMs?: number;
}

/** Any HTTP answer, redirects included (they are not followed). */
export interface PostAnswer {
  status: number;
  /** The start of the answer's body, as text. */
  body: string;
}

export class GuardedFetcher {
  constructor(
    private readonly options: {
      allowPrivate?: boolean;
      timeoutMs?: number;
      maxRedirects?: number;
      userAgent?: string;
    } = {},
  ) {}

  async fetch(url: string, options: GuardedFetchOptions): Promise<FetchedResource> {
    const deadline = Date.now() + (this.options.timeoutMs ?? 10_000);
    let current = url;
    for (let hop = 0; ; hop++) {
      const answer = await this.once(current, options, deadline);
      if (!("redirect" in answer)) return answer;
      if (hop >= (this.options.maxRedirects ?? 3)) {
        throw new FetchProblem("failed", `${hostOf(url)} redirected too many times`);
      }
      current = answer.redirect;
    }
  }

  /**
   * Whether the server would send to this address now: an http(s) URL whose host is a public
   * address, or a name every answer of which is public. A name that does not resolve passes
   * (the connection is checked again when it is made).
   */
  async vet(raw: string): Promise<void> {
    const url = this.target(raw);
    const host = url.hostname.replace(/^\[|\]$/g, "");
    if (isIP(host) || this.options.allowPrivate) return;
    const addresses = await new Promise<LookupAddress[]>((resolve) =>
      dnsLookup(host, { all: true }, (error, list) => resolve(error ? [] : list)),
    );
    if (addresses.some((a) => !this.allowed(a.address))) throw refusedAddress(url.hostname);
  }

  /**
   * POSTs `body` once and answers with whatever status comes back, a redirect included: the
   * caller decides what counts as success. Refused, unreachable and timed-out sends throw.
   */
  post(raw: string, options: GuardedPostOptions): Promise<PostAnswer> {
    const url = this.target(raw);
    const client = url.protocol === "https:" ? https : http;
    const timeout = Math.min(options.timeoutMs ?? Number.POSITIVE_INFINITY, this.timeoutMs());
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
      };
      // One deadline for the whole exchange, however slowly the answer trickles in.
      const timer = setTimeout(() => {
        request.destroy();
        settle(() => reject(timedOut(url)));
      }, timeout);
      const request = client.request(
        url,
        {
          method: "POST",
          lookup: this.lookup,
          headers: {
            ...options.headers,
            "content-length": String(Buffer.byteLength(options.body)),
            "user-agent": this.options.userAgent ?? "Dispatch (live coverage)",
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          const answer = () => ({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
          });
          response.on("data", (chunk: Buffer) => {
            if (size >= options.maxBytes) return;
            chunks.push(chunk.subarray(0, options.maxBytes - size));
            size += chunk.length;
            if (size >= options.maxBytes) {
              // Enough read: the rest is not worth the wait.
              request.destroy();
              settle(() => resolve(answer()));
            }
          });
          response.on("end", () => settle(() => resolve(answer())));
          response.on("error", (error) => settle(() => reject(failed(url, error))));
        },
      );
      request.on("error", (error) =>
        settle(() => reject(error instanceof FetchProblem ? error : failed(url, error))),
      );
      request.end(options.body);
    });
  }

  private timeoutMs(): number {
    return this.options.timeoutMs ?? 10_000;
  }

  /**
   * Opens a long-lived GET (an event stream) under the same checks as fetch: public addresses
   * only, at connect time and on every redirect. The answer's headers must come within
   * `connectTimeoutMs`; after that, each chunk must come within `idleTimeoutMs` of the
   * reader asking for it (a stream with heartbeats never goes that long silent).
   */
  async stream(url: string, options: GuardedStreamOptions): Promise<GuardedStream> {
    let current = url;
    for (let hop = 0; ; hop++) {
      const answer = await this.openStream(current, options);
      if (!("redirect" in answer)) return answer;
      if (hop >= (this.options.maxRedirects ?? 3)) {
        throw new FetchProblem("failed", `${hostOf(url)} redirected too many times`);
      }
      current = answer.redirect;
    }
  }

  private openStream(
    raw: string,
    options: GuardedStreamOptions,
  ): Promise<GuardedStream | { redirect: string }> {
    const url = this.target(raw);
    const client = url.protocol === "https:" ? https : http;
    return new Promise((resolve, reject) => {
      const request = client.get(url, {
        lookup: this.lookup,
        timeout: options.connectTimeoutMs ?? 10_000,
        headers: {
          ...options.headers,
          accept: options.accept,
          "user-agent": this.options.userAgent ?? "Dispatch (live coverage)",
        },
      });
      const onAbort = () => request.destroy(new FetchProblem("failed", "Stopped"));
      options.signal?.addEventListener("abort", onAbort, { once: true });
      request.on("timeout", () => request.destroy(timedOut(url)));
      request.on("error", (error) => {
        options.signal?.removeEventListener("abort", onAbort);
        reject(error instanceof FetchProblem ? error : failed(url, error));
      });
      request.on("response", (response) => {
        const status = response.statusCode ?? 0;
        const location = response.headers.location;
        if (status >= 300 && status < 400 && location) {
          response.resume();
          request.destroy();
          return resolve({ redirect: new URL(location, url).toString() });
        }
        // From here the stream's own idle limit applies, not the connect timeout.
        request.setTimeout(0);
        const close = () => {
          options.signal?.removeEventListener("abort", onAbort);
          request.destroy();
        };
        resolve({
          url: url.toString(),
          status,
          contentType: String(response.headers["content-type"] ?? ""),
          chunks: idleLimited(response, options.idleTimeoutMs, url, close),
          close,
        });
      });
    });
  }

  private target(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new FetchProblem("refused", "That is not a full web address");
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      throw new FetchProblem("refused", "Only http and https addresses can be fetched");
    }
    if (url.username || url.password) {
      throw new FetchProblem("refused", "Addresses with a user name or password are not fetched");
    }
    const host = url.hostname.replace(/^\[|\]$/g, "");
    if (isIP(host) && !this.allowed(host)) throw refusedAddress(url.hostname);
    return url;
  }

  private allowed(address: string): boolean {
    return this.options.allowPrivate === true || isPublicAddress(address);
  }

  /** Resolves as the system does, then refuses the connection if any answer is not public. */
  private readonly lookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 4);
      const list = addresses as LookupAddress[];
      const refused = list.find((a) => !this.allowed(a.address));
      if (refused || list.length === 0) {
        return callback(refusedAddress(hostname) as NodeJS.ErrnoException, "", 4);
      }
      if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, list);
      const first = list[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };

  private once(
    raw: string,
    options: GuardedFetchOptions,
    deadline: number,
  ): Promise<FetchedResource | { redirect: string }> {
    const url = this.target(raw);
    const client = url.protocol === "https:" ? https : http;
    return new Promise((resolve, reject) => {
      const left = deadline - Date.now();
      if (left <= 0) return reject(timedOut(url));
      const request = client.get(
        url,
        {
          lookup: this.lookup,
          timeout: left,
          headers: {
            accept: options.accept ?? "*/*",
            "user-agent": this.options.userAgent ?? "Dispatch (live coverage)",
          },
        },
        (response) => {
          const status = response.statusCode ?? 0;
          const location = response.headers.location;
          if (status >= 300 && status < 400 && location) {
            response.resume();
            return resolve({ redirect: new URL(location, url).toString() });
          }
          if (status < 200 || status >= 300) {
            response.resume();
            return reject(new FetchProblem("failed", `${url.host} answered ${status}`));
          }
          const declared = Number(response.headers["content-length"] ?? 0);
          if (declared > options.maxBytes) {
            request.destroy();
            return reject(tooLarge(url, options.maxBytes));
          }
          const chunks: Buffer[] = [];
          let size = 0;
          response.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size > options.maxBytes) {
              request.destroy();
              reject(tooLarge(url, options.maxBytes));
              return;
            }
            chunks.push(chunk);
          });
          response.on("end", () =>
            resolve({
              url: url.toString(),
              status,
              contentType: String(response.headers["content-type"] ?? ""),
              body: Buffer.concat(chunks),
            }),
          );
          response.on("error", (error) => reject(failed(url, error)));
        },
      );
      request.on("timeout", () => {
        request.destroy();
        reject(timedOut(url));
      });
      request.on("error", (error) =>
        reject(error instanceof FetchProblem ? error : failed(url, error)),
      );
    });
  }
}

export interface GuardedStreamOptions {
  accept: string;
  headers?: Record<string, string>;
  /** How long the answer's headers may take (default 10 s). */
  connectTimeoutMs?: number;
  /** How long the stream may stay silent while the reader waits. */
  idleTimeoutMs: number;
  signal?: AbortSignal;
}

export interface GuardedStream {
  url: string;
  status: number;
  contentType: string;
  /** The body, chunk by chunk; ends when the server ends it, throws FetchProblem on failure. */
  chunks: AsyncIterable<Buffer>;
  close(): void;
}

async function* idleLimited(
  response: http.IncomingMessage,
  idleMs: number,
  url: URL,
  close: () => void,
): AsyncGenerator<Buffer> {
  const iterator = response[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  try {
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      const silence = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new FetchProblem("failed", `${url.host} went silent`)),
          idleMs,
        );
      });
      let next: IteratorResult<Buffer>;
      try {
        next = await Promise.race([iterator.next(), silence]);
      } catch (error) {
        throw error instanceof FetchProblem ? error : failed(url, error as Error);
      } finally {
        clearTimeout(timer);
      }
      if (next.done) return;
      yield next.value;
    }
  } finally {
    close();
  }
}

function hostOf(raw: string): string {
  try {
    return new URL(raw).host;
  } catch {
    return raw;
  }
}

function refusedAddress(host: string): FetchProblem {
  return new FetchProblem(
    "refused",
    `${host} is not a public internet address; Dispatch does not fetch from it`,
  );
}

function timedOut(url: URL): FetchProblem {
  return new FetchProblem("failed", `${url.host} did not answer in time`);
}

function tooLarge(url: URL, maxBytes: number): FetchProblem {
  const mb = Math.round(maxBytes / 1024 / 1024);
  return new FetchProblem("too_large", `The file at ${url.host} is larger than ${mb} MB`);
}

function failed(url: URL, error: Error): FetchProblem {
  return new FetchProblem("failed", `${url.host} could not be reached (${error.message})`);
}
