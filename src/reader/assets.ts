// The reader's static assets, live.js and live.css, and the embed's (embed-frame.js, embed.css,
// and the host page's /embed.js): read once at start-up, hashed, brotli'd and gzipped in
// memory (live.js is served as live-follow.js followed by live.js: one request, two files each
// about one thing; blocks.js (galleries, embeds loaded on request, their controls in
// block-controls.js, which /embed.js shares) on its own, so the live script keeps its budget;
// embed-frame.js is the same with embed-frame.js after them), and served with strong ETags,
// one per coding. Pages reference them by a URL carrying the content hash, so browsers and
// CDNs may keep them for a year; a new deploy changes the URL. /embed.js has no version in the
// snippets partners paste, so it is kept for five minutes only.

import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { encodeAsset, encoded, preferredEncoding } from "./encoding.js";

export { acceptsGzip } from "./encoding.js";

export interface ReaderAsset {
  /** Where the asset is served, without the version. */
  path: string;
  /** What pages link to: the path with `?v=HASH`. */
  url: string;
  contentType: string;
  hash: string;
  body: Buffer;
  gzipped: Buffer;
  /** Brotli at its best quality, made once at start-up. */
  brotli: Buffer;
}

export interface ReaderAssets {
  script: ReaderAsset;
  style: ReaderAsset;
  /** The embed page's script: the reader's, then embed-frame.js (its height for the parent). */
  embedScript: ReaderAsset;
  /** The embed's style sheet, for the embed page and the script embed's shadow root alike. */
  embedStyle: ReaderAsset;
  /** The host page's script (both embed forms), at /embed.js: a URL for snippets to keep. */
  hostScript: ReaderAsset;
  /** Galleries' buttons and embeds loaded on request (reader pages; the embed page bundles it). */
  blocksScript: ReaderAsset;
  /** The live page's key-event alerts button (Web Push). */
  alertsScript: ReaderAsset;
  /**
   * The alerts service worker, at a fixed URL under /live/ (its scope): a worker's URL must
   * not change with each deploy, or browsers would keep the old one's subscriptions apart.
   */
  alertsWorker: ReaderAsset;
  /** The readers' contribution form (contribute-view.ts): only where a blog takes them. */
  contributeScript: ReaderAsset;
  /** Readers' comments drawn live: only on live pages of blogs that take comments. */
  commentsScript: ReaderAsset;
}

const IMMUTABLE = "public, max-age=31536000, immutable";
// An unversioned or outdated URL (a page cached across a deploy) gets the current file, but
// only briefly, so that it cannot pin the wrong version for a year.
const REVALIDATE = "public, max-age=300";

/**
 * The folder holding package.json, found by walking up from this module: the same answer
 * whether the code runs from src/ (tsx, vitest) or from the compiled dist/.
 */
