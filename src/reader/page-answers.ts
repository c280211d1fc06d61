// How the reader answers with a page it made: the reader pages' policy and cache lifetime,
// a page sent as it is or compressed for the one request it was made for, and the friendly
// HTML pages a missing blog or post, or a broken link, becomes (never the API's JSON).

import type { FastifyReply } from "fastify";
import { Slug } from "../core/blog.js";
import { EMBED_FRAME_ORIGINS } from "../core/content/embeds.js";
import { DomainError } from "../core/errors.js";
import { encodeOnce, preferredEncoding } from "./encoding.js";
import { renderBrokenLinkPage, renderErrorPage, renderMissingUpdatePage } from "./notice-pages.js";
import type { PageContext } from "./page.js";

// Exactly the embed providers' player origins (core/content/embeds.ts), loaded on a click.
const FRAME_SOURCES = EMBED_FRAME_ORIGINS;

export const READER_CSP = [
  "default-src 'self'",
  "img-src 'self' https: data:",
  `frame-src ${FRAME_SOURCES.join(" ")}`,
  "script-src 'self'",
  // The key-event alerts' service worker (/live/alerts-sw.js), and nothing else.
  "worker-src 'self'",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join("; ");

export const PAGE_CACHE = "public, max-age=5, stale-while-revalidate=30";

export const PLAIN_VARY = "Accept-Encoding";
export const ORIGIN_VARY = "Accept-Encoding, X-Forwarded-Host, X-Forwarded-Proto";

export function sendPage(reply: FastifyReply, status: number, page: string | Buffer): FastifyReply {
  return reply
    .status(status)
    .header("Content-Type", "text/html; charset=utf-8")
    .header("Content-Security-Policy", READER_CSP)
    .header("Cache-Control", status === 200 ? PAGE_CACHE : "no-store")
    .send(page);
}

/**
 * A page made for one request alone (the blog index, a search) is compressed in the coding
 * that request takes, as cached pages are in every coding once.
 */
export async function sendFreshPage(
  reply: FastifyReply,
  page: string,
  vary: string,
): Promise<FastifyReply> {
  const coding = preferredEncoding(reply.request.headers["accept-encoding"]);
  const { bytes, headers } = await encodeOnce(Buffer.from(page), coding);
  return sendPage(reply.header("Vary", vary).headers(headers), 200, bytes);
}

/** A slug that cannot exist is answered like one that does not, without asking the store. */
export function checkedSlug(slug: string): string {
  if (!Slug.safeParse(slug).success) {
    throw new DomainError("blog_not_found", `No blog with the slug "${slug}"`);
  }
  return slug;
}

/** Where a friendly error page finds the language of the blog it is about (English if none). */
export type LanguageOf = (slug: string) => Promise<string>;

/** Runs `render`; a missing blog or post, or a broken link, becomes a friendly HTML page (null). */
export async function withFriendlyErrors<T>(
  reply: FastifyReply,
  context: PageContext,
  slug: string,
  languageOf: LanguageOf,
  render: () => Promise<T>,
): Promise<T | null> {
  try {
    return await render();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    switch (error.code) {
      case "blog_not_found":
        sendPage(
          reply,
          404,
          renderErrorPage(context, {
            title: "We can’t find that live blog",
            message: "The link may be mistyped, or the coverage may have been taken down.",
            link: { href: "/live", label: "See all live coverage" },
          }),
        );
        return null;
      case "post_not_found":
        sendPage(reply, 404, renderMissingUpdatePage(context, slug, await languageOf(slug)));
        return null;
      case "validation_failed":
        sendPage(reply, 400, renderBrokenLinkPage(context, slug, await languageOf(slug)));
        return null;
      default:
        throw error;
    }
  }
}
