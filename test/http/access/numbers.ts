// Expected access to the desk's numbers: editors and admins read them (reporters are refused,
// per blog.readNumbers); everyone may count a share of a published update, anonymously,
// whoever else they are.

import { type AccessCase, blog, EDITORS, post } from "./cases.js";

export const NUMBERS_ACCESS: Record<string, AccessCase[]> = {
  "GET /api/blogs/{slug}/numbers": [
    {
      name: "read",
      allowed: EDITORS,
      ok: 200,
      prepare: async (f) => ({ params: { slug: await blog(f) }, query: "hours=2" }),
      check: (seen) => {
        if (seen.json.readers.length !== 120) throw new Error("Not two hours of minutes");
      },
    },
  ],
  "POST /api/blogs/{slug}/posts/{id}/shares": [
    {
      name: "share",
      allowed: "everyone",
      ok: 204,
      // Anonymous: a newsroom cookie without the CSRF token shares as a reader, unrefused.
      refused: { "cookie without CSRF": [204, null] },
      prepare: async (f) => {
        const slug = await blog(f);
        const { id } = await post(f, slug, f.owner.token);
        return { params: { slug, id }, body: { network: "telegram" } };
      },
    },
  ],
};
