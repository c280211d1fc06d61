// GET /api/blogs/:slug/reader-messages: the interface words the script embed writes with, in
// the blog's language, public and readable from any origin like the rest of a blog's public
// state. The same forms live.js reads from its page (reader/i18n/browser.ts). They change
// with the blog's language or a deploy, so the answer is versioned by both. The script embed
// asks once as it starts, so each request counts as an embed load for the desk's numbers.

import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { hostPageOf } from "../../../core/numbers.js";
import { getBlog } from "../../../core/operations/read.js";
import type { Newsroom } from "../../../core/ports.js";
import { parseInput } from "../../../core/validation.js";
import { browserMessages } from "../../../reader/i18n/browser.js";
import { readerLanguage } from "../../../reader/i18n/messages.js";
import { cacheTagHeaders } from "../../headers.js";
import { SlugParams } from "../../schemas.js";
import type { NumbersTally } from "../numbers/handlers.js";

export function registerReaderMessagesRoutes(
  app: FastifyInstance,
  newsroom: Newsroom,
  numbers: Pick<NumbersTally, "countEmbed">,
): void {
  app.get("/api/blogs/:slug/reader-messages", async (request, reply) => {
    const { slug } = parseInput(SlugParams, request.params);
    const blog = await getBlog(newsroom, slug);
    const body = {
      language: blog.language,
      catalogue: readerLanguage(blog.language),
      messages: browserMessages(blog.language),
    };
    const hash = createHash("sha256").update(JSON.stringify(body)).digest("base64url");
    const etag = `W/"${hash.slice(0, 16)}"`;
    reply
      .header("Cache-Control", "public, max-age=60, stale-while-revalidate=300")
      .header("ETag", etag)
      .headers(cacheTagHeaders(blog.id));
    // The script embed asks for these words once as it starts on its host page: one embed
    // load, counted by the host page's name (a 304 too: the embed still loaded).
    if (request.method === "GET") {
      numbers.countEmbed(blog.id, hostPageOf(request.headers.origin ?? request.headers.referer));
    }
    if (request.headers["if-none-match"] === etag) return reply.status(304).send();
    return body;
  });
}
