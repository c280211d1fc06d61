// OpenAPI paths of the embeds: the embed page a partner frames, its assets, and the host
// page's script. Spread into the reader pages' paths (./page-paths.ts).

type Json = Record<string, unknown>;

const html = (description: string) => ({ description, content: { "text/html": {} } });
const script = (summary: string) => ({
  get: {
    summary,
    responses: {
      "200": { description: "JavaScript", content: { "text/javascript": {} } },
      "304": { description: "Not modified (If-None-Match)" },
    },
  },
});
const query = (name: string, description: string, schema: Json) => ({
  name,
  in: "query",
  description,
  schema,
});

export function embedPaths(): Json {
  return {
    "/live/{slug}/embed": {
      get: {
        summary:
          "The blog as a partner's page frames it: compact (no site chrome), live, framable from any origin, telling its parent its height with postMessage. Appearance options that do not pass are ignored (the default look is used); limit is clamped to 1..50",
        parameters: [
          { name: "slug", in: "path", required: true, schema: { type: "string" } },
          query("theme", "light, dark or auto (the reader's preference)", {
            enum: ["light", "dark", "auto"],
          }),
          query("accent", "A colour: #rgb, #rrggbb or a plain name", {
            type: "string",
            pattern: "^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[a-zA-Z]{3,30})$",
          }),
          query("font", "A font family list: letters, spaces, hyphens, commas, quotes", {
            type: "string",
            maxLength: 200,
          }),
          query("limit", "Posts per page (default 20)", {
            type: "integer",
            minimum: 1,
            maximum: 50,
          }),
          query("keyEvents", "1: key events only", { enum: ["1", "true"] }),
          query("post", "One post only (the embed of a permalink)", { type: "string" }),
          query("before", "The cursor of an older page", { type: "string", maxLength: 200 }),
        ],
        responses: {
          "200": html("The embed page"),
          "304": { description: "Not modified (If-None-Match)" },
          "400": html("A broken page link"),
          "404": html("No such blog or post"),
        },
      },
    },
    "/assets/embed-frame.js": script(
      "The embed page's script: the reader's live script, and its height told to the parent",
    ),
    "/assets/embed.css": {
      get: {
        summary: "The embeds' style sheet (the embed page and the script embed's shadow root)",
        responses: { "200": { description: "CSS", content: { "text/css": {} } } },
      },
    },
    "/embed.js": script(
      "The partner page's script, for both embed forms: sizes embed iframes, renders data-dispatch-blog elements",
    ),
  };
}
