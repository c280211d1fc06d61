// GET /oembed: the oEmbed provider. Given the address of a blog's reader page or of a post's
// permalink on this site, it answers a `rich` embed whose html is an iframe of the blog's embed
// page (with `?post=ID` for a permalink) and the host-side script that sizes it. Anyone may
// ask, from any origin: the answer says only what the public page says.

import type { FastifyInstance } from "fastify";
import { shownBylines } from "../../../core/byline.js";
import { DomainError } from "../../../core/errors.js";
import { getBlog, getPost } from "../../../core/operations/read.js";
import type { Newsroom } from "../../../core/ports.js";
import { invalidQuery, parseQuery } from "../../../core/validation.js";
import { postLabel } from "../../../reader/excerpt.js";
import { element, xmlDocument } from "../../../reader/feeds/xml.js";
import { html } from "../../../reader/html.js";
import { absoluteUrl, blogPath } from "../../../reader/urls.js";
import { requestOrigin } from "../../request-origin.js";
import { type OEmbedJson, OEmbedQuery } from "./schema.js";

export const PROVIDER_NAME = "Dispatch";
/** Sizes when the consumer sets no bound: a column's width, and room for a few updates. */
export const DEFAULT_WIDTH = 600;
export const DEFAULT_HEIGHT = { blog: 800, post: 400 } as const;

const BLOG_PAGE = /^\/live\/([a-z0-9-]{1,80})\/?$/;
const PERMALINK = /^\/live\/([a-z0-9-]{1,80})\/posts\/([0-9a-z]{1,64})\/?$/;

export function registerOEmbedRoute(
  app: FastifyInstance,
  newsroom: Newsroom,
  publicUrl?: string,
): void {
  const base = publicUrl?.replace(/\/+$/, "");
  app.get("/oembed", async (request, reply) => {
    // Set first, so a refusal can be read by a page on another origin too.
    reply.header("Access-Control-Allow-Origin", "*");
    const query = parseQuery(OEmbedQuery, request.query);
    const baseUrl = base ?? requestOrigin(request);
    const answer = await describe(newsroom, baseUrl, query);
    if (query.format === "xml") {
      return reply.type("text/xml; charset=utf-8").send(oembedXml(answer));
    }
    return reply.type("application/json; charset=utf-8").send(answer);
  });
}

async function describe(
  newsroom: Newsroom,
  baseUrl: string,
  query: OEmbedQuery,
): Promise<OEmbedJson> {
  let url: URL;
  try {
    url = new URL(query.url);
  } catch {
    throw invalidQuery("url", "url must be an absolute address such as https://…/live/SLUG");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw invalidQuery("url", "url must be an http(s) address");
  }
  const notOurs = () =>
    new DomainError("blog_not_found", "That address is not a live blog or post of this site");
  if (url.origin !== new URL(baseUrl).origin) throw notOurs();
  const blogMatch = BLOG_PAGE.exec(url.pathname);
  const postMatch = PERMALINK.exec(url.pathname);
  const slug = blogMatch?.[1] ?? postMatch?.[1];
  if (!slug) throw notOurs();
  const blog = await getBlog(newsroom, slug);
  const post = postMatch?.[2] ? await getPost(newsroom, blog, postMatch[2], true) : undefined;

  const width = Math.min(DEFAULT_WIDTH, query.maxwidth ?? DEFAULT_WIDTH);
  const height = Math.min(DEFAULT_HEIGHT[post ? "post" : "blog"], query.maxheight ?? Infinity);
  const embed = absoluteUrl(
    baseUrl,
    `${blogPath(blog.slug)}/embed${post ? `?post=${encodeURIComponent(post.id)}` : ""}`,
  );
  const title = post ? postLabel(post) || `Update: ${blog.title}` : blog.title;
  const frame = html`<iframe src="${embed}" width="${width}" height="${height}" title="${title}" style="border:0;max-width:100%" loading="lazy"></iframe><script async src="${absoluteUrl(baseUrl, "/embed.js")}"></script>`;
  const answer: OEmbedJson = {
    version: "1.0",
    type: "rich",
    provider_name: PROVIDER_NAME,
    provider_url: `${baseUrl}/`,
    title,
    html: frame.toString(),
    width,
    height,
  };
  if (post) {
    answer.author_name = shownBylines(post)
      .map((byline) => byline.name)
      .join(", ");
  }
  return answer;
}

/** The same answer in oEmbed's XML form. */
function oembedXml(answer: OEmbedJson): string {
  return xmlDocument(
    element(
      "oembed",
      {},
      Object.entries(answer).map(([key, value]) =>
        value === undefined ? undefined : element(key, {}, String(value)),
      ),
    ),
  );
}
