// Renders content blocks to HTML. Every value goes through escapeHtml or renderInline, and
// every attribute is double-quoted, so the output is safe by construction: no block can carry
// raw HTML, a script, or an attribute of its own.

import { stampTime, type Zone } from "../zoned-time.js";
import { type BlockWords, englishBlockWords } from "./block-words.js";
import {
  type Block,
  type Image,
  ImageSrc,
  isLinkCardImage,
  type LinkCard,
  type PollBlock,
} from "./blocks.js";
import { recognizeEmbed } from "./embeds.js";
import { escapeHtml as e, inlineToPlainText, renderInline } from "./inline.js";
import { isPollClosed } from "./poll-state.js";

/**
 * When and where HTML is written: a poll whose closing time has passed by `at` is drawn closed,
 * with its final results and no vote form; an open one says when it closes, in the blog's zone.
 */
export interface RenderTime {
  at: Date;
  zone: Zone;
}

/**
 * Blocks as HTML; `words` are the interface words it writes, in the blog's language. Without
 * `when`, every poll is drawn taking votes, with no closing time shown.
 */
export function renderBlocks(
  blocks: readonly Block[],
  words = englishBlockWords,
  when?: RenderTime,
): string {
  return blocks.map((block) => renderBlock(block, words, when)).join("\n");
}

export function renderBlock(block: Block, words = englishBlockWords, when?: RenderTime): string {
  switch (block.type) {
    case "paragraph":
      return `<p>${renderInline(block.text)}</p>`;
    case "heading": {
      // A post's own title is the page's h2, so its inner headings sit one level below.
      const tag = block.level === 3 ? "h4" : "h3";
      return `<${tag}>${renderInline(block.text)}</${tag}>`;
    }
    case "quote": {
      const quote = `<blockquote><p>${renderInline(block.text)}</p></blockquote>`;
      return block.cite
        ? `<figure class="quote">${quote}<figcaption><cite>${e(block.cite)}</cite></figcaption></figure>`
        : `<figure class="quote">${quote}</figure>`;
    }
    case "list": {
      const tag = block.ordered ? "ol" : "ul";
      return `<${tag}>${block.items.map((item) => `<li>${renderInline(item)}</li>`).join("")}</${tag}>`;
    }
    case "image":
      return renderFigure(block, "image");
    case "embed":
      return renderEmbed(block.url, block.caption, words, block.card);
    case "divider":
      return "<hr>";
    case "gallery":
      return renderGallery(block.images, block.caption, words);
    case "poll":
      return when && isPollClosed(block, when.at)
        ? renderClosedPoll(block, words)
        : renderPoll(block, words, when);
  }
}

/**
 * A poll: a form that votes without JavaScript (the vote route sends the browser back to the
 * post), each answer's count in a <meter>. The reader's script (assets/blocks.js) votes with
 * fetch instead and keeps the counts live, and draws the poll closed (as renderClosedPoll
 * does) when it closes with the page open.
 */
function renderPoll(poll: PollBlock, words: BlockWords, when?: RenderTime): string {
  const total = poll.results?.total ?? 0;
  const answers = poll.answers
    .map((answer) => {
      const id = answer.id ?? "";
      const count = poll.results?.totals[id] ?? 0;
      return (
        `<li><label><input type="radio" name="answer" value="${e(id)}" required> ${e(answer.text)}</label> ` +
        `<meter min="0" max="${Math.max(total, 1)}" value="${count}" data-answer="${e(id)}"></meter> ` +
        `<span class="poll-votes" data-answer="${e(id)}">${e(words.votes(count))}</span></li>`
      );
    })
    .join("");
  const closes = poll.closesAt ? ` data-closes-at="${e(poll.closesAt)}"` : "";
  // A poll without an id (a blog's lead has no post to count it under) shows no form.
  const action = poll.id
    ? ` method="post" action="/api/polls/${e(poll.id)}/votes" data-poll="${e(poll.id)}"`
    : "";
  return (
    `<form class="poll"${action}${closes}><fieldset><legend>${e(poll.question)}</legend><ul>${answers}</ul>` +
    `<p class="poll-total">${e(words.votes(total))}</p>${closingNote(poll, words, when)}` +
    `<button type="submit">${e(words.vote)}</button></fieldset></form>`
  );
}

/**
 * "Closes at 18:00 CET", in the blog's zone (with the day when that is not the day of writing);
 * the reader's script shows the reader's own clock as it does for every <time> on the page.
 */
function closingNote(poll: PollBlock, words: BlockWords, when?: RenderTime): string {
  if (!poll.closesAt || !when) return "";
  const time = stampTime(poll.closesAt, when.zone, when.at);
  if (!time) return "";
  // The words around the time, whichever side of it the language puts them.
  const [before = "", after = ""] = words.closesAt("\u0000").split("\u0000");
  return (
    `<p class="poll-closes">${e(before)}<time datetime="${e(poll.closesAt)}">${e(time)}</time>` +
    `${e(after)}</p>`
  );
}

