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
  unknownEvent,
  type WantedBlog,
} from "../../../realtime/shared-stream.js";
import { formatRetry, type PendingStream } from "../../../realtime/sse.js";
import { errorBody, toHttpError } from "../../errors.js";

export const BAD_BLOGS = errorBody("invalid_blogs", BAD_BLOGS_MESSAGE, "blogs");

export interface SharedStreamRequest {
  wanted: WantedBlog[];
  reader: PendingStream;
  /** Answers with an error instead of a stream, if nothing was sent yet. */
  /** `retryAfter` (seconds) when the refusal is passing, as when the database is away. */
  fail(status: number, body: unknown, retryAfter?: number): void;
  /** For the desk: who is reading, and how to re-check their credentials now and then. */
  desk?: { hub: DeskHub; actor: Actor; check: CredentialCheck | undefined };
}

const RETRY = Buffer.from(formatRetry(3000));

/**
 * Opens one stream for every wanted blog: each joins the hub (and the desk) through its tap,
 * resuming after the id the client named, and is announced with `attached` once live. A blog
 * that does not exist fails the whole request before anything is sent.
 */
export async function streamShared(
  blogIdFor: (slug: string) => Promise<string>,
  hub: LiveHub,
  request: SharedStreamRequest,
): Promise<void> {
  // A blog that does not exist is told as `unknown` and left out, so one tab open on a
  // mistyped address cannot take the stream away from the others; if none exists, 404.
  const found = await Promise.all(
    request.wanted.map(({ slug }) =>
      blogIdFor(slug).then(
        (id) => ({ id }),
        (error: unknown) => ({ error }),
      ),
    ),
  );
  for (const lookup of found) {
    if (!("error" in lookup)) continue;
    const mapped = toHttpError(lookup.error);
    if (mapped?.status === 404 && found.some((other) => "id" in other)) continue;
    request.fail(
      mapped?.status ?? 500,
      mapped?.body ?? errorBody("internal_error", "Something went wrong on our side; try again"),
      mapped?.retryAfter,
    );
    return;
  }
  if (request.reader.destroyed) return;
  const connection = request.reader.open(RETRY);
  const known = request.wanted.flatMap((blog, i) => {
    const lookup = found[i];
    return lookup && "id" in lookup ? [{ ...blog, blogId: lookup.id }] : [];
  });
  for (const blog of request.wanted)
    if (!known.some((k) => k.slug === blog.slug)) connection.write(unknownEvent(blog.slug));
  const taps = tapsOf(
    connection,
    known.map((blog) => blog.slug),
  );
  hub.stats.sharedStreams++;
  connection.once("close", () => hub.stats.sharedStreams--);
  await Promise.all(
    taps.map(async (tap, i) => {
      const blog = known[i];
      if (!blog) return;
      const desk = request.desk;
      if (desk) desk.hub.join(blog.blogId, desk.actor, tap, desk.check);
      await hub.attach(blog.blogId, tap, blog.after);
      if (!tap.destroyed) connection.write(openedEvent(tap.slug));
    }),
  );
}
