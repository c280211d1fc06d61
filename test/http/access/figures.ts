// Expected access to key figures: everyone reads the box, a figure's history and the readers'
// figures page; editors and admins add, change and remove figures.

import { type AccessCase, blog, EDITORS, type Fixtures, must } from "./cases.js";

const VALUE = {
  value: 120,
  unit: "people",
  source: { name: "Interior ministry" },
  asOf: "2026-05-01T12:00:00Z",
};

async function figure(f: Fixtures): Promise<{ slug: string; id: string }> {
  const slug = await blog(f);
  const made = await must<{ id: string }>(
    f.server.api("POST", `/api/blogs/${slug}/figures`, {
      token: f.owner.token,
      body: { label: "Detained", values: [VALUE] },
    }),
    201,
  );
  return { slug, id: made.id };
}

export const FIGURE_ACCESS: Record<string, AccessCase[]> = {
  "GET /api/blogs/{slug}/figures": [
    {
      name: "box",
      allowed: "everyone",
      ok: 200,
      prepare: async (f) => ({ params: { slug: (await figure(f)).slug } }),
    },
  ],
  "POST /api/blogs/{slug}/figures": [
    {
      name: "add",
      allowed: EDITORS,
      ok: 201,
      prepare: async (f) => ({
        params: { slug: await blog(f) },
        body: { label: "Injured", values: [VALUE] },
      }),
    },
  ],
  "PATCH /api/blogs/{slug}/figures/{id}": [
    {
      name: "change",
      allowed: EDITORS,
      ok: 200,
      prepare: async (f) => ({
        params: await figure(f),
        body: { values: [{ ...VALUE, value: 130 }] },
      }),
    },
  ],
  "DELETE /api/blogs/{slug}/figures/{id}": [
    {
      name: "remove",
      allowed: EDITORS,
      ok: 204,
      prepare: async (f) => ({ params: await figure(f) }),
    },
  ],
  "GET /api/blogs/{slug}/figures/{id}/history": [
    {
      name: "history",
      allowed: "everyone",
      ok: 200,
      prepare: async (f) => ({ params: await figure(f) }),
    },
  ],
  "GET /live/{slug}/figures": [
    {
      name: "the readers' figures page",
      allowed: "everyone",
      ok: 200,
      prepare: async (f) => ({ params: { slug: (await figure(f)).slug } }),
    },
  ],
};
