// Expected access to readers' contributions: everyone asks for a challenge and sends one
// (anonymously, whoever else they are); only editors and admins read the queue, answer,
// reject, block a sender or erase personal data.

import sharp from "sharp";
import { contribute, contributeWithPhoto, solvedChallenge } from "../../contributions/reader.js";
import { type AccessCase, blog, EDITORS, type Fixtures, must, post } from "./cases.js";

/**
 * Each contribution from an address of its own (the matrix's server trusts loopback as its
 * proxy): blocking one case's sender must not block the next case's.
 */
let senders = 0;
const fromAnotherReader = () => ({ "x-forwarded-for": `203.0.113.${(++senders % 250) + 1}` });

async function takingBlog(f: Fixtures): Promise<string> {
  const slug = await blog(f);
  await must(
    f.server.api("PATCH", `/api/blogs/${slug}`, {
      token: f.owner.token,
      body: { contributions: { enabled: true } },
    }),
    200,
  );
  return slug;
}

async function received(f: Fixtures): Promise<{ slug: string; id: string }> {
  const slug = await takingBlog(f);
  const sent = await must<{ id: string }>(
    contribute(f.server, slug, { text: "Is the ferry running?" }, fromAnotherReader()),
    201,
  );
  return { slug, id: sent.id };
}

/** A contribution with a small photo attached, sent as the page sends one. */
async function withPhoto(f: Fixtures): Promise<{ slug: string; id: string }> {
  const slug = await takingBlog(f);
  const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#336699" } })
    .png()
    .toBuffer();
  const sent = await must<{ id: string }>(
    contributeWithPhoto(f.server, slug, png, fromAnotherReader()),
    201,
  );
  return { slug, id: sent.id };
}

const decision = (name: string): AccessCase => ({
  name,
  allowed: EDITORS,
  ok: 200,
  prepare: async (f) => ({ params: await received(f) }),
});

export const CONTRIBUTION_ACCESS: Record<string, AccessCase[]> = {
  "GET /api/blogs/{slug}/contributions/challenge": [
    {
      name: "challenge",
      allowed: "everyone",
      ok: 200,
      prepare: async (f) => ({ params: { slug: await takingBlog(f) } }),
    },
  ],
  "POST /api/blogs/{slug}/contributions": [
    {
      name: "send",
      allowed: "everyone",
      ok: 201,
      // Anonymous: a newsroom cookie without the CSRF token sends as a reader, unrefused.
      refused: { "cookie without CSRF": [201, null] },
      prepare: async (f) => {
        const slug = await takingBlog(f);
        const solved = await solvedChallenge(f.server, slug);
        return {
          params: { slug },
          headers: fromAnotherReader(),
          body: { kind: "eyewitness", text: "Water at the door", name: "Sam", ...solved },
        };
      },
    },
  ],
  "GET /api/blogs/{slug}/contributions": [
    {
      name: "queue",
      allowed: EDITORS,
      ok: 200,
      prepare: async (f) => ({ params: { slug: (await received(f)).slug } }),
    },
  ],
  "POST /api/blogs/{slug}/contributions/{id}/answer": [
    {
      name: "answer",
      allowed: EDITORS,
      ok: 200,
      prepare: async (f) => {
        const { slug, id } = await received(f);
        const answer = await post(f, slug, f.owner.token);
        return { params: { slug, id }, body: { postId: answer.id } };
      },
    },
  ],
  "POST /api/blogs/{slug}/contributions/{id}/reject": [decision("reject")],
  "POST /api/blogs/{slug}/contributions/{id}/block": [decision("block")],
  "DELETE /api/blogs/{slug}/contributions/{id}/personal-data": [decision("erase")],
  "GET /api/blogs/{slug}/contributions/{id}/photo": [
    {
      name: "photo",
      allowed: EDITORS,
      ok: 200,
      prepare: async (f) => ({ params: await withPhoto(f) }),
    },
  ],
  "POST /api/blogs/{slug}/contributions/{id}/photo/publish": [
    {
      name: "publish photo",
      allowed: EDITORS,
      ok: 201,
      prepare: async (f) => ({ params: await withPhoto(f) }),
    },
  ],
};
