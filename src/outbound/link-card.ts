// A link card read from the page a link points at: its Open Graph or Twitter title,
// description, image and site name, else its <title> and meta description. The page is fetched
// through the guarded fetcher (public addresses only unless allowed, its time limit, at most
// 512 KB, HTML only), and read by a small careful extractor: <meta> and <title> tags in the
// first part of the page, entities decoded, every value trimmed and capped, the image's address
// kept only when it is http(s). That address is never drawn: the unfurler fetches the image once
// and keeps a processed copy (link-card-image.ts). Renderers escape every value; nothing here is
// trusted as markup. Called after a post is published by link-card-unfurler.ts.

import type { GuardedFetcher } from "./guarded-fetch.js";

export interface LinkCard {
  title?: string;
  description?: string;
  /** The page's image: an http(s) address to copy from, never drawn as it is. */
  image?: string;
  site?: string;
}

const MAX_BYTES = 512 * 1024;
const LIMITS = { title: 200, description: 500, site: 100, image: 2000 } as const;

/** The card of the page at `url`, or null when it cannot be fetched or says nothing. */
export async function unfurlLink(fetcher: GuardedFetcher, url: string): Promise<LinkCard | null> {
  try {
    const page = await fetcher.fetch(url, {
      maxBytes: MAX_BYTES,
      accept: "text/html,application/xhtml+xml;q=0.9",
    });
    if (page.status !== 200 || !/^(text\/html|application\/xhtml\+xml)\b/i.test(page.contentType))
      return null;
    return readLinkCard(page.body.toString("utf8"), page.url);
  } catch {
    return null;
  }
}

/** The card a page's HTML describes; `base` resolves a relative og:image. */
export function readLinkCard(html: string, base: string): LinkCard | null {
  // Only the head matters, and reading no further bounds the work on a hostile page.
  const head = html.slice(0, 200_000).split(/<\/head\s*>/i)[0] ?? "";
  const meta = new Map<string, string>();
  for (const tag of head.matchAll(/<meta\b([^>]*)>/gi)) {
    const attrs = attributesOf(tag[1] ?? "");
    const key = (attrs.get("property") ?? attrs.get("name") ?? "").toLowerCase();
    const content = attrs.get("content");
    if (key && content !== undefined && !meta.has(key)) meta.set(key, content);
  }
  const rawTitle = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(head)?.[1];
  // <title> holds text only; a tag-like run in it is dropped, then its entities decoded once.
  const titleTag =
    rawTitle === undefined ? undefined : decodeEntities(rawTitle.replace(/<[^>]*>/g, " "));
  const pick = (...keys: (string | undefined)[]) =>
    keys.map((key) => (key === undefined ? undefined : clean(key))).find((v) => v);
  const card: LinkCard = {};
  const title = pick(meta.get("og:title"), meta.get("twitter:title"), titleTag);
  const description = pick(
    meta.get("og:description"),
    meta.get("twitter:description"),
    meta.get("description"),
  );
  const site = pick(meta.get("og:site_name"), meta.get("application-name"));
  const image = webImage(pick(meta.get("og:image"), meta.get("twitter:image")), base);
  if (title) card.title = cap(title, LIMITS.title);
  if (description) card.description = cap(description, LIMITS.description);
  if (site) card.site = cap(site, LIMITS.site);
  if (image) card.image = image;
  return card.title || card.description ? card : null;
}

function attributesOf(source: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of source.matchAll(/([a-zA-Z:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
    const name = (m[1] ?? "").toLowerCase();
    if (!attrs.has(name)) attrs.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ""));
  }
  return attrs;
}

const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  mdash: "—",
  ndash: "–",
  hellip: "…",
  rsquo: "’",
  lsquo: "‘",
  rdquo: "”",
  ldquo: "“",
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code =
        name[1] === "x" || name[1] === "X"
          ? Number.parseInt(name.slice(2), 16)
          : Number(name.slice(1));
      // No NUL, no surrogates, nothing past Unicode: such a reference stays as written.
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return whole;
      return String.fromCodePoint(code);
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

// Control characters (C0 and DEL), built from code points so the source holds none of them.
const CONTROL = new RegExp(
  `[${String.fromCharCode(0)}-${String.fromCharCode(31)}${String.fromCharCode(127)}]`,
  "g",
);

/** Control characters dropped, white space folded (values arrive decoded, once). */
function clean(text: string): string {
  return text.replace(CONTROL, " ").replace(/\s+/g, " ").trim();
}

function cap(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join("")
        .trimEnd()}…`;
}

function webImage(raw: string | undefined, base: string): string | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw, base);
    const web = url.protocol === "https:" || url.protocol === "http:";
    return web && url.href.length <= LIMITS.image ? url.href : undefined;
  } catch {
    return undefined;
  }
}
