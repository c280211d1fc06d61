// GET /api/blogs/:slug/export and POST /api/import: the export and import operations
// (core/operations/transfer/) for admins over HTTP. An export archive is written to the data
// dir's tmp/ folder and streamed from there; an import body (JSON, JSON-LD, an HTML page or a
// tar) is streamed to a file there, never held whole, and read like the CLI reads a file. The
// body is read in this route's own scope, so every other route keeps the 1 MB JSON limit.

import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { DomainError } from "../../../core/errors.js";
import { exportBlog } from "../../../core/operations/transfer/export-blog.js";
import { importBlog } from "../../../core/operations/transfer/import-blog.js";
import { ensure } from "../../../core/permissions.js";
import type { MediaStore, Newsroom } from "../../../core/ports.js";
import { importInvalid } from "../../../core/transfer/document.js";
import { parseQuery } from "../../../core/validation.js";
import { writeExportArchive } from "../../../transfer/archive.js";
import { readImportFile } from "../../../transfer/import-file.js";
import { requireActor } from "../../auth.js";
import { ownOriginImage } from "../../own-origin.js";
import { ExportQuery, ImportQuery } from "./schema.js";

/** The largest import body: an archive of a long-running blog's images. */
export const MAX_IMPORT_BYTES = 2 * 1024 ** 3;

const IMPORT_TYPES = new Set([
  "application/json",
  "application/ld+json",
  "application/x-tar",
  "application/tar",
  "text/html",
]);

export function registerTransferRoutes(
  app: FastifyInstance,
  newsroom: Newsroom,
  media: MediaStore,
  options: { tmpDir: string; publicUrl?: string },
): void {
  app.get("/api/blogs/:slug/export", async (request, reply) => {
    const actor = requireActor(request);
    const { slug } = request.params as { slug: string };
    const query = parseQuery(ExportQuery, request.query);
    const mode = query.media ?? "include";
    const publicUrl = options.publicUrl ?? `${request.protocol}://${request.host}`;
    const exported = await exportBlog(newsroom, media, actor, slug, { media: mode, publicUrl });
    reply.header("Cache-Control", "private, no-store");
    if (mode === "link") {
      return reply
        .header("Content-Disposition", `attachment; filename="${slug}.json"`)
        .send(exported.document);
    }
    // Named like uploads, so a crash's leftovers are swept at start-up (media/temp-uploads.ts).
    const file = await tempFile(options.tmpDir, "upload-export");
    try {
      await writeExportArchive(file, exported);
    } catch (error) {
      await rm(file, { force: true });
      throw error;
    }
    const stream = createReadStream(file);
    stream.once("close", () => void rm(file, { force: true }));
    return reply
      .type("application/x-tar")
      .header("Content-Disposition", `attachment; filename="${slug}.tar"`)
      .send(stream);
  });

  app.register(async (scope) => {
    // The body is streamed to a file by the handler, whatever its type.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", (_request, _payload, done) => done(null, undefined));
    scope.post("/api/import", async (request, reply) => {
      const actor = requireActor(request);
      ensure(actor, "blog.transfer");
      const query = parseQuery(ImportQuery, request.query);
      const type =
        (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
      if (!IMPORT_TYPES.has(type)) {
        throw new DomainError(
          "unsupported_media_type",
          "Send a Dispatch export (application/json or application/x-tar), JSON-LD (application/ld+json) or an HTML page (text/html)",
        );
      }
      if (Number(request.headers["content-length"] ?? 0) > MAX_IMPORT_BYTES) throw tooLarge();
      const file = await receive(request, options.tmpDir);
      try {
        const read = await readImportFile(file, {
          now: newsroom.clock.now(),
          ...(query.slug ? { slug: query.slug } : {}),
        });
        refuseOwnOriginImages(read.document, request, options.publicUrl);
        const summary = await importBlog(newsroom, media, actor, read.document, {
          mode: query.mode ?? "create",
          ...(read.media ? { media: read.media } : {}),
        });
        return reply.send(summary);
      } finally {
        await rm(file, { force: true });
      }
    });
  });
}

async function tempFile(dir: string, kind: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  return path.join(dir, `${kind}-${process.pid}-${randomBytes(8).toString("hex")}`);
}

/** Streams the request body to a new temp file, refusing it past MAX_IMPORT_BYTES. */
async function receive(request: FastifyRequest, tmpDir: string): Promise<string> {
  const file = await tempFile(tmpDir, "upload-import");
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(bytes > MAX_IMPORT_BYTES ? tooLarge() : null, chunk);
    },
  });
  try {
    await pipeline(request.raw, limit, createWriteStream(file, { flags: "wx" }));
    if (request.raw.aborted) throw new DomainError("validation_failed", "The upload was cut short");
    return file;
  } catch (error) {
    await rm(file, { force: true });
    throw error;
  }
}

/** The edge's rule for images on this site's own address (own-origin.ts), post by post. */
function refuseOwnOriginImages(document: unknown, request: FastifyRequest, publicUrl?: string) {
  const own = new Set([hostOf(publicUrl), hostOf(`https://${request.host}`)]);
  const isOwn = (host: string) => own.has(host);
  const { blog, posts } = (document ?? {}) as { blog?: unknown; posts?: unknown };
  const parts: [string, unknown][] = [["blog.", blog]];
  if (Array.isArray(posts))
    parts.push(...posts.map((post, i): [string, unknown] => [`posts[${i}].`, post]));
  for (const [prefix, part] of parts) {
    if (typeof part !== "object" || part === null) continue;
    const field = ownOriginImage(part as Record<string, unknown>, isOwn);
    if (field) {
      throw importInvalid(
        `${prefix}${field}`,
        "An image on this site's own address must be an uploaded /media/ file",
      );
    }
  }
}

function hostOf(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url).host.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

function tooLarge(): DomainError {
  return new DomainError("payload_too_large", "An import can be at most 2 GB");
}
