// GET /media/*: images uploaded to Dispatch (and the demo's illustrations), served from the
// data dir. Paths are confined to the media folder; files are served as images only, with a
// policy that stops an SVG from running script if opened directly.

import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { errorBody } from "../../errors.js";

const TYPES: Record<string, string> = {
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".png": "image/png",
  ".webp": "image/webp",
  ".gif": "image/gif",
  ".avif": "image/avif",
  ".svg": "image/svg+xml",
};

export function registerMediaRoutes(app: FastifyInstance, mediaDir: string): void {
  const root = path.resolve(mediaDir);
  app.get("/media/*", async (request, reply) => {
    const relative = (request.params as { "*": string })["*"];
    const file = path.resolve(root, relative);
    const type = TYPES[path.extname(file).toLowerCase()];
    if (!file.startsWith(root + path.sep) || !type || !/^[A-Za-z0-9._/-]+$/.test(relative)) {
      return reply.status(404).send(errorBody("media_not_found", "No such media file"));
    }
    const info = await stat(file).catch(() => null);
    if (!info?.isFile())
      return reply.status(404).send(errorBody("media_not_found", "No such media file"));
    const etag = `"${info.size.toString(36)}-${info.mtimeMs.toString(36)}"`;
    reply
      .header("ETag", etag)
      .header("Cache-Control", "public, max-age=86400")
      .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    if (request.headers["if-none-match"] === etag) return reply.status(304).send();
    return reply.type(type).header("Content-Length", info.size).send(createReadStream(file));
  });
}
