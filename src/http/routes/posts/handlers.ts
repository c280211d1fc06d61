// /api/blogs/:slug/posts: the public reads published posts; the newsroom publishes, edits
// and deletes them, and reads drafts and scheduled posts.

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { validationError } from "../../../core/errors.js";
import { approvePost, returnPost } from "../../../core/operations/approval.js";
import { deletePost, editPost, publishPost } from "../../../core/operations/posts.js";
import { getBlog, getPost, listPosts } from "../../../core/operations/read.js";
import { can, ensure } from "../../../core/permissions.js";
import type { Newsroom } from "../../../core/ports.js";
import { tagSlug } from "../../../core/tags.js";
import { parseInput } from "../../../core/validation.js";
import type { NewsroomMetrics } from "../../../metrics/newsroom-metrics.js";
import { requireActor } from "../../auth.js";
import { cacheTagHeaders } from "../../headers.js";
import { presentPost } from "../../presenters/posts.js";
import { PostListQuery, PostParams, SlugParams } from "../../schemas.js";

export function registerPostRoutes(
  app: FastifyInstance,
  newsroom: Newsroom,
  metrics?: NewsroomMetrics,
): void {
  app.get("/api/blogs/:slug/posts", async (request, reply) => {
    const { slug } = parseInput(SlugParams, request.params);
    const query = parseInput(PostListQuery, request.query);
    if (query.status && query.status !== "published")
      ensure(requireActor(request), "post.readDrafts", "status");
    const blog = await getBlog(newsroom, slug);
    // The public list changes only with the blog's change log, so its sequence is its version,
    // read before the list: a list newer than its tag is re-sent, never one older.
    const seq = request.actor ? 0 : await newsroom.store.lastSeq(blog.id);
    const { keyEvent, tag, ...rest } = query;
    const page = await listPosts(newsroom, blog, {
      ...rest,
      ...(keyEvent ? { keyEvent: true } : {}),
      ...(tag === undefined ? {} : { tag }),
      ...(request.actor ? { reader: request.actor } : {}),
    });
    if (!request.actor) {
      const etag = `W/"${blog.id}-${seq}-${query.limit ?? ""}-${query.before ?? ""}${keyEvent ? "-key" : ""}${tag === undefined ? "" : `-tag-${encodeURIComponent(tagSlug(tag))}`}"`;
      if (cacheable(request, reply, blog.id, etag)) return reply.status(304).send();
    } else reply.header("Cache-Control", "private, no-cache");
    return page.next
      ? { posts: page.posts.map(presentPost), next: page.next }
      : { posts: page.posts.map(presentPost) };
  });

  app.get("/api/blogs/:slug/posts/:id", async (request, reply) => {
    const { slug, id } = parseInput(PostParams, request.params);
    const blog = await getBlog(newsroom, slug);
    const publicOnly = !(request.actor && can(request.actor, "post.readDrafts"));
    const post = await getPost(newsroom, blog, id, publicOnly, request.actor ?? undefined);
    if (publicOnly) {
      reply.header("Last-Modified", new Date(post.updatedAt).toUTCString());
      if (cacheable(request, reply, blog.id, `"${post.version}"`)) return reply.status(304).send();
    } else reply.header("Cache-Control", "private, no-cache").header("ETag", `"${post.version}"`);
    return presentPost(post);
  });

  app.post("/api/blogs/:slug/posts", async (request, reply) => {
    const { slug } = parseInput(SlugParams, request.params);
    const idempotencyKey = singleHeader(request, "idempotency-key");
    const { post, replayed } = await publishPost(
      newsroom,
      requireActor(request),
      slug,
      request.body,
      {
        ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
      },
    );
    if (replayed) reply.header("Idempotent-Replayed", "true");
    else metrics?.published(post.status);
    return reply
      .status(201)
      .header("Location", `/api/blogs/${slug}/posts/${post.id}`)
      .header("ETag", `"${post.version}"`)
      .send(presentPost(post));
  });

  app.patch("/api/blogs/:slug/posts/:id", async (request, reply) => {
    const { slug, id } = parseInput(PostParams, request.params);
    const post = await editPost(
      newsroom,
      requireActor(request),
      slug,
      id,
      request.body,
      ifMatchVersion(request),
    );
    return reply.header("ETag", `"${post.version}"`).send(presentPost(post));
  });

  app.post("/api/blogs/:slug/posts/:id/approve", async (request) => {
    const { slug, id } = parseInput(PostParams, request.params);
    return presentPost(await approvePost(newsroom, requireActor(request), slug, id, request.body));
  });

  app.post("/api/blogs/:slug/posts/:id/return", async (request) => {
    const { slug, id } = parseInput(PostParams, request.params);
    return presentPost(await returnPost(newsroom, requireActor(request), slug, id, request.body));
  });

  app.delete("/api/blogs/:slug/posts/:id", async (request, reply) => {
    const { slug, id } = parseInput(PostParams, request.params);
    await deletePost(newsroom, requireActor(request), slug, id);
    return reply.status(204).send();
  });
}

/**
 * Public answers are the same for every reader, so a CDN may keep them a few seconds; the purge
 * hook drops them sooner when they change. True when the client already has this version.
 */
function cacheable(
  request: FastifyRequest,
  reply: FastifyReply,
  blogId: string,
  etag: string,
): boolean {
  reply
    .header("ETag", etag)
    .header("Cache-Control", "public, max-age=5, stale-while-revalidate=30")
    .headers(cacheTagHeaders(blogId));
  const ifNoneMatch = singleHeader(request, "if-none-match");
  return ifNoneMatch?.split(",").some((tag) => tag.trim() === etag) ?? false;
}

function singleHeader(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `If-Match: 3` or `If-Match: "3"` (the ETag we send) carries the version being edited. */
function ifMatchVersion(request: FastifyRequest): number | undefined {
  const header = singleHeader(request, "if-match");
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match?.[1])
    throw validationError("If-Match", 'If-Match must be the post\'s version, e.g. If-Match: "3"');
  return Number(match[1]);
}
