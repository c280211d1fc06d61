// Readers' comments under a blog: sending one and reporting one (anonymous: no account, no
// cookie; the address is kept only as a keyed hash, see core/operations/comment-addresses.ts),
// the approved threads as JSON, and the newsroom's moderation queue, approval and rejection.
// A form sent without a script (application/x-www-form-urlencoded) is answered with a 303 back
// to the live page, at a fragment the page's styles turn into a notice (reader/comments-view.ts).

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { DomainError } from "../../../core/errors.js";
import { CommentAddresses } from "../../../core/operations/comment-addresses.js";
import {
  listCommentQueue,
  listComments,
  moderateComment,
  reportComment,
  sendComment,
} from "../../../core/operations/comments.js";
import { getBlog } from "../../../core/operations/read.js";
import type { Newsroom } from "../../../core/ports.js";
import { parseInput } from "../../../core/validation.js";
import { requireActor } from "../../auth.js";
import { presentDeskComment } from "../../presenters/comments.js";
import { SlugParams } from "../../schemas.js";

const CommentId = z.string().regex(/^[0-9a-z]{17}$/, "Unknown comment");
const CommentParams = z.object({ slug: SlugParams.shape.slug, commentId: CommentId });
const ReportParams = z.object({ commentId: CommentId });
const PageQuery = z
  .object({
    after: CommentId.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();
const QueueQuery = z.object({ state: z.enum(["pending", "reported"]).default("pending") }).strict();

export function registerCommentRoutes(app: FastifyInstance, newsroom: Newsroom): void {
  const addresses = new CommentAddresses(newsroom);

  app.register(async (scope) => {
    scope.addContentTypeParser(
      "application/x-www-form-urlencoded",
      { parseAs: "string", bodyLimit: 16 * 1024 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );

    scope.post("/api/blogs/:slug/comments", async (request, reply) => {
      const { slug } = parseInput(SlugParams, request.params);
      const comment = await sendComment(newsroom, slug, {
        body: request.body ?? {},
        addressKey: () => addresses.keyOf(request.ip),
      });
      if (fromForm(request)) {
        const at = comment.status === "approved" ? `comment-${comment.id}` : "comment-held";
        return backToPage(reply, slug, at);
      }
      return reply.status(201).send({
        id: comment.id,
        parentId: comment.parentId,
        status: comment.status === "approved" ? "published" : "held",
      });
    });

    scope.post("/api/comments/:commentId/reports", async (request, reply) => {
      const { commentId } = parseInput(ReportParams, request.params);
      const form = fromForm(request);
      try {
        const outcome = await reportComment(newsroom, commentId, () => addresses.keyOf(request.ip));
        if (form) return await backToComment(reply, newsroom, commentId);
        return reply.status(201).send({ reported: true, hidden: outcome.hidden });
      } catch (error) {
        // Without a script, a second report is thanked like the first.
        if (form && error instanceof DomainError && error.code === "already_reported")
          return backToComment(reply, newsroom, commentId);
        throw error;
      }
    });
  });

  app.get("/api/blogs/:slug/comments", async (request) => {
    const { slug } = parseInput(SlugParams, request.params);
    const page = parseInput(PageQuery, request.query);
    const blog = await getBlog(newsroom, slug);
    return listComments(newsroom, blog, {
      limit: page.limit,
      ...(page.after ? { after: page.after } : {}),
    });
  });

  app.get("/api/blogs/:slug/comments/queue", async (request) => {
    const { slug } = parseInput(SlugParams, request.params);
    const { state } = parseInput(QueueQuery, request.query);
    const comments = await listCommentQueue(newsroom, requireActor(request), slug, state);
    return { comments: comments.map(presentDeskComment) };
  });

  for (const decision of ["approve", "reject"] as const) {
    app.post(`/api/blogs/:slug/comments/:commentId/${decision}`, async (request) => {
      const { slug, commentId } = parseInput(CommentParams, request.params);
      const actor = requireActor(request);
      const comment = await moderateComment(newsroom, actor, slug, commentId, decision);
      return presentDeskComment(comment);
    });
  }
}

function fromForm(request: FastifyRequest): boolean {
  return request.headers["content-type"]?.startsWith("application/x-www-form-urlencoded") === true;
}

function backToPage(reply: FastifyReply, slug: string, fragment: string): FastifyReply {
  return reply.status(303).header("Location", `/live/${slug}#${fragment}`).send();
}

async function backToComment(
  reply: FastifyReply,
  newsroom: Newsroom,
  commentId: string,
): Promise<FastifyReply> {
  const comment = await newsroom.store.findComment(commentId);
  const blog = comment && (await newsroom.store.findBlogById(comment.blogId));
  if (!blog) return reply.status(303).header("Location", "/live").send();
  return backToPage(reply, blog.slug, "comment-reported");
}
