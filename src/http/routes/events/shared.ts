// Streams shared by a browser's tabs: several blogs on one connection (realtime/shared-stream.ts
// says how events are told apart). Readers' tabs share `GET /api/events?blogs=a:12,b:40`
// (public events only, answered before Fastify like every reader stream); desk tabs share
// `GET /api/desk/events?blogs=…` (public and desk events with presence, newsroom only).

import type { Actor } from "../../../core/user.js";
import type { CredentialCheck, DeskHub } from "../../../realtime/desk-hub.js";
import type { LiveHub } from "../../../realtime/hub.js";
import {
  BAD_BLOGS_MESSAGE,
  openedEvent,
  tapsOf,
  type WantedBlog,
} from "../../../realtime/shared-stream.js";
import { formatRetry, type PendingStream } from "../../../realtime/sse.js";
import { errorBody, toHttpError } from "../../errors.js";

export const BAD_BLOGS = errorBody("invalid_blogs", BAD_BLOGS_MESSAGE, "blogs");

export interface SharedStreamRequest {
  wanted: WantedBlog[];
  reader: PendingStream;
  /** Answers with an error instead of a stream, if nothing was sent yet. */
  fail(status: number, body: unknown): void;
  /** For the desk: who is reading, and how to re-check their credentials now and then. */
  desk?: { hub: DeskHub; actor: Actor; check: CredentialCheck | undefined };
}

const RETRY = Buffer.from(formatRetry(3000));

/**
 * Opens one stream for every wanted blog: each joins the hub (and the desk) through its tap,
 * resuming after the id the client named, and is announced with `open` once live. A blog
 * that does not exist fails the whole request before anything is sent.
 */
export async function streamShared(
  blogIdFor: (slug: string) => Promise<string>,
  hub: LiveHub,
  request: SharedStreamRequest,
): Promise<void> {
  let ids: string[];
  try {
    ids = await Promise.all(request.wanted.map(({ slug }) => blogIdFor(slug)));
  } catch (error) {
    const mapped = toHttpError(error);
    if (mapped) request.fail(mapped.status, mapped.body);
    else
      request.fail(500, errorBody("internal_error", "Something went wrong on our side; try again"));
    return;
  }
  if (request.reader.destroyed) return;
  const connection = request.reader.open(RETRY);
  const taps = tapsOf(
    connection,
    request.wanted.map((blog) => blog.slug),
  );
  hub.stats.sharedStreams++;
  connection.once("close", () => hub.stats.sharedStreams--);
  await Promise.all(
    taps.map(async (tap, i) => {
      const blogId = ids[i] ?? "";
      const desk = request.desk;
      if (desk) desk.hub.join(blogId, desk.actor, tap, desk.check);
      await hub.attach(blogId, tap, request.wanted[i]?.after ?? null);
      if (!tap.destroyed) connection.write(openedEvent(tap.slug));
    }),
  );
}
