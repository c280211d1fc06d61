// OpenAPI paths of what Dispatch serves besides the JSON API: the reader pages and their
// assets, the newsroom app's shell, media files, and the operator's endpoints (health,
// metrics, this document). Spread into the document by ./openapi.ts, so every route Fastify
// registers is described (test/http/openapi-routes.test.ts holds the two together).

import { z } from "zod";
import { ReaderSearchQuery } from "../../../core/operations/reader-search.js";
import { DayPageQuery } from "../../../reader/finding-routes.js";
import { LivePageQuery } from "../../../reader/live-route.js";
import { embedPaths } from "./embed-paths.js";

type Json = Record<string, unknown>;

const json = (schema: Json) => ({ content: { "application/json": { schema } } });
const errorRef = { $ref: "#/components/schemas/Error" };
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), { description: "Error", ...json(errorRef) }]));
const html = (description: string) => ({ description, content: { "text/html": {} } });
const slug = { name: "slug", in: "path", required: true, schema: { type: "string" } };
const postId = { name: "id", in: "path", required: true, schema: { type: "string" } };
/** Fastify's `*`: the rest of the path, slashes included. */
const rest = (description: string) => ({
  name: "path",
  in: "path",
  required: true,
  description,
  schema: { type: "string" },
});
/** A page's query parameters, from the zod schema that validates them. */
const queryParameters = (schema: z.ZodObject): Json[] =>
  Object.entries(schema.shape).map(([name, field]) => {
    const { description, ...fieldSchema } = z.toJSONSchema(field as z.ZodType, {
      io: "input",
    }) as Json;
    return { name, in: "query", description, schema: fieldSchema };
  });
const page = (summary: string, parameters: Json[] = []) => ({
  get: {
    summary,
    parameters,
    responses: {
      "200": html("The page"),
      "304": { description: "Not modified (If-None-Match)" },
      "404": html("A friendly page: no such blog or post"),
    },
  },
});

const xmlDocument = (summary: string) => ({
  get: {
    summary,
    responses: {
      "200": { description: "The sitemap", content: { "application/xml": {} } },
      "304": { description: "Not modified (If-None-Match)" },
    },
  },
});

