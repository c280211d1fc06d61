// A post's share card: the 1200×630 PNG that Open Graph names for a post without an image of
// its own, drawn from an SVG (the blog's title small, the post's title large, the start of its
// words) and rendered with sharp in the fonts the machine has. Everything written into the SVG
// is escaped as XML text, and what XML cannot hold is dropped first.

import sharp from "sharp";
import type { Blog } from "../core/blog.js";
import { blocksToPlainText } from "../core/content/render.js";
import type { Post } from "../core/post.js";
import { textDirection } from "./direction.js";
import { excerpt } from "./excerpt.js";

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

const MARGIN = 72;
const FONT = "DejaVu Sans, Liberation Sans, sans-serif";

/** Text as SVG character data: XML's five specials escaped, characters XML 1.0 forbids dropped. */
export function svgText(text: string): string {
  return (
    text
      // Controls, lone surrogates and the two non-characters: not allowed in an XML document.
      .replace(
        // biome-ignore lint/suspicious/noControlCharactersInRegex: these are what is removed
        /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
        "",
      )
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&apos;")
  );
}

/** Words in lines of at most `width` characters, at most `max` lines, the last cut with "…". */
export function wrapLines(text: string, width: number, max: number): string[] {
  const flat = text.replace(/\s+/g, " ").trim();
  const lines: string[] = [];
  let line = "";
  for (const word of flat.split(" ")) {
    if (!word) continue;
    const next = line ? `${line} ${word}` : word;
    if ([...next].length <= width) {
      line = next;
      continue;
    }
    if (line) lines.push(line);
    // A word longer than a line (a URL, a language without spaces) is cut to the line.
    line = [...word].length > width ? `${[...word].slice(0, width - 1).join("")}…` : word;
    if (lines.length === max) break;
  }
  if (line && lines.length < max) lines.push(line);
  if (lines.length === max && lines.join(" ").length < flat.length) {
    const last = lines[max - 1] ?? "";
    if (!last.endsWith("…")) lines[max - 1] = `${last.replace(/\s*\S*$/, "") || last}…`;
  }
  return lines.slice(0, max);
}

/** The card's SVG; a right-to-left blog's lines end at the right edge (the text itself is laid out by its script). */
export function shareCardSvg(blog: Blog, post: Post): string {
  const rtl = textDirection(blog.language) === "rtl";
  const x = rtl ? CARD_WIDTH - MARGIN : MARGIN;
  const anchor = rtl ? "end" : "start";
  const body = excerpt(blocksToPlainText(post.blocks), 400);
  const title = post.title.trim();
  const headline = wrapLines(title || body, 28, title ? 4 : 5);
  const rest = title ? wrapLines(body, 52, 2) : [];
  const text = (lines: string[], y: number, size: number, step: number, extra: string) =>
    lines
      .map(
        (line, i) =>
          `<text x="${x}" y="${y + i * step}" font-size="${size}" ${extra}>${svgText(line)}</text>`,
      )
      .join("");
  const headlineTop = 230;
  const restTop = headlineTop + headline.length * 70 + 30;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}">
<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="#14213d"/>
<rect x="0" y="${CARD_HEIGHT - 16}" width="${CARD_WIDTH}" height="16" fill="#c8102e"/>
<g font-family="${FONT}" text-anchor="${anchor}" fill="#ffffff">
${text(wrapLines(blog.title, 48, 1), 120, 34, 0, 'fill="#c9d1e0"')}
${text(headline, headlineTop, 58, 70, 'font-weight="700"')}
${text(rest, restTop, 32, 44, 'fill="#e3e8f0"')}
</g>
</svg>`;
}

/** The card's SVG as PNG bytes. */
export async function renderShareCard(svg: string): Promise<Buffer> {
  return sharp(Buffer.from(svg)).png({ compressionLevel: 8 }).toBuffer();
}
