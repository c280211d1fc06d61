// A reader's photo with a contribution: the multipart form the reader page sends when a photo
// is attached (the words as fields, the image in a part named `photo`), and
// GET /api/blogs/:slug/contributions/:id/photo, the photo for the desk alone.
//
// The photo goes through the media pipeline every upload takes (a place in the processing
// queue before a byte is read, streamed to a temporary file, the type read from the bytes,
// metadata stripped, variants made within a time budget) but into the media store's private
// folder, which `/media/` never serves and the media library never lists.

import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { FastifyInstance, FastifyRequest } from "fastify";
import {
  CONTRIBUTION_PHOTO_FOLDER,
  type ContributionPhoto,
  contributionPhotoFolder,
  contributionPhotoKey,
} from "../../../core/contributions.js";
import { DomainError, validationError } from "../../../core/errors.js";
import {
  contributionPhotoToPublish,
  findContributionPhoto,
} from "../../../core/operations/contributions.js";
import { recordUpload } from "../../../core/operations/media-library.js";
import type { MediaStore, Newsroom } from "../../../core/ports.js";
import { parseInput } from "../../../core/validation.js";
import type { GatePlace } from "../../../media/gate.js";
import { publishPrivateImage } from "../../../media/publish-private.js";
import type { ImageUploads } from "../../../media/uploads.js";
import { requireActor } from "../../auth.js";
import { ContributionParams } from "./schema.js";

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** Room for the words and the multipart boundaries around the photo. */
const ENVELOPE_BYTES = 64 * 1024;
const TOO_LARGE = "A photo can be at most 10 MB; choose a smaller one";
/** The form's fields: kind, text, name, contact, challenge, nonce. */
const FIELDS = 6;

export interface ReceivedContribution {
  fields: Record<string, string>;
  /** The temporary file holding the photo, when one was attached; the caller removes it. */
  photoFile?: string;
}

/** Refuses what is plainly too big before taking a place in the queue or reading a byte. */
export function checkPhotoEnvelope(request: FastifyRequest): void {
  const declared = Number(request.headers["content-length"] ?? 0);
  if (declared > MAX_PHOTO_BYTES + ENVELOPE_BYTES) {
    throw new DomainError("payload_too_large", TOO_LARGE, { field: "photo" });
  }
}

/** Reads the form's fields, and streams its photo (if any) into a new file under `tmpDir`. */
export async function receiveContribution(
  request: FastifyRequest,
  tmpDir: string,
): Promise<ReceivedContribution> {
  const received: ReceivedContribution = { fields: {} };
  try {
    for await (const part of request.parts({
      limits: { fileSize: MAX_PHOTO_BYTES, files: 1, fields: FIELDS, parts: FIELDS + 1 },
    })) {
      if (part.type === "field") {
        if (typeof part.value === "string") received.fields[part.fieldname] = part.value;
        continue;
      }
      if (part.fieldname !== "photo") {
        part.file.resume();
        throw validationError(part.fieldname, "Attach a photo in the field named photo");
      }
      await mkdir(tmpDir, { recursive: true });
      const file = path.join(tmpDir, `photo-${process.pid}-${randomBytes(8).toString("hex")}`);
      received.photoFile = file;
      // `wx`: a fresh file of our own, never one that happens to exist already.
      await pipeline(part.file, createWriteStream(file, { flags: "wx" }));
      if (part.file.truncated || request.raw.aborted) {
        throw new DomainError("payload_too_large", TOO_LARGE, { field: "photo" });
      }
      // A form's empty file input sends an empty part: no photo.
      if (part.file.bytesRead === 0) {
        await rm(file, { force: true });
        delete received.photoFile;
      }
    }
    return received;
  } catch (error) {
    if (received.photoFile) await rm(received.photoFile, { force: true });
    throw toPhotoError(error);
  }
}

/** Processes the received photo into the private folder: the size without the metadata. */
export async function keepPhoto(
  uploads: ImageUploads,
  place: GatePlace,
  file: string,
): Promise<ContributionPhoto> {
  try {
    const image = await uploads.process(place, file, CONTRIBUTION_PHOTO_FOLDER);
    return { id: image.id, width: image.width, height: image.height };
  } catch (error) {
    // The pipeline names its own `file`; on this form the field is the photo.
    if (error instanceof DomainError && error.field === "file") {
      throw new DomainError(error.code, photoMessage(error), {
        field: "photo",
        ...(error.details ? { details: error.details } : {}),
      });
    }
    throw error;
  }
}

export function discardPhoto(media: MediaStore, photoId: string): Promise<void> {
  return media.removeFolder(contributionPhotoFolder(photoId));
}

function photoMessage(error: DomainError): string {
  return error.code === "unsupported_media_type"
    ? "That file is not a photo we can use; attach a JPEG, PNG or WebP image"
    : error.message;
}

/** Multipart's own failures, in the words of the API's error codes. */
function toPhotoError(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  const code = (error as { code?: string }).code;
  if (code === "FST_REQ_FILE_TOO_LARGE") {
    return new DomainError("payload_too_large", TOO_LARGE, { field: "photo" });
  }
  if (code === "FST_FILES_LIMIT" || code === "FST_PARTS_LIMIT" || code === "FST_FIELDS_LIMIT") {
    return new DomainError("payload_too_large", "Send the form's fields and one photo at most", {
      field: "photo",
    });
  }
  return validationError("photo", "The form is not well-formed multipart/form-data; try again");
}

/**
 * The photo's largest JPEG, for signed-in editors, never kept by a cache; and
 * `POST …/photo/publish`, which makes a copy of it an ordinary published image in the media
 * library, credited to the reader's chosen name, for an answer to use.
 */
export function registerPhotoRoute(
  app: FastifyInstance,
  newsroom: Newsroom,
  media: MediaStore,
  route: string,
): void {
  app.post(`${route}/publish`, async (request, reply) => {
    const { slug, id } = parseInput(ContributionParams, request.params);
    const actor = requireActor(request);
    const { photo, credit } = await contributionPhotoToPublish(newsroom, actor, slug, id);
    const image = await publishPrivateImage(media, CONTRIBUTION_PHOTO_FOLDER, photo);
    await recordUpload(newsroom, actor, image, `contribution-${id}.jpg`, credit);
    return reply
      .status(201)
      .header("Location", image.src)
      .send({ ...image, credit });
  });

  app.get(route, async (request, reply) => {
    const { slug, id } = parseInput(ContributionParams, request.params);
    const photo = await findContributionPhoto(newsroom, requireActor(request), slug, id);
    const file = await media.get(contributionPhotoKey(photo.id));
    if (!file) throw new DomainError("media_not_found", "This contribution's photo is gone");
    return reply
      .header("Cache-Control", "private, no-store")
      .header("Content-Security-Policy", "default-src 'none'; sandbox")
      .type(file.contentType)
      .header("Content-Length", file.size)
      .send(file.open());
  });
}
