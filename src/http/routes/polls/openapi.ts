// The OpenAPI path of a reader's vote, spread into the document by ../meta/openapi.ts.

type Json = Record<string, unknown>;

const errorRef = { $ref: "#/components/schemas/Error" };
const errors = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      String(s),
      { description: "Error", content: { "application/json": { schema: errorRef } } },
    ]),
  );

const vote = {
  type: "object",
  properties: { answer: { type: "string", description: "The id of one of the poll's answers" } },
  required: ["answer"],
};

export const PollTallyJson = {
  type: "object",
  properties: {
    postId: { type: "string" },
    pollId: { type: "string" },
    totals: { type: "object", additionalProperties: { type: "integer" } },
    total: { type: "integer" },
    closed: { type: "boolean" },
  },
  required: ["postId", "pollId", "totals", "total", "closed"],
};

export function pollPaths(): Json {
  return {
    "/api/polls/{pollId}/votes": {
      parameters: [{ name: "pollId", in: "path", required: true, schema: { type: "string" } }],
      post: {
        summary: "Vote in a poll (readers, anonymous; once per browser)",
        description:
          "The browser is known by its signed `dispatch_voter` cookie, set on its first vote; each address may vote only so often (429 with Retry-After). A second vote from one browser is refused (409 `already_voted`), as is a vote in a closed poll (409 `poll_closed`); an answer not the poll's is 422 with field `answer`. A form sent without a script (`application/x-www-form-urlencoded`) is answered with a 303 to the post. The counts go out live as a `poll` event, at most twice a second per poll.",
        requestBody: {
          required: true,
          content: {
            "application/json": { schema: vote },
            "application/x-www-form-urlencoded": { schema: vote },
          },
        },
        responses: {
          "200": {
            description: "The poll's counts, this vote included",
            content: { "application/json": { schema: PollTallyJson } },
          },
          "303": { description: "A form's vote taken (or refused): back to the post" },
          ...errors(400, 404, 409, 413, 415, 422, 429),
        },
      },
    },
  };
}
