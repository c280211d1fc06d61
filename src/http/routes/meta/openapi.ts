// GET /api/openapi.json: the OpenAPI 3.1 document, generated from the same zod schemas that
// validate requests, so the document cannot drift from what the server accepts.

import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { BlogCreateInput, BlogPatchInput } from "../../../core/blog.js";
import { IDEMPOTENCY_RETENTION_DAYS } from "../../../core/operations/posts.js";
import { PostCreateInput, PostPatchInput } from "../../../core/post.js";
import { BlogJson, BlogListJson, ErrorJson, PostJson, PostPageJson } from "../../schemas.js";
import { alertPaths } from "../alerts/openapi.js";
import { auditPaths } from "../audit/openapi.js";
import { commentPaths } from "../comments/openapi.js";
import { contributionPaths } from "../contributions/openapi.js";
import { contributorPaths } from "../contributors/openapi.js";
import { correctionPaths } from "../corrections/openapi.js";
import { figurePaths } from "../figures/openapi.js";
import { followPaths } from "../follow/openapi.js";
import { numbersPaths } from "../numbers/openapi.js";
import { oembedPaths } from "../oembed/openapi.js";
import { pollPaths } from "../polls/openapi.js";
import { readerMessagesPaths } from "../reader-messages/openapi.js";
import { readerSearchPaths } from "../reader-search/openapi.js";
import { searchPaths } from "../search/openapi.js";
import { tagPaths } from "../tags/openapi.js";
import { transferPaths } from "../transfer/openapi.js";
import { accountPaths, sessionCookieScheme } from "../users/openapi.js";
import { webhookPaths } from "../webhooks/openapi.js";
import { deskPaths } from "./desk-paths.js";
import { feedPaths } from "./feed-paths.js";
import { pagePaths } from "./page-paths.js";

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json) => ({ content: { "application/json": { schema } } });
const errors = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [String(s), { description: "Error", ...json(ref("Error")) }]),
  );
const slug = { name: "slug", in: "path", required: true, schema: { type: "string" } };
const postId = { name: "id", in: "path", required: true, schema: { type: "string" } };
const bearer = [{ bearerAuth: [] }];