/**
 * A closed poll: the final results and "Voting closed", no form, so a reader without script is
 * never offered a vote the server would refuse. `data-poll` stays for the live counts.
 */
function renderClosedPoll(poll: PollBlock, words: BlockWords): string {
  const total = poll.results?.total ?? 0;
  const answers = poll.answers
    .map((answer) => {
      const id = answer.id ?? "";
      const count = poll.results?.totals[id] ?? 0;
      return (
        `<li><span class="poll-answer">${e(answer.text)}</span> ` +
        `<meter min="0" max="${Math.max(total, 1)}" value="${count}" data-answer="${e(id)}"></meter> ` +
        `<span class="poll-votes" data-answer="${e(id)}">${e(words.votes(count))}</span></li>`
      );
    })
    .join("");
  const id = poll.id ? ` data-poll="${e(poll.id)}"` : "";
  return (
    `<div class="poll poll-closed"${id}><fieldset><legend>${e(poll.question)}</legend><ul>${answers}</ul>` +
    `<p class="poll-total">${e(words.votes(total))}</p>` +
    `<p class="poll-status">${e(words.votingClosed)}</p></fieldset></div>`
  );
}

/**
 * A gallery: its figures side by side in a scroller that snaps to one at a time, so without
 * JavaScript the reader sees one figure and swipes or scrolls to the next; the scroller takes
 * focus, so arrow keys move it too. The reader's script adds previous and next buttons.
 */
function renderGallery(
  images: readonly Image[],
  caption: string | undefined,
  words: BlockWords,
): string {
  const label = `${words.gallery(images.length)}${caption ? `: ${caption}` : ""}`;
  const items = images.map((image) => renderFigure(image, "gallery-item")).join("");
  const figcaption = caption ? `<figcaption>${e(caption)}</figcaption>` : "";
  return (
    `<figure class="gallery"><div class="gallery-track" tabindex="0" role="region" aria-label="${e(label)}">${items}</div>` +
    `<div class="gallery-nav" hidden><button type="button" class="gallery-prev" aria-label="${e(words.previousImage)}">‹</button>` +
    `<span class="gallery-count" aria-live="polite">1 / ${images.length}</span>` +
    `<button type="button" class="gallery-next" aria-label="${e(words.nextImage)}">›</button></div>${figcaption}</figure>`
  );
}

export function renderFigure(image: Image, className: string, eager = false): string {
  const loading = eager ? `fetchpriority="high"` : `loading="lazy"`;
  // Validation refuses such a source; stored data from before it did (`/media/../api/…`, which
  // a browser would request as the site's own event stream) keeps its caption, not its <img>.
  const img = ImageSrc.safeParse(image.src).success ? renderPicture(image, loading) : "";
  const parts: string[] = [];
  if (image.caption) parts.push(`<span class="caption">${e(image.caption)}</span>`);
  if (image.credit) parts.push(`<span class="credit">${e(image.credit)}</span>`);
  const caption = parts.length ? `<figcaption>${parts.join(" ")}</figcaption>` : "";
  return `<figure class="${e(className)}">${img}${caption}</figure>`;
}

// An image processed by Dispatch (an upload, or a link card's copy) exists in 480, 960 and
// 1600 px wide WebP and JPEG variants (see src/media/process.ts): let the browser pick the
// smallest that fills the column.
const PROCESSED_IMAGE = /^\/media\/(u|link-cards)\/([a-z0-9]+)\/(480|960|1600)\.jpg$/;
export const PROCESSED_WIDTHS = [480, 960, 1600] as const;
// The reading column is 680px wide, the full viewport on phones.
const UPLOADED_SIZES = "(max-width: 700px) 100vw, 680px";

/** The folder of a processed image's variants (`/media/u/ID`), or undefined for any other. */
export function processedImageFolder(src: string): string | undefined {
  const match = PROCESSED_IMAGE.exec(src);
  return match ? `/media/${match[1]}/${match[2]}` : undefined;
}

function renderPicture(image: Image, loading: string, className?: string): string {
  const folder = processedImageFolder(image.src);
  const box = imageBox(image);
  const classed = className ? `class="${e(className)}" ` : "";
  if (!folder) {
    return `<img ${classed}src="${e(image.src)}" alt="${e(image.alt)}" ${box} ${loading} decoding="async">`;
  }
  const srcset = (ext: string) =>
    PROCESSED_WIDTHS.map((width) => `${folder}/${width}.${ext} ${width}w`).join(", ");
  return (
    `<picture><source type="image/webp" srcset="${e(srcset("webp"))}" sizes="${UPLOADED_SIZES}">` +
    `<img ${classed}src="${e(folder)}/960.jpg" srcset="${e(srcset("jpg"))}" sizes="${UPLOADED_SIZES}" ` +
    `alt="${e(image.alt)}" ${box} ${loading} decoding="async"></picture>`
  );
}

