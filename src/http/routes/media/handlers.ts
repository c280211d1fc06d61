// Media routes: GET /media/* serves images uploaded to Dispatch (and the demo's
// illustrations) from the MediaStore; POST /api/media (upload.ts) takes new ones, and
// POST /api/media/import (import.ts) copies one from another site; the media library
// (library.ts) lists and describes them all. Files are served as images only, with a policy
// that stops an SVG from running script if opened directly.

import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { CONTRIBUTION_PHOTO_FOLDER } from "../../../core/contributions.js";
import type { MediaStore, Newsroom } from "../../../core/ports.js";
import { ImageUploads, type UploadLimits } from "../../../media/uploads.js";
import type { GuardedFetcher } from "../../../outbound/guarded-fetch.js";
import { errorBody } from "../../errors.js";
import { registerImportRoute } from "./import.js";
import { registerLibraryRoutes } from "./library.js";
import { registerUploadRoute } from "./upload.js";

/**
 * An uploaded variant's key (or a link card image's) holds a fresh id, so its bytes never
 * change: cache for good.
 */
const UPLOADED = /^(u|link-cards)\/[a-z0-9]+\//;

export function registerMediaRoutes(
  app: FastifyInstance,
  newsroom: Newsroom,
  media: MediaStore,
  fetcher: GuardedFetcher,
  options: { tmpDir?: string; uploads?: ImageUploads; limits?: Partial<UploadLimits> } = {},
): void {
  // One processing queue for uploads, imports and readers' photos alike.
  const uploads = options.uploads ?? new ImageUploads(media, options.limits);
  registerUploadRoute(
    app,
    newsroom,
    uploads,
    options.tmpDir ?? path.join(tmpdir(), "dispatch-uploads"),
  );
  registerImportRoute(app, newsroom, uploads, fetcher);
  registerLibraryRoutes(app, newsroom);
  app.get("/media/*", async (request, reply) => {
    const key = (request.params as { "*": string })["*"];
    // Readers' photos share the store (and so the backups) but are the newsroom's alone:
    // served only by the contributions route, to editors.
    const privateKey = key.split("/")[0] === CONTRIBUTION_PHOTO_FOLDER;
    const file = privateKey ? undefined : await media.get(key);
    if (!file) return reply.status(404).send(errorBody("media_not_found", "No such media file"));
    const etag = `"${file.size.toString(36)}-${file.modifiedAt.getTime().toString(36)}"`;
    reply
      .header("ETag", etag)
      .header(
        "Cache-Control",
        UPLOADED.test(key) ? "public, max-age=31536000, immutable" : "public, max-age=86400",
      )
      .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    if (request.headers["if-none-match"] === etag) return reply.status(304).send();
    return reply.type(file.contentType).header("Content-Length", file.size).send(file.open());
  });
}