export function pagePaths(): Json {
  return {
    "/": {
      get: {
        summary: "The front door: redirects to the newest live blog's reader page",
        responses: {
          "302": { description: "To /live/{slug}" },
          "200": {
            description: "No blog yet: where the API is",
            ...json({ type: "object", properties: { name: {}, api: {}, openapi: {} } }),
          },
        },
      },
    },
    "/live": page("The reader's index of blogs"),
    "/live/{slug}": page(
      "The live blog, server-rendered (readable with JavaScript off), newest first",
      [slug, ...queryParameters(LivePageQuery)],
    ),
    "/live/{slug}/{day}": page(
      "One day's archive (the day in the blog's time zone, as YYYY-MM-DD): every update of that day, newest first; 404 for a day without updates",
      [
        slug,
        { name: "day", in: "path", required: true, schema: { type: "string", format: "date" } },
        ...queryParameters(DayPageQuery),
      ],
    ),
    "/live/{slug}/lite": page(
      "The live blog for slow connections: text only (images as their descriptions, with links), no script, no web font, one small inline style",
      [slug, { name: "before", in: "query", schema: { type: "string", maxLength: 200 } }],
    ),
    "/live/{slug}/posts/{id}": page("One post's permalink page", [slug, postId]),
    "/live/{slug}/posts/{id}/card.png": {
      get: {
        summary:
          "A published post's share card: a 1200×630 PNG with the blog's and the post's titles, named by the permalink page's og:image when the post has no image; its ETag changes with its words",
        parameters: [slug, postId],
        responses: {
          "200": { description: "PNG", content: { "image/png": {} } },
          "304": { description: "Not modified (If-None-Match)" },
          "404": {
            description: "Not a published post (deleted or taken down)",
            content: { "text/plain": {} },
          },
        },
      },
    },
    "/live/{slug}/search": page(
      "Search the blog's published posts (a GET form, usable without JavaScript): best match first, matches marked, each linking to its permalink",
      [slug, ...queryParameters(ReaderSearchQuery)],
    ),
    "/live/{slug}/amp": page(
      "The live blog's AMP version: the latest updates in an amp-live-list (under its own Content-Security-Policy, which allows AMP's scripts)",
      [slug],
    ),
    "/sitemap.xml": xmlDocument("A sitemap of every blog's reader page, each with its lastmod"),
    "/news-sitemap.xml": xmlDocument(
      "A Google News sitemap of the blogs changed in the last two days (publication name and language, publication date, title)",
    ),
    "/robots.txt": {
      get: {
        summary:
          "For crawlers: /live allowed, the newsroom's app and desk not; names both sitemaps",
        responses: { "200": { description: "robots.txt", content: { "text/plain": {} } } },
      },
    },
    ...embedPaths(),
    "/live/{slug}/posts/{id}/preview": {
      get: {
        summary:
          "A post as the reader page will show it, whatever its state (newsroom only; to anyone else the same 404 as a missing post)",
        security: [{ bearerAuth: [] }, { sessionCookie: [] }],
        parameters: [slug, postId],
        responses: { "200": html("The preview"), "404": html("Not there, or not yours to see") },
      },
    },
    "/assets/live.js": {
      get: {
        summary: "The reader pages' script: follows the event stream and applies its events",
        responses: { "200": { description: "JavaScript", content: { "text/javascript": {} } } },
      },
    },
    "/assets/blocks.js": {
      get: {
        summary:
          "The reader pages' second script: gallery buttons, embeds loaded when the reader asks, and the share buttons (copy link, the device's share sheet)",
        responses: { "200": { description: "JavaScript", content: { "text/javascript": {} } } },
      },
    },
    "/assets/alerts.js": {
      get: {
        summary:
          "The live page's alerts button: offers key-event alerts (Web Push) where the browser can take them",
        responses: { "200": { description: "JavaScript", content: { "text/javascript": {} } } },
      },
    },
    "/live/alerts-sw.js": {
      get: {
        summary:
          "The key-event alerts' service worker (scope /live/): shows each alert and opens its post on a click",
        responses: { "200": { description: "JavaScript", content: { "text/javascript": {} } } },
      },
    },
    "/assets/contribute.js": {
      get: {
        summary:
          "The readers' contribution form's script, on pages of a blog that takes contributions: solves the form's challenge and sends it",
        responses: { "200": { description: "JavaScript", content: { "text/javascript": {} } } },
      },
    },
    "/assets/comments.js": {
      get: {
        summary:
          "The script of live pages whose blog takes comments: draws readers' comments arriving live and takes removed ones away",
        responses: { "200": { description: "JavaScript", content: { "text/javascript": {} } } },
      },
    },
    "/assets/live.css": {
      get: {
        summary: "The reader pages' style sheet",
        responses: { "200": { description: "CSS", content: { "text/css": {} } } },
      },
    },
    "/media/{path}": {
      get: {
        summary: "An uploaded image (or one of the demo's), served as an image only",
        parameters: [rest("The media key, e.g. u/ID/960.webp")],
        responses: {
          "200": { description: "The image", content: { "image/*": {} } },
          "304": { description: "Not modified (If-None-Match)" },
          ...errors(404),
        },
      },
    },
    "/admin": {
      get: {
        summary: "The newsroom's browser app",
        responses: { "200": html("The app's shell") },
      },
    },
    "/admin/{path}": {
      get: {
        summary:
          "The newsroom app's own screens (the shell), its hashed assets and its service worker",
        parameters: [rest("A screen of the app, assets/FILE or sw.js")],
        responses: {
          "200": { description: "The shell, an asset or the service worker" },
          "404": { description: "No such asset", content: { "text/plain": {} } },
        },
      },
    },
    "/favicon.ico": {
      get: { summary: "The site's icon", responses: { "200": { description: "The icon" } } },
    },
    "/api/openapi.json": {
      get: {
        summary: "This document",
        responses: { "200": { description: "OpenAPI 3.1", ...json({ type: "object" }) } },
      },
    },
    "/api/health": {
      get: {
        summary:
          "For load balancers: 200 while this node reaches its database (`degraded` while the bus to other nodes is down), 503 otherwise",
        responses: {
          "200": {
            description: "Serving",
            ...json({
              type: "object",
              properties: {
                status: { enum: ["ok", "degraded"] },
                readers: { type: "integer" },
                bus: { enum: ["ok", "degraded"] },
              },
            }),
          },
          ...errors(503),
        },
      },
    },
    "/metrics": {
      get: {
        summary:
          "This node's metrics in the Prometheus text format; only with METRICS_TOKEN set (404 otherwise) and sent as the bearer token",
        security: [{ metricsToken: [] }],
        responses: {
          "200": { description: "The exposition", content: { "text/plain": {} } },
          ...errors(401, 404),
        },
      },
    },
  };
}
