// Images that point back at this site. Core validation tells a /media/ path from any other
// local path, but cannot know which https origin is this site's own; here, at the edge, that
// is PUBLIC_URL's origin and the host the request came in on. An image (post and intro blocks,
// the blog's hero) at `https://<our host>/api/blogs/x/events` would make every reader's
// browser ask one of our own endpoints for it, so such a source is refused unless its path is
// a real /media/ file. Embeds and inline links need no check: a recognised embed frames its
// provider's fixed host, and anything else is a link a reader must click.

import type { FastifyInstance } from "fastify";
import { isMediaPath } from "../core/content/blocks.js";
import { validationError } from "../core/errors.js";

const WRITES = new Set(["POST", "PUT", "PATCH"]);

export function installOwnOriginImageCheck(app: FastifyInstance, publicUrl?: string): void {
  const publicHost = publicUrl ? hostOf(publicUrl) : undefined;
  app.addHook("preHandler", async (request) => {
    if (!WRITES.has(request.method) || !request.url.startsWith("/api/")) return;
    const body = request.body;
    if (typeof body !== "object" || body === null) return;
    const ownHosts = new Set([publicHost, hostOf(`https://${request.host}`)]);
    const field = ownOriginImage(body as Record<string, unknown>, (host) => ownHosts.has(host));
    if (field) {
      throw validationError(
        field,
        "An image on this site's own address must be an uploaded /media/ file",
      );
    }
  });
}

/** The field of the first image source on one of our own hosts outside /media/, if any. */
export function ownOriginImage(
  body: Record<string, unknown>,
  isOwnHost: (host: string) => boolean,
): string | undefined {
  const offending = (src: unknown): boolean => {
    if (typeof src !== "string" || !src.startsWith("https://")) return false;
    let url: URL;
    try {
      url = new URL(src);
    } catch {
      return false; // not a URL at all: core validation refuses it with its own message
    }
    // By host and port, as a browser tells origins apart (https' 443 is left out by URL).
    if (!isOwnHost(url.host.toLowerCase())) return false;
    return !(isMediaPath(url.pathname) && !url.search && !url.hash);
  };
  for (const key of ["blocks", "intro"]) {
    const blocks = body[key];
    if (!Array.isArray(blocks)) continue;
    for (const [i, block] of blocks.entries()) {
      const image = block as { type?: unknown; src?: unknown; images?: unknown } | null;
      if (image?.type === "image" && offending(image.src)) return `${key}[${i}].src`;
      if (image?.type === "gallery" && Array.isArray(image.images)) {
        for (const [j, item] of image.images.entries()) {
          const src = (item as { src?: unknown } | null)?.src;
          if (offending(src)) return `${key}[${i}].images[${j}].src`;
        }
      }
    }
  }
  const hero = body.hero as { src?: unknown } | null | undefined;
  if (hero && offending(hero.src)) return "hero.src";
  return undefined;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
}
