// Expected access to polls: everyone votes (anonymously, whoever else they are), once per
// browser; each case votes in a poll of its own.

import { type AccessCase, blog, type Fixtures, must } from "./cases.js";

async function poll(f: Fixtures): Promise<{ pollId: string }> {
  const slug = await blog(f);
  const made = await must<{ blocks: { type: string; id?: string }[] }>(
    f.server.api("POST", `/api/blogs/${slug}/posts`, {
      token: f.owner.token,
      body: {
        blocks: [
          {
            type: "poll",
            question: "Should the bridge reopen?",
            answers: [
              { id: "yes", text: "Yes" },
              { id: "no", text: "No" },
            ],
          },
        ],
      },
    }),
    201,
  );
  const id = made.blocks.find((block) => block.type === "poll")?.id;
  if (!id) throw new Error("The poll got no id");
  return { pollId: id };
}

export const POLL_ACCESS: Record<string, AccessCase[]> = {
  "POST /api/polls/{pollId}/votes": [
    {
      name: "vote",
      allowed: "everyone",
      ok: 200,
      // Anonymous: a newsroom cookie without the CSRF token votes as a reader, unrefused.
      refused: { "cookie without CSRF": [200, null] },
      prepare: async (f) => ({ params: await poll(f), body: { answer: "yes" } }),
    },
  ],
};
