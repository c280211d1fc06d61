// POST /api/media/import: an image pasted from another web page, copied into Dispatch instead
// of being shown from the other site. The server fetches it through the guarded fetcher (public
// addresses only, bounded in time and size) and sends the bytes through the same pipeline and
// checks as an upload, so readers never load a third party's copy. It takes its place in the
// same bounded queue as uploads (429/503 beyond it) before fetching, and joins the media
// library like an upload, named after the last part of its address.

import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { DomainError } from "../../../core/errors.js";
import { recordUpload } from "../../../core/operations/media-library.js";
import { ensure } from "../../../core/permissions.js";
import type { Newsroom } from "../../../core/ports.js";
import { parseInput } from "../../../core/validation.js";
import type { ImageUploads } from "../../../media/uploads.js";
import { FetchProblem, type GuardedFetcher } from "../../../outbound/guarded-fetch.js";
import { requireActor } from "../../auth.js";
import { MAX_UPLOAD_BYTES } from "./upload.js";

const ImportInput = z
  .object({ url: z.string().trim().min(1, "Give the image's address").max(2000) })
  .strict();

export function registerImportRoute(
  app: FastifyInstance,
  newsroom: Newsroom,
  uploads: ImageUploads,
  fetcher: GuardedFetcher,
): void {
  app.post("/api/media/import", async (request, reply) => {
    const actor = requireActor(request);
    ensure(actor, "post.publish");
    const { url } = parseInput(ImportInput, request.body);
    // A place in the upload queue before fetching: a burst of imports never holds more
    // fetched images in memory than the queue allows.
    const place = uploads.admit(actor.id);
    try {
      const fetched = await fetcher
        .fetch(url, { maxBytes: MAX_UPLOAD_BYTES, accept: "image/*" })
        .catch((error: unknown) => {
          throw asDomainError(error);
        });
      const image = await uploads.process(place, fetched.body);
      await recordUpload(newsroom, actor, image, lastPathPart(fetched.url));
      return reply
        .status(201)
        .header("Location", image.src)
        .send({ ...image, importedFrom: fetched.url });
    } finally {
      place.leave();
    }
  });
}

/** "harbour.jpg" for https://example.org/photos/harbour.jpg?w=800: what the file was called. */
function lastPathPart(address: string): string {
  try {
    const parts = new URL(address).pathname.split("/").filter(Boolean);
    return decodeURIComponent(parts.at(-1) ?? "");
  } catch {
    return "";
  }
}

function asDomainError(error: unknown): unknown {
  if (!(error instanceof FetchProblem)) return error;
  if (error.reason === "too_large") {
    return new DomainError("payload_too_large", error.message, { field: "url" });
  }
  return new DomainError(
    error.reason === "refused" ? "fetch_refused" : "fetch_failed",
    error.message,
    { field: "url" },
  );
}
