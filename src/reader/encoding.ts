// Content codings for what the reader side serves: brotli for the browsers that accept it
// (nearly all, over HTTPS), gzip for the rest, the plain bytes otherwise. What can be is
// compressed once, never per request: pages and feeds when rendered at a change (brotli at a
// middling quality, since a change may come every few seconds), the static assets at start-up
// (brotli's best quality, paid once) and the newsroom app's built files at their first request
// (the same, off the main thread). A page made for one request alone (a search) is compressed
// in the one coding that request takes.

import { promisify } from "node:util";
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from "node:zlib";

const gzipped = promisify(gzip);
const brotlied = promisify(brotliCompress);

/** A body in each coding a reader may ask for, made once. */
export interface EncodedBody {
  body: Buffer;
  gzipped: Buffer;
  brotli: Buffer;
}

export type ContentCoding = "br" | "gzip" | "identity";

/** A page or feed rendered at a change: gzip and brotli (quality 5: fast, and still smaller). */
export async function encodeRendered(body: Buffer): Promise<EncodedBody> {
  const [gz, br] = await Promise.all([
    gzipped(body),
    brotlied(body, { params: brotliParams(5, body.length) }),
  ]);
  return { body, gzipped: gz, brotli: br };
}

/** A static asset, compressed once at start-up as small as the codings go. */
export function encodeAsset(body: Buffer): Omit<EncodedBody, "body"> {
  return {
    gzipped: gzipSync(body, { level: 9 }),
    brotli: brotliCompressSync(body, { params: brotliParams(11, body.length) }),
  };
}

/** A built file compressed at its best, off the main thread: paid once per file. */
export async function encodeStatic(body: Buffer): Promise<EncodedBody> {
  const [gz, br] = await Promise.all([
    gzipped(body, { level: 9 }),
    brotlied(body, { params: brotliParams(11, body.length) }),
  ]);
  return { body, gzipped: gz, brotli: br };
}

/** A page made for one request: compressed in `coding` alone, as quickly as pages at a change. */
export async function encodeOnce(
  body: Buffer,
  coding: ContentCoding,
): Promise<{ bytes: Buffer; headers: Record<string, string> }> {
  switch (coding) {
    case "br":
      return {
        bytes: await brotlied(body, { params: brotliParams(5, body.length) }),
        headers: { "Content-Encoding": "br" },
      };
    case "gzip":
      return { bytes: await gzipped(body), headers: { "Content-Encoding": "gzip" } };
    case "identity":
      return { bytes: body, headers: {} };
  }
}

function brotliParams(quality: number, size: number): Record<number, number> {
  return {
    [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    [constants.BROTLI_PARAM_QUALITY]: quality,
    [constants.BROTLI_PARAM_SIZE_HINT]: size,
  };
}

/**
 * The coding to answer with, from Accept-Encoding: brotli when named and accepted at least as
 * gladly as gzip, else gzip when accepted (named, or through `*`, with a q above zero), else
 * none.
 */
export function preferredEncoding(header: string | undefined): ContentCoding {
  const { br, gzip } = acceptance(header);
  if (br > 0 && br >= gzip) return "br";
  return gzip > 0 ? "gzip" : "identity";
}

/** Whether Accept-Encoding allows gzip: named, or through `*`, with a q above zero. */
export function acceptsGzip(header: string | undefined): boolean {
  return acceptance(header).gzip > 0;
}

/** How gladly (q) Accept-Encoding takes brotli and gzip. */
function acceptance(header: string | undefined): { br: number; gzip: number } {
  if (!header) return { br: 0, gzip: 0 };
  let br: number | undefined;
  let gz: number | undefined;
  let any: number | undefined;
  for (const part of header.split(",")) {
    const [name = "", ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    const qParam = params.find((p) => p.startsWith("q="));
    const parsed = qParam === undefined ? 1 : Number(qParam.slice(2));
    const q = Number.isNaN(parsed) ? 0 : parsed;
    if (name === "br") br = q;
    else if (name === "gzip" || name === "x-gzip") gz = q;
    else if (name === "*") any = q;
  }
  // Brotli only when named: every browser that has it says so, and `*` alone is too rare a
  // signal to send a coding some proxies still mangle.
  return { br: br ?? 0, gzip: gz ?? any ?? 0 };
}

/** The bytes and Content-Encoding header for `coding`. */
export function encoded(
  body: EncodedBody,
  coding: ContentCoding,
): { bytes: Buffer; headers: Record<string, string> } {
  switch (coding) {
    case "br":
      return { bytes: body.brotli, headers: { "Content-Encoding": "br" } };
    case "gzip":
      return { bytes: body.gzipped, headers: { "Content-Encoding": "gzip" } };
    case "identity":
      return { bytes: body.body, headers: {} };
  }
}
