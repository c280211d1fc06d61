// Expected access to readers' comments: everyone comments, reads the approved ones and reports
// abuse (anonymously, whoever else they are: a newsroom cookie without its CSRF token is taken
// as a reader's); only editors and admins see the queue and approve or reject. Each case
// comments on a blog of its own, so the per-address limit never meets the matrix.

import { type AccessCase, blog, EDITORS, type Fixtures, must } from "./cases.js";

async function commentingBlog(f: Fixtures, mode: "pre" | "post"): Promise<string> {
  const slug = await blog(f);
  await must(
    f.server.api("PATCH", `/api/blogs/${slug}`, {
      token: f.owner.token,
      body: { comments: mode },
    }),
    200,
  );
  return slug;
}

async function commented(
  f: Fixtures,
  mode: "pre" | "post",
): Promise<{ slug: string; commentId: string }> {
  const slug = await commentingBlog(f, mode);
  const made = await must<{ id: string }>(
    f.server.api("POST", `/api/blogs/${slug}/comments`, {
      body: { name: "Reader", text: "When does the ferry run?" },
    }),
    201,
  );
  return { slug, commentId: made.id };
}

const asReader: AccessCase["refused"] = { "cookie without CSRF": [201, null] };

export const COMMENT_ACCESS: Record<string, AccessCase[]> = {
  "POST /api/blogs/{slug}/comments": [
    {
      name: "comment",
      allowed: "everyone",
      ok: 201,
      refused: asReader,
      prepare: async (f) => ({
        params: { slug: await commentingBlog(f, "pre") },
        body: { name: "Reader", text: "Thank you for the updates" },
      }),
    },
  ],
  "GET /api/blogs/{slug}/comments": [
    {
      name: "read",
      allowed: "everyone",
      ok: 200,
      prepare: async (f) => ({ params: { slug: (await commented(f, "post")).slug } }),
      check: (seen) => {
        if (seen.json.comments.length !== 1) throw new Error("The approved comment is missing");
      },
    },
  ],
  "POST /api/comments/{commentId}/reports": [
    {
      name: "report",
      allowed: "everyone",
      ok: 201,
      refused: asReader,
      prepare: async (f) => ({ params: { commentId: (await commented(f, "post")).commentId } }),
    },
  ],
  "GET /api/blogs/{slug}/comments/queue": [
    {
      name: "queue",
      allowed: EDITORS,
      ok: 200,
      prepare: async (f) => ({ params: { slug: (await commented(f, "pre")).slug } }),
      check: (seen) => {
        if (seen.json.comments.length !== 1) throw new Error("The waiting comment is missing");
      },
    },
  ],
  "POST /api/blogs/{slug}/comments/{commentId}/approve": [
    {
      name: "approve",
      allowed: EDITORS,
      ok: 200,
      prepare: async (f) => ({ params: await commented(f, "pre") }),
    },
  ],
  "POST /api/blogs/{slug}/comments/{commentId}/reject": [
    {
      name: "reject",
      allowed: EDITORS,
      ok: 200,
      prepare: async (f) => ({ params: await commented(f, "post") }),
    },
  ],
};
