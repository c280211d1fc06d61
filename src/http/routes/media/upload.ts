// POST /api/media: a reporter's image, as multipart/form-data with one part named `file`,
// recorded in the media library under the uploader's name and the file's name.
// Multipart parsing is registered in this route's own scope, so the 15 MB allowance applies
// here alone and every other route keeps the 1 MB JSON body limit. The upload takes its place
// in the processing queue before a byte is read (so a burst is refused at once), and is
// streamed to a temporary file under the data dir's tmp/ folder, never held whole in memory;
// the file is removed once the image is processed or refused, or the client goes away.

import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import multipart from "@fastify/multipart";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { DomainError, validationError } from "../../../core/errors.js";
import { recordUpload } from "../../../core/operations/media-library.js";
import { ensure } from "../../../core/permissions.js";
import type { Newsroom } from "../../../core/ports.js";
import type { UploadedImage } from "../../../media/process.js";
import type { ImageUploads } from "../../../media/uploads.js";
import { requireActor } from "../../auth.js";

export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;
/** Room for the multipart boundaries and part headers around the file itself. */
const ENVELOPE_BYTES = 64 * 1024;

const TOO_LARGE = "Images can be at most 15 MB; export a smaller JPEG and try again";
const NOT_MULTIPART = "Send the image as multipart/form-data, in a part named file";

export function registerUploadRoute(
  app: FastifyInstance,
  newsroom: Newsroom,
  uploads: ImageUploads,
  tmpDir: string,
): void {
  app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 4, parts: 5, fieldSize: 1024 },
      throwFileSizeLimit: true,
    });
    // Any other body type reaches the handler unread, to be refused with a useful message
    // instead of the API-wide "send JSON" one.
    scope.addContentTypeParser("*", (_request, _payload, done) => done(null, undefined));
    scope.post("/api/media", async (request, reply) => {
      const actor = requireActor(request);
      ensure(actor, "post.publish");
      checkEnvelope(request);
      const place = uploads.admit(actor.id);
      let image: UploadedImage;
      let fileName = "";
      // The file is removed and the place left before the answer goes out, so a client that
      // has its answer may count on both.
      try {
        const received = await receiveToFile(request, tmpDir);
        fileName = received.fileName;
        try {
          image = await uploads.process(place, received.file);
        } finally {
          await rm(received.file, { force: true });
        }
      } finally {
        place.leave();
      }
      await recordUpload(newsroom, actor, image, fileName);
      return reply.status(201).header("Location", image.src).send(image);
    });
  });
}

/** Refuses what is plainly too big, or not multipart, before taking a place or reading a byte. */
function checkEnvelope(request: FastifyRequest): void {
  const declared = Number(request.headers["content-length"] ?? 0);
  if (declared > MAX_UPLOAD_BYTES + ENVELOPE_BYTES) {
    throw new DomainError("payload_too_large", TOO_LARGE, { field: "file" });
  }
  if (!request.isMultipart()) throw new DomainError("unsupported_media_type", NOT_MULTIPART);
}

/** Streams the `file` part into a new file under `tmpDir`; returns its path and given name. */
async function receiveToFile(
  request: FastifyRequest,
  tmpDir: string,
): Promise<{ file: string; fileName: string }> {
  let file: string | undefined;
  try {
    const part = await request.file();
    if (part?.fieldname !== "file") {
      part?.file.resume();
      throw validationError("file", "Attach the image in a form part named file");
    }
    await mkdir(tmpDir, { recursive: true });
    file = path.join(tmpDir, `upload-${process.pid}-${randomBytes(8).toString("hex")}`);
    // `wx`: a fresh file of our own, never one that happens to exist already.
    await pipeline(part.file, createWriteStream(file, { flags: "wx" }));
    // An aborted request can end the part without an error: only a whole file goes on.
    if (part.file.truncated || request.raw.aborted) {
      throw new DomainError("payload_too_large", TOO_LARGE, { field: "file" });
    }
    return { file, fileName: part.filename ?? "" };
  } catch (error) {
    if (file) await rm(file, { force: true });
    throw toUploadError(error);
  }
}

/** Multipart's own failures, in the words of the API's error codes. */
function toUploadError(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  const code = (error as { code?: string }).code;
  if (code === "FST_REQ_FILE_TOO_LARGE") {
    return new DomainError("payload_too_large", TOO_LARGE, { field: "file" });
  }
  if (code === "FST_FILES_LIMIT" || code === "FST_PARTS_LIMIT" || code === "FST_FIELDS_LIMIT") {
    return new DomainError("payload_too_large", "Upload one image at a time, in a part named file");
  }
  // busboy's errors (a missing boundary, a form cut short) carry no code: the body is broken.
  return validationError("file", "The upload is not well-formed multipart/form-data; try again");
}
