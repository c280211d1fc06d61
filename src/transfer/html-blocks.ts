// Other platforms' post bodies (HTML or plain text) as Dispatch content blocks. Only what
// blocks can say survives: paragraphs, headings, quotes, lists, line breaks, bold, italic,
// https links, images and dividers; every other tag is dropped and its text kept, and script
// and style are dropped whole. Text is escaped for the inline markup, so a literal `*` or `[`
// stays a character. The blocks are then validated and rendered like any post's.

import type { Block } from "../core/content/blocks.js";
import { linkProblem } from "../core/content/inline.js";

const MAX_TEXT = 10_000;
const MAX_SHORT = 500;
const MAX_ITEMS = 200;
const MAX_BLOCKS = 200;

/** Escapes the characters inline markup reads, so text stays text. */
export function escapeInline(text: string): string {
  return text.replace(/[\\*[\]()]/g, (ch) => `\\${ch}`);
}

export function looksLikeHtml(text: string): boolean {
  return /<\/?(?:p|div|br|strong|b|em|i|a|ul|ol|li|h[1-6]|blockquote|img|figure|span|hr)\b[^>]*>/i.test(
    text,
  );
}

/** Plain text: a paragraph per line, blank lines ignored. */
export function textToBlocks(text: string): Block[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .slice(0, MAX_BLOCKS)
    .map((line) => ({ type: "paragraph", text: clamp(escapeInline(line), MAX_TEXT) }));
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  hellip: "…",
  mdash: "—",
  ndash: "–",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code =
        name[1] === "x" || name[1] === "X"
          ? Number.parseInt(name.slice(2), 16)
          : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff && code !== 0 ? String.fromCodePoint(code) : "";
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** HTML as blocks; `base` resolves relative image and link addresses. */
export function htmlToBlocks(html: string, base?: string): Block[] {
  const blocks: Block[] = [];
  let buffer = "";
  let heading: 2 | 3 | null = null;
  let quoteDepth = 0;
  let list: { ordered: boolean; items: string[] } | null = null;
  const links: { start: number; href: string | null }[] = [];

  const flush = () => {
    const text = clamp(
      buffer
        .replace(/[ \t\r\f]+/g, " ")
        .replace(/ ?\n ?/g, "\n")
        .trim(),
      MAX_TEXT,
    );
    buffer = "";
    links.length = 0;
    if (!text) return;
    if (list) list.items.push(clamp(text, MAX_TEXT));
    else if (heading)
      blocks.push({
        type: "heading",
        text: clamp(text.replace(/\n/g, " "), MAX_SHORT),
        level: heading,
      });
    else if (quoteDepth > 0) blocks.push({ type: "quote", text });
    else blocks.push({ type: "paragraph", text });
  };
  const endList = () => {
    flush();
    if (list?.items.length) {
      blocks.push({ type: "list", ordered: list.ordered, items: list.items.slice(0, MAX_ITEMS) });
    }
    list = null;
  };

  const source = html
    .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/<!--[\s\S]*?-->/g, "");
  for (const match of source.matchAll(
    /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|([^<]+)|</g,
  )) {
    const [, closing, rawName, attributes = "", text] = match;
    if (text !== undefined || rawName === undefined) {
      buffer += escapeInline(decodeEntities(text ?? "<").replace(/\s+/g, " "));
      continue;
    }
    const name = rawName.toLowerCase();
    const open = closing !== "/";
    if (/^h[1-6]$/.test(name)) {
      flush();
      heading = open ? (name <= "h2" ? 2 : 3) : null;
    } else if (name === "blockquote") {
      flush();
      quoteDepth = Math.max(0, quoteDepth + (open ? 1 : -1));
    } else if (name === "ul" || name === "ol") {
      if (open) {
        flush();
        list = { ordered: name === "ol", items: [] };
      } else endList();
    } else if (
      [
        "p",
        "div",
        "li",
        "section",
        "article",
        "figure",
        "figcaption",
        "header",
        "footer",
        "tr",
        "table",
      ].includes(name)
    ) {
      flush();
    } else if (name === "br" && open) {
      buffer += "\n";
    } else if (name === "hr" && open) {
      flush();
      blocks.push({ type: "divider" });
    } else if (name === "img" && open) {
      const src = absoluteHttps(attribute(attributes, "src"), base);
      if (src) {
        flush();
        const alt = clamp(decodeEntities(attribute(attributes, "alt") ?? "").trim(), MAX_SHORT);
        blocks.push({ type: "image", src, alt });
      }
    } else if (name === "strong" || name === "b") {
      buffer += "**";
    } else if (name === "em" || name === "i") {
      buffer += "*";
    } else if (name === "a") {
      if (open) {
        links.push({
          start: buffer.length,
          href: absoluteLink(attribute(attributes, "href"), base),
        });
      } else {
        const link = links.pop();
        const label = link ? buffer.slice(link.start).trim() : "";
        if (link?.href && label) buffer = `${buffer.slice(0, link.start)}[${label}](${link.href})`;
      }
    }
  }
  if (list) endList();
  else flush();
  return blocks.slice(0, MAX_BLOCKS).map(tidyEmphasis);
}

/** Bold or italic marks left unmatched or wrapped round nothing would show as stars: drop them. */
function tidyEmphasis(block: Block): Block {
  const tidy = (text: string) => {
    const cleaned = text
      .replace(/\*\*\s*\*\*/g, "")
      .replace(/(?<!\\)\*\s*(?<!\\)\*/g, (m) => (m === "**" ? m : ""));
    const stars = (cleaned.match(/(?<!\\)\*/g) ?? []).length;
    return stars % 2 === 0 ? cleaned : cleaned.replace(/(?<!\\)\*/g, "");
  };
  if (block.type === "paragraph" || block.type === "quote") {
    const text = tidy(block.text).trim();
    return { ...block, text: text || "…" };
  }
  if (block.type === "list")
    return { ...block, items: block.items.map((item) => tidy(item).trim() || "…") };
  return block;
}

function attribute(attributes: string, name: string): string | undefined {
  const found = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(
    attributes,
  );
  return found ? decodeEntities(found[1] ?? found[2] ?? found[3] ?? "") : undefined;
}

function resolve(address: string | undefined, base: string | undefined): URL | null {
  if (!address) return null;
  try {
    return new URL(address.trim(), base);
  } catch {
    return null;
  }
}

/**
 * An image's https address. Images served over plain http are left out: Dispatch pages are
 * served over https and a browser would refuse them as mixed content.
 */
export function absoluteHttps(address: string | undefined, base?: string): string | null {
  const url = resolve(address, base);
  if (url?.protocol !== "https:" || url.search.length > 1500) return null;
  const href = url.toString();
  return href.length <= 2000 && linkProblem(href) === null ? href : null;
}

function absoluteLink(address: string | undefined, base?: string): string | null {
  const url = resolve(address, base);
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) return null;
  const href = url.toString();
  return href.length <= 2000 && linkProblem(href) === null && !/[()\s]/.test(href) ? href : null;
}

function clamp(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
