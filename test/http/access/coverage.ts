// Expected access to a blog's coverage: the blogs, their posts and drafts (a reporter sees
// only their own), approval, the desk and event streams, and the reader's pages.

import { paragraph } from "../../helpers/server.js";
import {
  type AccessCase,
  ADMINS,
  blog,
  draftsOfTwo,
  EDITORS,
  HIDDEN_POST,
  NEWSROOM,
  onlyOwnDraftsForReporters,
  post,
  publicPage,
  submission,
} from "./cases.js";

export const COVERAGE_ACCESS: Record<string, AccessCase[]> = {
  "GET /api/blogs": [{ name: "list", allowed: "everyone", ok: 200, prepare: async () => ({}) }],
  "POST /api/blogs": [
    {
      name: "create",
      allowed: EDITORS,
      ok: 201,
      prepare: async (f) => ({ body: { slug: f.unique("new"), title: "New" } }),
    },
  ],
  "GET /api/blogs/{slug}": [
    {
      name: "read",
      allowed: "everyone",
      ok: 200,
      prepare: async (f) => ({ params: { slug: await blog(f) } }),
    },
  ],
  "PATCH /api/blogs/{slug}": [
    {
      name: "close",
      allowed: EDITORS,
      ok: 200,
      prepare: async (f) => ({ params: { slug: await blog(f) }, body: { status: "closed" } }),
    },
  ],
  "GET /api/blogs/{slug}/follow": [
    {
      name: "status",
      allowed: EDITORS,
      ok: 200,
      prepare: async (f) => ({ params: { slug: await blog(f) } }),
    },
  ],
  // This server may not fetch loopback addresses: an allowed request reaches the check of the
  // source (after the role's), which refuses it.
  "PUT /api/blogs/{slug}/follow": [
    {
      name: "follow",
      allowed: EDITORS,
      ok: 422,
      okCode: "fetch_refused",
      prepare: async (f) => ({
        params: { slug: await blog(f) },
        body: { source: `${f.server.url}/live/${await blog(f)}` },
      }),
    },
  ],
  "DELETE /api/blogs/{slug}/follow": [
    {
      name: "unfollow",
      allowed: EDITORS,
      ok: 204,
      prepare: async (f) => ({ params: { slug: await blog(f) } }),
    },
  ],
  "GET /api/blogs/{slug}/posts": [
    {
      name: "published",
      allowed: "everyone",
      ok: 200,
      prepare: async (f) => ({ params: { slug: await blog(f) } }),
    },
    {
      name: "drafts",
      allowed: NEWSROOM,
      ok: 200,
      prepare: async (f, self) => ({
        params: { slug: (await draftsOfTwo(f, self)).slug },
        query: "status=draft",
      }),
      check: onlyOwnDraftsForReporters,
    },
  ],
  "POST /api/blogs/{slug}/posts": [
    {
      name: "publish",
      allowed: NEWSROOM,
      ok: 201,
      prepare: async (f) => ({
        params: { slug: await blog(f) },
        body: { blocks: [paragraph("Up")] },
      }),
    },
  ],
  "GET /api/blogs/{slug}/posts/search": [
    {
      name: "drafts in search",
      allowed: NEWSROOM,
      ok: 200,
      prepare: async (f, self) => ({
        params: { slug: (await draftsOfTwo(f, self, "sandbag")).slug },
        query: "q=sandbag",
      }),
      check: onlyOwnDraftsForReporters,
    },
  ],
  "GET /api/blogs/{slug}/posts/{id}": [
    {
      name: "published",
      allowed: "everyone",
      ok: 200,
      prepare: async (f) => {
        const slug = await blog(f);
        return { params: { slug, id: (await post(f, slug, f.owner.token)).id } };
      },
    },
    {
      name: "a colleague's draft",
      allowed: EDITORS,
      ok: 200,
      refused: HIDDEN_POST,
      prepare: async (f, self) => {
        const { slug, theirs } = await draftsOfTwo(f, self);
        return { params: { slug, id: theirs.id } };
      },
    },
    {
      name: "one's own draft",
      allowed: NEWSROOM,
      ok: 200,
      refused: { anonymous: [404, "post_not_found"] },
      prepare: async (f, self) => {
        const { slug, own } = await draftsOfTwo(f, self);
        return { params: { slug, id: own.id } };
      },
    },
  ],
  "PATCH /api/blogs/{slug}/posts/{id}": [
    {
      name: "one's own post",
      allowed: NEWSROOM,
      ok: 200,
      prepare: async (f, self) => {
        const slug = await blog(f);
        const mine = await post(f, slug, (self ?? f.owner).token);
        return {
          params: { slug, id: mine.id },
          body: { version: mine.version, blocks: [paragraph("Corrected")] },
        };
      },
    },
    {
      name: "another's post",
      allowed: EDITORS,
      ok: 200,
      prepare: async (f) => {
        const slug = await blog(f);
        const theirs = await post(f, slug, f.owner.token);
        return { params: { slug, id: theirs.id }, body: { version: theirs.version, pinned: true } };
      },
    },
    {
      name: "a colleague's draft",
      allowed: EDITORS,
      ok: 200,
      // Refused as any colleague's post is; the refusal carries none of the draft's words.
      prepare: async (f, self) => {
        const { slug, theirs } = await draftsOfTwo(f, self);
        return {
          params: { slug, id: theirs.id },
          body: { version: theirs.version, title: "Mine now" },
        };
      },
    },
    {
      // A version conflict answers with the current post: only for those who may read it.
      name: "a colleague's draft, from a stale version",
      allowed: EDITORS,
      ok: 409,
      okCode: "version_conflict",
      prepare: async (f, self) => {
        const { slug, theirs } = await draftsOfTwo(f, self);
        return {
          params: { slug, id: theirs.id },
          body: { version: theirs.version + 1, title: "Mine now" },
        };
      },
    },
  ],
  "DELETE /api/blogs/{slug}/posts/{id}": [
    {
      name: "one's own post",
      allowed: NEWSROOM,
      ok: 204,
      prepare: async (f, self) => {
        const slug = await blog(f);
        return { params: { slug, id: (await post(f, slug, (self ?? f.owner).token)).id } };
      },
    },
    {
      name: "another's post",
      allowed: EDITORS,
      ok: 204,
      prepare: async (f) => {
        const slug = await blog(f);
        return { params: { slug, id: (await post(f, slug, f.owner.token)).id } };
      },
    },
  ],
  "GET /api/blogs/{slug}/posts/{id}/history": [
    {
      name: "a published post",
      allowed: "everyone",
      ok: 200,
      prepare: async (f) => {
        const slug = await blog(f);
        return { params: { slug, id: (await post(f, slug, f.owner.token)).id } };
      },
    },
  ],
  "GET /live/{slug}/posts/{id}/card.png": [
    {
      name: "a published post",
      allowed: "everyone",
      ok: 200,
      prepare: async (f) => {
        const slug = await blog(f);
        return { params: { slug, id: (await post(f, slug, f.owner.token)).id } };
      },
    },
  ],
  "GET /live/{slug}/posts/{id}/history": [
    {
      name: "a published post",
      allowed: "everyone",
      ok: 200,
      prepare: async (f) => {
        const slug = await blog(f);
        return { params: { slug, id: (await post(f, slug, f.owner.token)).id } };
      },
    },
  ],
  "POST /api/blogs/{slug}/posts/{id}/takedown": [
    {
      name: "a published post",
      allowed: EDITORS,
      ok: 204,
      prepare: async (f) => {
        const slug = await blog(f);
        return {
          params: { slug, id: (await post(f, slug, f.owner.token)).id },
          body: { reason: "Court order 12/2026" },
        };
      },
    },
  ],
  "POST /api/blogs/{slug}/posts/{id}/approve": [
    { name: "a submission", allowed: EDITORS, ok: 200, prepare: submission },
  ],
  "POST /api/blogs/{slug}/posts/{id}/return": [
    { name: "a submission", allowed: EDITORS, ok: 200, prepare: submission },
  ],
  "GET /api/blogs/{slug}/search": [
    {
      name: "search",
      allowed: "everyone",
      ok: 200,
      prepare: async (f) => ({ params: { slug: await blog(f) }, query: "q=up" }),
    },
  ],
  "GET /api/blogs/{slug}/reader-messages": [
    {
      name: "interface words",
      allowed: "everyone",
      ok: 200,
      prepare: async (f) => ({ params: { slug: await blog(f) } }),
    },
  ],
  "GET /api/blogs/{slug}/tags": [
    {
      name: "tags",
      allowed: "everyone",
      ok: 200,
      prepare: async (f) => ({ params: { slug: await blog(f) } }),
    },
  ],
  "GET /api/blogs/{slug}/changes": [
    {
      name: "poll",
      allowed: "everyone",
      ok: 200,
      prepare: async (f) => ({ params: { slug: await blog(f) }, query: "since=0" }),
    },
  ],
  "GET /api/blogs/{slug}/readers": [
    {
      name: "count",
      allowed: NEWSROOM,
      ok: 200,
      prepare: async (f) => ({ params: { slug: await blog(f) } }),
    },
  ],
  "GET /api/blogs/{slug}/desk": [
    {
      name: "stream",
      allowed: NEWSROOM,
      ok: 200,
      prepare: async (f) => ({ params: { slug: await blog(f) } }),
    },
  ],
  "GET /api/desk/events": [
    {
      name: "a desk's tabs sharing one stream",
      allowed: NEWSROOM,
      ok: 200,
      prepare: async (f) => ({
        query: `blogs=${await blog(f)}`,
        headers: { accept: "text/event-stream" },
      }),
    },
  ],
  "POST /api/blogs/{slug}/presence": [
    {
      name: "editing nothing",
      allowed: NEWSROOM,
      ok: 204,
      prepare: async (f) => ({ params: { slug: await blog(f) }, body: { editing: null } }),
    },
  ],
  "GET /api/blogs/{slug}/events": [
    {
      name: "stream",
      allowed: "everyone",
      ok: 200,
      prepare: async (f) => ({
        params: { slug: await blog(f) },
        headers: { accept: "text/event-stream" },
      }),
    },
  ],
  "GET /api/events": [
    {
      name: "a reader's tabs sharing one stream",
      allowed: "everyone",
      ok: 200,
      prepare: async (f) => ({
        query: `blogs=${await blog(f)}:0`,
        headers: { accept: "text/event-stream" },
      }),
    },
  ],
  // The front door sends readers to the newest live blog.
  ...publicPage("/", 302),
  ...publicPage("/live"),
  "GET /live/{slug}": [
    {
      name: "read",
      allowed: "everyone",
      ok: 200,
      prepare: async (f) => ({ params: { slug: await blog(f) } }),
    },
  ],
  "GET /live/{slug}/posts/{id}": [
    {
      name: "a published post",
      allowed: "everyone",
      ok: 200,
      prepare: async (f) => {
        const slug = await blog(f);
        return { params: { slug, id: (await post(f, slug, f.owner.token)).id } };
      },
    },
  ],
  "GET /live/{slug}/lite": [
    {
      name: "read",
      allowed: "everyone",
      ok: 200,
      prepare: async (f) => ({ params: { slug: await blog(f) } }),
    },
  ],
  "GET /live/{slug}/{day}": [
    {
      name: "a day's archive",
      allowed: "everyone",
      ok: 200,
      prepare: async (f) => {
        const slug = await blog(f, { timezone: "UTC" });
        const made = (await post(f, slug, f.owner.token)) as { publishedAt?: string };
        return { params: { slug, day: String(made.publishedAt).slice(0, 10) } };
      },
    },
  ],
  "GET /live/{slug}/search": [
    {
      name: "search",
      allowed: "everyone",
      ok: 200,
      prepare: async (f) => ({ params: { slug: await blog(f) }, query: "q=up" }),
    },
  ],
  "GET /live/{slug}/amp": [
    {
      name: "read",
      allowed: "everyone",
      ok: 200,
      prepare: async (f) => ({ params: { slug: await blog(f) } }),
    },
  ],
  ...publicPage("/sitemap.xml"),
  ...publicPage("/news-sitemap.xml"),
  ...publicPage("/robots.txt"),
  "GET /live/{slug}/embed": [
    {
      name: "the embed",
      allowed: "everyone",
      ok: 200,
      prepare: async (f) => ({ params: { slug: await blog(f) }, query: "theme=dark&limit=5" }),
    },
  ],
  "GET /live/{slug}/posts/{id}/preview": [
    {
      name: "a colleague's draft",
      allowed: EDITORS,
      ok: 200,
      refused: { anonymous: [404, null], reporter: [404, null] },
      prepare: async (f, self) => {
        const { slug, theirs } = await draftsOfTwo(f, self);
        return { params: { slug, id: theirs.id } };
      },
    },
    {
      name: "one's own draft",
      allowed: NEWSROOM,
      ok: 200,
      refused: { anonymous: [404, null] },
      prepare: async (f, self) => {
        const { slug, own } = await draftsOfTwo(f, self);
        return { params: { slug, id: own.id } };
      },
    },
  ],
  "GET /api/blogs/{slug}/export": [
    {
      name: "export",
      allowed: ADMINS,
      ok: 200,
      prepare: async (f) => ({ params: { slug: await blog(f) } }),
      check(seen) {
        if (!seen.contentType.startsWith("application/x-tar")) {
          throw new Error(`The export came as ${seen.contentType}`);
        }
      },
    },
  ],
  "POST /api/import": [
    {
      name: "import",
      allowed: ADMINS,
      ok: 200,
      prepare: async (f) => ({ body: importDocument(f.unique("imported")) }),
      check(seen) {
        if (seen.json?.created !== 1) throw new Error(`Imported ${JSON.stringify(seen.json)}`);
      },
    },
  ],
};

/** A Dispatch export document of one blog with one post, new each time. */
function importDocument(slug: string) {
  const id = slug.replace(/-/g, "");
  const at = "2026-03-01T10:00:00.000Z";
  return {
    dispatch: "blog-export",
    version: 1,
    blog: {
      id,
      slug,
      title: "Imported",
      summary: "",
      intro: [],
      hero: null,
      sourceNote: "",
      language: "en",
      timezone: "UTC",
      reporterMode: "publish",
      status: "live",
      createdAt: at,
      updatedAt: at,
      closedAt: null,
    },
    posts: [
      {
        id: `${id}p`,
        title: "",
        blocks: [paragraph("From elsewhere")],
        pinned: false,
        keyEvent: false,
        status: "published",
        publishAt: null,
        publishedAt: at,
        createdAt: at,
        updatedAt: at,
        version: 1,
        authors: [{ name: "Agency" }],
      },
    ],
    media: [],
  };
}