export function packageRoot(from: string = import.meta.url): string {
  let dir = path.dirname(fileURLToPath(from));
  for (;;) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${fileURLToPath(from)}`);
    dir = parent;
  }
}

export async function loadReaderAssets(
  dir: string = path.join(packageRoot(), "src", "reader", "assets"),
): Promise<ReaderAssets> {
  const js = "text/javascript; charset=utf-8";
  const css = "text/css; charset=utf-8";
  const [
    script,
    style,
    embedScript,
    embedStyle,
    hostScript,
    blocksScript,
    alertsScript,
    alertsWorker,
    contributeScript,
    commentsScript,
  ] = await Promise.all([
    loadAsset(dir, "live.js", js, ["live-follow.js", "live.js"]),
    loadAsset(dir, "live.css", css),
    loadAsset(dir, "embed-frame.js", js, [
      "live-follow.js",
      "live.js",
      "block-controls.js",
      "blocks.js",
      "embed-frame.js",
    ]),
    loadAsset(dir, "embed.css", css),
    loadAsset(dir, "embed.js", js, ["block-controls.js", "embed.js"], "/embed.js"),
    loadAsset(dir, "blocks.js", js, ["block-controls.js", "blocks.js"]),
    loadAsset(dir, "alerts.js", js),
    loadAsset(dir, "alerts-sw.js", js, ["alerts-sw.js"], "/live/alerts-sw.js"),
    loadAsset(dir, "contribute.js", js),
    loadAsset(dir, "comments.js", js),
  ]);
  return {
    script,
    style,
    embedScript,
    embedStyle,
    hostScript,
    blocksScript,
    alertsScript,
    alertsWorker,
    contributeScript,
    commentsScript,
  };
}

async function loadAsset(
  dir: string,
  file: string,
  contentType: string,
  parts: string[] = [file],
  assetPath = `/assets/${file}`,
): Promise<ReaderAsset> {
  const read = await Promise.all(parts.map((part) => readFile(path.join(dir, part))));
  let body = Buffer.concat(read.flatMap((part) => [part, Buffer.from("\n")]));
  if (file.endsWith(".js")) {
    const script = withoutCommentLines(body.toString("utf8"));
    // Parts share their top-level names within one served file, and only there: a block keeps
    // them from a partner's page, where /embed.js may be included more than once.
    body = Buffer.from(parts.length > 1 ? `{\n${script}\n}\n` : script);
  }
  const hash = createHash("sha256").update(body).digest("base64url").slice(0, 16);
  return {
    path: assetPath,
    url: `${assetPath}?v=${hash}`,
    contentType,
    hash,
    body,
    ...encodeAsset(body),
  };
}

/**
 * The script as readers get it: without the lines that are only comments, which explain the
 * code to us and are a third of its bytes. Only whole lines go (`// …`, and `/* … *\/` blocks
 * from their first line to their last), so code is never touched: the scripts are written
 * with no string or template literal holding such a line.
 */
export function withoutCommentLines(script: string): string {
  const kept: string[] = [];
  let inBlock = false;
  for (const line of script.split("\n")) {
    const text = line.trim();
    if (inBlock) inBlock = !text.endsWith("*/");
    else if (text.startsWith("/*")) inBlock = !text.endsWith("*/");
    else if (!text.startsWith("//")) kept.push(line);
  }
  return kept.join("\n");
}

export function sendAsset(request: FastifyRequest, reply: FastifyReply, asset: ReaderAsset) {
  const version = (request.query as Record<string, unknown> | undefined)?.v;
  const coding = preferredEncoding(request.headers["accept-encoding"]);
  // A strong ETag names one representation, so each coding's bytes get their own.
  const etag = `"${asset.hash}${ETAG_SUFFIX[coding]}"`;
  reply
    .header("Cache-Control", version === asset.hash ? IMMUTABLE : REVALIDATE)
    .header("ETag", etag)
    .header("Vary", "Accept-Encoding");
  if (matchesEtag(request.headers["if-none-match"], asset.hash)) {
    return reply.status(304).send();
  }
  const { bytes, headers } = encoded(asset, coding);
  return reply.header("Content-Type", asset.contentType).headers(headers).send(bytes);
}

/**
 * The reader pages' scripts, stylesheet and alerts service worker, each at its path (the
 * embed's own are served by embed-route.ts).
 */
export function registerAssetRoutes(app: FastifyInstance, assets: ReaderAssets): void {
  for (const asset of [
    assets.script,
    assets.style,
    assets.blocksScript,
    assets.alertsScript,
    assets.alertsWorker,
    assets.contributeScript,
    assets.commentsScript,
  ]) {
    app.get(asset.path, (request, reply) => sendAsset(request, reply, asset));
  }
}

const ETAG_SUFFIX = { br: "-br", gzip: "-gz", identity: "" } as const;

/** Weak comparison, as If-None-Match asks for; any coding of the same content matches. */
function matchesEtag(header: string | undefined, hash: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => {
    const value = tag.trim().replace(/^W\//, "");
    return (
      value === "*" || value === `"${hash}"` || value === `"${hash}-gz"` || value === `"${hash}-br"`
    );
  });
}
