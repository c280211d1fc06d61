// Content blocks as AMP HTML, for the AMP version of a live blog (reader/amp.ts). AMP allows
// no <img>, <picture> or <iframe> and no style attributes: images become <amp-img> with their
// width and height (a 16:9 box, the picture fitted inside, when the size is unknown) and
// embeds become links. Everything else is the reader's own markup (render.ts), which carries
// no style attribute and no element AMP refuses. Escaped by construction, as render.ts is.

import { type BlockWords, englishBlockWords } from "./block-words.js";
import { type Block, type Image, ImageSrc, type LinkCard } from "./blocks.js";
import { recognizeEmbed } from "./embeds.js";
import { escapeHtml as e } from "./inline.js";
import {
  cardImage,
  imageSize,
  PROCESSED_WIDTHS,
  processedImageFolder,
  renderBlock,
} from "./render.js";

export function renderAmpBlocks(blocks: readonly Block[], words = englishBlockWords): string {
  return blocks.map((block) => renderAmpBlock(block, words)).join("\n");
}

function renderAmpBlock(block: Block, words: BlockWords): string {
  switch (block.type) {
    case "image":
      return renderAmpFigure(block, "image");
    case "embed":
      return renderAmpEmbed(block.url, block.caption, words, block.card);
    case "gallery": {
      // AMP's own carousel needs another script: its figures simply follow one another.
      const figures = block.images.map((image) => renderAmpFigure(image, "gallery-item"));
      const caption = block.caption ? `<figcaption>${e(block.caption)}</figcaption>` : "";
      return `<figure class="gallery gallery-amp">${figures.join("")}${caption}</figure>`;
    }
    case "poll": {
      // AMP allows no plain POST form: the question and the counts, voting on the full page.
      const items = block.answers.map(
        (answer) =>
          `<li>${e(answer.text)}: ${e(words.votes(block.results?.totals[answer.id ?? ""] ?? 0))}</li>`,
      );
      return `<figure class="poll"><figcaption>${e(block.question)}</figcaption><ul>${items.join("")}</ul></figure>`;
    }
    default:
      return renderBlock(block, words);
  }
}

export function renderAmpFigure(image: Image, className: string): string {
  // As render.ts: a stored source validation would refuse keeps its caption, not its image.
  const img = ImageSrc.safeParse(image.src).success ? ampImg(image) : "";
  const parts: string[] = [];
  if (image.caption) parts.push(`<span class="caption">${e(image.caption)}</span>`);
  if (image.credit) parts.push(`<span class="credit">${e(image.credit)}</span>`);
  const caption = parts.length ? `<figcaption>${parts.join(" ")}</figcaption>` : "";
  return `<figure class="${e(className)}">${img}${caption}</figure>`;
}

// The 960 px variant of a processed image (an upload, a link card's copy), the others in srcset.
function ampImg(image: Image): string {
  const { width, height, known } = imageSize(image);
  const folder = processedImageFolder(image.src);
  const src = folder ? `${folder}/960.jpg` : image.src;
  const srcset = folder
    ? ` srcset="${e(PROCESSED_WIDTHS.map((w) => `${folder}/${w}.jpg ${w}w`).join(", "))}"`
    : "";
  return (
    `<amp-img src="${e(src)}"${srcset} alt="${e(image.alt)}" width="${width}" height="${height}" ` +
    `layout="responsive"${known ? "" : ` class="unsized"`}></amp-img>`
  );
}

/** An embed as a link card: AMP pages load no third-party frames without their extensions. */
function renderAmpEmbed(
  url: string,
  caption: string | undefined,
  words: BlockWords,
  card?: LinkCard,
): string {
  const embed = recognizeEmbed(url);
  const label =
    embed.provider === "link" ? embed.host : words.embedOn(words.embedTitle(embed), embed.name);
  const href = embed.provider === "link" ? embed.href : url;
  const figcaption = caption ? `<figcaption>${e(caption)}</figcaption>` : "";
  // A read link card: its image (Dispatch's own copy only, as render.ts) and its words.
  const read = embed.provider === "link" && card?.url === url ? card : undefined;
  const image = read ? cardImage(read) : undefined;
  const shown = read
    ? (image ? ampImg(image) : "") +
      `<span class="link-host">${e(read.site ?? label)}</span>` +
      (read.title ? ` <span class="link-title">${e(read.title)}</span>` : "") +
      (read.description ? ` <span class="link-description">${e(read.description)}</span>` : "")
    : `<span class="link-host">${e(label)}</span>`;
  return (
    `<figure class="embed embed-link"><a class="link-card" href="${e(href)}" rel="noopener noreferrer">` +
    `${shown} <span class="link-url">${e(href)}</span></a>${figcaption}</figure>`
  );
}