export function buildOpenApiDocument(): Json {
  const schema = (s: z.ZodType) =>
    z.toJSONSchema(s, { io: "input", unrepresentable: "any" }) as Json;
  return {
    openapi: "3.1.0",
    info: {
      title: "Dispatch API",
      version: "1",
      description: "Live coverage for newsrooms. Reading is public; writing needs a bearer token.",
    },
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer" },
        ...sessionCookieScheme,
        // The operator's scraper token (METRICS_TOKEN), not a newsroom user's.
        metricsToken: { type: "http", scheme: "bearer" },
      },
      schemas: {
        Blog: schema(BlogJson),
        BlogList: schema(BlogListJson),
        BlogCreate: schema(BlogCreateInput),
        BlogPatch: schema(BlogPatchInput),
        Post: schema(PostJson),
        PostPage: schema(PostPageJson),
        PostCreate: schema(PostCreateInput),
        PostPatch: schema(PostPatchInput),
        Error: schema(ErrorJson),
      },
    },
    paths: {
      ...accountPaths,
      ...contributorPaths(),
      ...deskPaths(),
      ...correctionPaths(),
      ...searchPaths(),
      ...readerSearchPaths(),
      ...readerMessagesPaths(),
      ...tagPaths(),
      ...auditPaths(),
      ...webhookPaths(),
      ...followPaths(),
      ...figurePaths(),
      ...pollPaths(),
      ...alertPaths(),
      ...contributionPaths(),
      ...numbersPaths(),
      ...commentPaths(),
      ...pagePaths(),
      ...feedPaths(),
      ...oembedPaths(),
      ...transferPaths(),
      "/api/blogs": {
        get: {
          summary: "List blogs",
          responses: { "200": { description: "Blogs", ...json(ref("BlogList")) } },
        },
        post: {
          summary: "Create a blog",
          security: bearer,
          requestBody: { required: true, ...json(ref("BlogCreate")) },
          responses: {
            "201": { description: "Created", ...json(ref("Blog")) },
            ...errors(400, 401, 403, 409, 413, 415, 422),
          },
        },
      },
      "/api/blogs/{slug}": {
        get: {
          summary: "A blog",
          parameters: [slug],
          responses: { "200": { description: "The blog", ...json(ref("Blog")) }, ...errors(404) },
        },
        patch: {
          summary: "Change a blog; status closed closes it, live reopens it",
          security: bearer,
          parameters: [slug],
          requestBody: { required: true, ...json(ref("BlogPatch")) },
          responses: {
            "200": { description: "The blog", ...json(ref("Blog")) },
            ...errors(400, 401, 403, 404, 422),
          },
        },
      },
      "/api/blogs/{slug}/posts": {
        get: {
          summary: "Posts, newest first (published only for the public)",
          parameters: [
            slug,
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 200 } },
            { name: "before", in: "query", schema: { type: "string" } },
            { name: "status", in: "query", schema: { enum: ["published", "draft", "scheduled"] } },
            {
              name: "keyEvent",
              in: "query",
              description: "Key events only",
              schema: { enum: ["true", "1"] },
            },
          ],
          responses: {
            "200": { description: "A page of posts", ...json(ref("PostPage")) },
            ...errors(401, 404, 422),
          },
        },
        post: {
          summary: "Publish, draft or schedule a post",
          security: bearer,
          parameters: [
            slug,
            {
              name: "Idempotency-Key",
              in: "header",
              description: `Makes a retry return the first result instead of a second post; a key is remembered for ${IDEMPOTENCY_RETENTION_DAYS} days`,
              schema: { type: "string", maxLength: 200 },
            },
          ],
          requestBody: { required: true, ...json(ref("PostCreate")) },
          responses: {
            "201": { description: "Created", ...json(ref("Post")) },
            ...errors(400, 401, 403, 404, 409, 413, 415, 422),
          },
        },
      },
      "/api/blogs/{slug}/posts/{id}": {
        get: {
          summary: "A post",
          parameters: [slug, postId],
          responses: { "200": { description: "The post", ...json(ref("Post")) }, ...errors(404) },
        },
        patch: {
          summary: "Edit a post; send the version you edited (or If-Match)",
          security: bearer,
          parameters: [
            slug,
            postId,
            { name: "If-Match", in: "header", schema: { type: "string" } },
          ],
          requestBody: { required: true, ...json(ref("PostPatch")) },
          responses: {
            "200": { description: "The post", ...json(ref("Post")) },
            "409": {
              description: "version_conflict: the body also holds the current post",
              ...json({
                allOf: [ref("Error"), { type: "object", properties: { post: ref("Post") } }],
              }),
            },
            ...errors(400, 401, 403, 404, 422),
          },
        },
        delete: {
          summary: "Delete a post",
          security: bearer,
          parameters: [slug, postId],
          responses: { "204": { description: "Deleted" }, ...errors(401, 403, 404) },
        },
      },
      "/api/blogs/{slug}/events": {
        get: {
          summary:
            "Live changes as Server-Sent Events (post, delete, blog; comment: an approved reader's comment, or `{id, removed: true}`); resume with Last-Event-ID. A replay carries each post once, as it stands now or as a delete; a reader more than 500 changes behind gets `reset` ({reason, last}) instead and should read the blog afresh",
          parameters: [
            slug,
            { name: "Last-Event-ID", in: "header", schema: { type: "string" } },
            {
              name: "Accept",
              in: "header",
              required: true,
              schema: { type: "string", example: "text/event-stream" },
            },
            { name: "lastEventId", in: "query", schema: { type: "integer", minimum: 0 } },
          ],
          responses: {
            "200": { description: "text/event-stream", content: { "text/event-stream": {} } },
            // Only a request whose Accept names text/event-stream gets a stream; a bearer token,
            // though none is needed, must be valid (401), as on every other route.
            ...errors(401, 404, 406),
          },
        },
      },
    },
  };
}

export function registerOpenApiRoute(app: FastifyInstance): void {
  const document = JSON.stringify(buildOpenApiDocument());
  app.get("/api/openapi.json", async (_request, reply) =>
    reply
      .type("application/json; charset=utf-8")
      .header("Cache-Control", "public, max-age=300")
      .send(document),
  );
}
