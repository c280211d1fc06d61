// POST /api/media/import: an image pasted from another web page, copied into Dispatch instead
// of being shown from the other site. The server fetches it through the guarded fetcher (public
// addresses only, bounded in time and size) and sends the bytes through the same pipeline and
// checks as an upload, so readers never load a third party's copy. It takes its place in the
// same bounded queue as uploads (429/503 beyond it) before fetching.

import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { DomainError } from "../../../core/errors.js";
import { ensure } from "../../../core/permissions.js";
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
      return reply
        .status(201)
        .header("Location", image.src)
        .send({ ...image, importedFrom: fetched.url });
    } finally {
      place.leave();
    }
  });
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
