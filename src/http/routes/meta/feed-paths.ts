// OpenAPI paths of the feeds (reader/feeds/): each blog's Atom, RSS and JSON Feed, and the
// Atom feed of all open blogs. Spread into the document by ./openapi.ts.

type Json = Record<string, unknown>;

const slug = { name: "slug", in: "path", required: true, schema: { type: "string" } };
const errorJson = {
  description: "No such blog",
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
};

const feed = (summary: string, type: string, parameters: Json[]) => ({
  get: {
    summary,
    parameters,
    responses: {
      "200": { description: "The feed", content: { [type]: {} } },
      "304": { description: "Not modified (If-None-Match)" },
      ...(parameters.length > 0 ? { "404": errorJson } : {}),
    },
  },
});

export function feedPaths(): Json {
  const newest = "the newest 50 published posts with their full HTML";
  return {
    "/live/{slug}/feed.atom": feed(`The blog as Atom 1.0: ${newest}`, "application/atom+xml", [
      slug,
    ]),
    "/live/{slug}/feed.rss": feed(`The blog as RSS 2.0: ${newest}`, "application/rss+xml", [slug]),
    "/live/{slug}/feed.json": feed(
      `The blog as JSON Feed 1.1: ${newest}`,
      "application/feed+json",
      [slug],
    ),
    "/live/feed.atom": feed(
      "Every open blog as one Atom feed: the newest 50 posts across them, each naming its blog",
      "application/atom+xml",
      [],
    ),
  };
}
