// POST /api/media: a reporter's image, as multipart/form-data with one part named `file`,
// recorded in the media library under the uploader's name and the file's name.
// Multipart parsing is registered in this route's own scope, so the 15 MB allowance applies
// here alone and every other route keeps the 1 MB JSON body limit.

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
      const { bytes, fileName } = await readUploadedFile(request);
      const image: UploadedImage = await uploads.upload(bytes);
      await recordUpload(newsroom, actor, image, fileName);
      return reply.status(201).header("Location", image.src).send(image);
    });
  });
}

async function readUploadedFile(
  request: FastifyRequest,
): Promise<{ bytes: Buffer; fileName: string }> {
  const declared = Number(request.headers["content-length"] ?? 0);
  // Refuse what is plainly too big before reading a byte of it.
  if (declared > MAX_UPLOAD_BYTES + ENVELOPE_BYTES) {
    throw new DomainError("payload_too_large", TOO_LARGE, { field: "file" });
  }
  if (!request.isMultipart()) throw new DomainError("unsupported_media_type", NOT_MULTIPART);
  try {
    const part = await request.file();
    if (part?.fieldname !== "file") {
      part?.file.resume();
      throw validationError("file", "Attach the image in a form part named file");
    }
    return { bytes: await part.toBuffer(), fileName: part.filename ?? "" };
  } catch (error) {
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
