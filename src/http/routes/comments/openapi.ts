// The OpenAPI paths of readers' comments and their moderation, spread into the document by
// ../meta/openapi.ts.

import { REPORTS_TO_HIDE } from "../../../core/comments.js";

type Json = Record<string, unknown>;

const errorRef = { $ref: "#/components/schemas/Error" };
const errors = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      String(s),
      { description: "Error", content: { "application/json": { schema: errorRef } } },
    ]),
  );
const json = (schema: Json) => ({ content: { "application/json": { schema } } });
const slug = { name: "slug", in: "path", required: true, schema: { type: "string" } };
const commentId = { name: "commentId", in: "path", required: true, schema: { type: "string" } };
const newsroom = [{ bearerAuth: [] }, { sessionCookie: [] }];

const PublicComment = {
  type: "object",
  properties: {
    id: { type: "string" },
    parentId: { type: ["string", "null"], description: "The comment this one answers" },
    name: { type: "string" },
    text: { type: "string" },
    createdAt: { type: "string", format: "date-time" },
  },
  required: ["id", "parentId", "name", "text", "createdAt"],
};

const Thread = {
  ...PublicComment,
  properties: { ...PublicComment.properties, replies: { type: "array", items: PublicComment } },
  required: [...PublicComment.required, "replies"],
};

const DeskComment = {
  type: "object",
  properties: {
    ...PublicComment.properties,
    status: { enum: ["pending", "approved", "rejected"] },
    heldFor: {
      enum: ["moderation", "words", "reports", null],
      description: "Why it waits: the blog's pre-moderation, a blocked word, or readers' reports",
    },
    reports: { type: "integer" },
    moderatedAt: { type: ["string", "null"], format: "date-time" },
  },
  required: ["id", "parentId", "name", "text", "createdAt", "status", "heldFor", "reports"],
};

const commentBody = {
  type: "object",
  properties: {
    name: { type: "string", minLength: 1, maxLength: 80 },
    text: { type: "string", minLength: 1, maxLength: 2000 },
    parentId: { type: "string", description: "Reply to this approved top-level comment" },
    website: { type: "string", description: "Leave empty: a field only robots fill in" },
  },
  required: ["name", "text"],
};

export function commentPaths(): Json {
  const moderation = (decision: "approve" | "reject") => ({
    parameters: [slug, commentId],
    post: {
      summary:
        decision === "approve"
          ? "Approve a waiting or reported comment: it goes out live (editors)"
          : "Reject a comment: its name and words are forgotten, and it leaves every public surface (editors)",
      security: newsroom,
      responses: {
        "200": { description: "The comment", ...json(DeskComment) },
        ...errors(401, 403, 404, 422),
      },
    },
  });
  return {
    "/api/blogs/{slug}/comments": {
      parameters: [slug],
      get: {
        summary: "Approved comments, threaded, oldest thread first (public)",
        parameters: [
          { name: "after", in: "query", schema: { type: "string" } },
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100 } },
        ],
        responses: {
          "200": {
            description: "A page of threads; `next` reads the following page with `after`",
            ...json({
              type: "object",
              properties: {
                comments: { type: "array", items: Thread },
                next: { type: "string" },
              },
              required: ["comments"],
            }),
          },
          ...errors(404, 422),
        },
      },
      post: {
        summary: "Comment on a blog (readers, anonymous)",
        description:
          "No account or cookie. 403 `comments_off` when the blog takes no comments, 403 `comments_closed` when an editor closed them; each address may send the blog's `commentsPerHour` (429 with Retry-After). Under pre-moderation, or when the comment holds one of the blog's blocked words, it waits for an editor (`status: held`); otherwise it is out at once and goes out live as a `comment` event. A form sent without a script is answered with a 303 to the live page.",
        requestBody: {
          required: true,
          content: {
            "application/json": { schema: commentBody },
            "application/x-www-form-urlencoded": { schema: commentBody },
          },
        },
        responses: {
          "201": {
            description: "Taken",
            ...json({
              type: "object",
              properties: {
                id: { type: "string" },
                parentId: { type: ["string", "null"] },
                status: { enum: ["published", "held"] },
              },
              required: ["id", "parentId", "status"],
            }),
          },
          "303": { description: "A form's comment taken: back to the live page" },
          ...errors(400, 403, 404, 413, 415, 422, 429),
        },
      },
    },
    "/api/comments/{commentId}/reports": {
      parameters: [commentId],
      post: {
        summary: "Report a comment as abusive (readers, anonymous; once per address)",
        description: `Reports from ${REPORTS_TO_HIDE} addresses take a post-moderated comment down until an editor looks (a \`comment\` event with \`removed: true\`); a pre-moderated one is listed for the editors. A second report from one address is 409 \`already_reported\`.`,
        responses: {
          "201": {
            description: "Reported",
            ...json({
              type: "object",
              properties: { reported: { type: "boolean" }, hidden: { type: "boolean" } },
              required: ["reported", "hidden"],
            }),
          },
          "303": { description: "A form's report taken: back to the live page" },
          ...errors(400, 404, 409, 415, 422),
        },
      },
    },
    "/api/blogs/{slug}/comments/queue": {
      parameters: [slug],
      get: {
        summary: "Comments waiting for an editor, or reported by readers (editors)",
        security: newsroom,
        parameters: [{ name: "state", in: "query", schema: { enum: ["pending", "reported"] } }],
        responses: {
          "200": {
            description: "Oldest first",
            ...json({
              type: "object",
              properties: { comments: { type: "array", items: DeskComment } },
              required: ["comments"],
            }),
          },
          ...errors(401, 403, 404, 422),
        },
      },
    },
    "/api/blogs/{slug}/comments/{commentId}/approve": moderation("approve"),
    "/api/blogs/{slug}/comments/{commentId}/reject": moderation("reject"),
  };
}
