// The embed's options, from the iframe's query (`/live/:slug/embed?theme=dark&accent=%23c00…`)
// or the script embed's data attributes (embed.js checks them the same way). Appearance
// options that do not pass are ignored, so a mistyped snippet still shows the blog in the
// default look: theme light|dark|auto; accent a colour as #rgb, #rrggbb or a plain name;
// font a family list of letters, spaces, hyphens, commas and (balanced) quotes. `limit` is
// clamped to 1..50. The values end up in a <style> block, so only what passes the patterns
// below ever reaches it.

export type EmbedTheme = "light" | "dark" | "auto";

export interface EmbedOptions {
  theme: EmbedTheme;
  accent?: string;
  font?: string;
  limit: number;
  /** Key events only. */
  keyEvents: boolean;
  /** One post only (oEmbed of a permalink). */
  post?: string;
  /** The cursor of an older page. */
  before?: string;
}

export const EMBED_DEFAULT_LIMIT = 20;
export const EMBED_MAX_LIMIT = 50;

const COLOUR = /^(?:#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[a-zA-Z]{3,30})$/;
const FAMILY = /(?:"[A-Za-z -]{1,60}"|'[A-Za-z -]{1,60}'|[A-Za-z][A-Za-z -]{0,59})/.source;
const FONT = new RegExp(`^\\s*${FAMILY}\\s*(?:,\\s*${FAMILY}\\s*){0,5}$`);
const POST_ID = /^[0-9a-z]{1,64}$/;

export function embedColour(value: unknown): string | undefined {
  return typeof value === "string" && COLOUR.test(value) ? value : undefined;
}

export function embedFont(value: unknown): string | undefined {
  return typeof value === "string" && value.length <= 200 && FONT.test(value)
    ? value.trim()
    : undefined;
}

/** A query value as one string (the first, when repeated). */
function one(value: unknown): string | undefined {
  if (Array.isArray(value)) return one(value[0]);
  return typeof value === "string" ? value : undefined;
}

export function parseEmbedOptions(query: Record<string, unknown>): EmbedOptions {
  const theme = one(query.theme);
  const accent = embedColour(one(query.accent));
  const font = embedFont(one(query.font));
  const limitText = one(query.limit);
  const limit = limitText && /^\d{1,4}$/.test(limitText) ? Number(limitText) : NaN;
  const keyEvents = one(query.keyEvents);
  const post = one(query.post);
  const before = one(query.before);
  return {
    theme: theme === "light" || theme === "dark" ? theme : "auto",
    ...(accent ? { accent } : {}),
    ...(font ? { font } : {}),
    limit: Number.isNaN(limit)
      ? EMBED_DEFAULT_LIMIT
      : Math.min(EMBED_MAX_LIMIT, Math.max(1, limit)),
    keyEvents: keyEvents === "1" || keyEvents === "true",
    ...(post !== undefined ? { post } : {}),
    ...(before !== undefined && before.length > 0 && before.length <= 200 ? { before } : {}),
  };
}

export function isPostId(id: string): boolean {
  return POST_ID.test(id);
}

/** The options as a cache key: two requests with the same options share one rendered page. */
export function embedKey(options: EmbedOptions): string {
  return JSON.stringify([
    options.theme,
    options.accent ?? "",
    options.font ?? "",
    options.limit,
    options.keyEvents,
    options.post ?? "",
    options.before ?? "",
  ]);
}

/** The query that keeps these options (without `before`/`post`), for links within the embed. */
export function embedQuery(options: EmbedOptions, before?: string): string {
  const params = new URLSearchParams();
  if (options.theme !== "auto") params.set("theme", options.theme);
  if (options.accent) params.set("accent", options.accent);
  if (options.font) params.set("font", options.font);
  if (options.limit !== EMBED_DEFAULT_LIMIT) params.set("limit", String(options.limit));
  if (options.keyEvents) params.set("keyEvents", "1");
  if (before) params.set("before", before);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The custom properties the options set, as the body of a CSS rule; empty when none. */
export function embedCustomProperties(options: EmbedOptions): string {
  const lines: string[] = [];
  if (options.accent) lines.push(`--accent: ${options.accent};`);
  if (options.font) lines.push(`--font: ${options.font};`);
  return lines.join("\n");
}