/** The proportions an image's box is given when its size is unknown (see `imageBox`). */
export const UNSIZED_BOX = { width: 1600, height: 900 } as const;

/** An image's width and height, or the unsized box's when the block does not know them. */
export function imageSize(image: Image): { width: number; height: number; known: boolean } {
  return image.width !== undefined && image.height !== undefined
    ? { width: image.width, height: image.height, known: true }
    : { ...UNSIZED_BOX, known: false };
}

/**
 * The width and height attributes that let the browser reserve an image's box before it
 * loads. An image of unknown size gets a 16:9 box that the stylesheet holds fixed (class
 * `unsized`: its `aspect-ratio` without `auto`, the picture fitted inside), so its arrival
 * never moves the words below it either.
 */
function imageBox(image: Image): string {
  const { width, height, known } = imageSize(image);
  return `width="${width}" height="${height}"${known ? "" : ` class="unsized"`}`;
}

function renderEmbed(
  url: string,
  caption: string | undefined,
  words: BlockWords,
  card?: LinkCard,
): string {
  const embed = recognizeEmbed(url);
  const figcaption = caption ? `<figcaption>${e(caption)}</figcaption>` : "";
  if (embed.provider === "link") {
    return (
      `<figure class="embed embed-link"><a class="link-card" href="${e(embed.href)}" rel="noopener noreferrer">` +
      `${linkCardWords(embed.host, card?.url === url ? card : undefined)} <span class="link-url">${e(embed.href)}</span></a>${figcaption}</figure>`
    );
  }
  // Nothing from the provider loads with the page: the reader's script puts the player in
  // place of this card when the reader presses its button; without it, the link remains.
  const shown = words.embedTitle(embed);
  const title = caption ? `${shown}: ${caption}` : shown;
  const frame = embed.frameSrc
    ? ` data-frame-src="${e(embed.frameSrc)}" data-frame-title="${e(title)}"`
    : "";
  const button = embed.frameSrc
    ? `<button type="button" class="embed-load" hidden>${e(words.loadEmbed(shown, embed.name))}</button>`
    : "";
  return (
    `<figure class="embed embed-${embed.provider}"><div class="embed-placeholder"${frame}>` +
    `<p class="embed-provider">${e(embed.name)}</p>${button}` +
    `<a class="embed-source" href="${e(url)}" rel="noopener noreferrer">${e(url)}</a></div>${figcaption}</figure>`
  );
}

/**
 * What a link card shows once the linked page was read: its image (only Dispatch's own copy,
 * with its size: never the linked site's address, which would tell that site of every reader),
 * the site, title and description. Before, or when the page said nothing, just the link's host.
 */
function linkCardWords(host: string, card: LinkCard | undefined): string {
  if (!card) return `<span class="link-host">${e(host)}</span>`;
  const image = cardImage(card);
  const picture = image ? renderPicture(image, `loading="lazy"`, "link-image") : "";
  const title = card.title ? ` <span class="link-title">${e(card.title)}</span>` : "";
  const description = card.description
    ? ` <span class="link-description">${e(card.description)}</span>`
    : "";
  return `${picture}<span class="link-host">${e(card.site ?? host)}</span>${title}${description}`;
}

/**
 * A card's image as an image to draw: Dispatch's own copy with its size, checked again here
 * as stored data is not trusted twice; undefined for anything else (a remote address).
 */
export function cardImage(card: LinkCard): Image | undefined {
  const { image, imageWidth: width, imageHeight: height } = card;
  if (!image || !isLinkCardImage(image) || width === undefined || height === undefined) {
    return undefined;
  }
  return { src: image, alt: "", width, height };
}

/** The words of a post body, for structured data, feeds and summaries. */
export function blocksToPlainText(blocks: readonly Block[]): string {
  const lines: string[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case "paragraph":
        lines.push(inlineToPlainText(block.text));
        break;
      case "heading":
        lines.push(inlineToPlainText(block.text));
        break;
      case "quote":
        lines.push(`“${inlineToPlainText(block.text)}”${block.cite ? ` (${block.cite})` : ""}`);
        break;
      case "list":
        lines.push(...block.items.map(inlineToPlainText));
        break;
      case "image":
        if (block.caption) lines.push(block.caption);
        break;
      case "embed":
        if (block.caption) lines.push(block.caption);
        break;
      case "gallery":
        for (const image of block.images) if (image.caption) lines.push(image.caption);
        if (block.caption) lines.push(block.caption);
        break;
      case "poll":
        lines.push(block.question, ...block.answers.map((answer) => answer.text));
        break;
      case "divider":
        break;
    }
  }
  return lines.join("\n");
}
