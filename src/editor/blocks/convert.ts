// The composer's document ⇄ the contract's content blocks. docToBlocks is what gets saved and
// published; blocksToDoc opens a saved post for editing. Round trips are exact for everything
// the contract can hold; empty paragraphs and images still uploading are left out.

import type { Block } from "../../core/content/blocks";
import { inlineToPlainText } from "../../core/content/inline";
import { t } from "../i18n/messages";
import { attr, type DocNode, NODE, plainText } from "./doc";
import { galleryBlockToNode, galleryNodeToBlock, galleryProblems } from "./gallery";
import { inlineToMarkup, markupToInline } from "./inline";
import { pollBlockToNode, pollNodeToBlock } from "./poll";

export type { Block };

export function docToBlocks(doc: DocNode): Block[] {
  const blocks: Block[] = [];
  for (const node of doc.content ?? []) {
    const block = nodeToBlock(node);
    if (block) blocks.push(block);
  }
  return blocks;
}

function nodeToBlock(node: DocNode): Block | null {
  switch (node.type) {
    case NODE.paragraph: {
      const text = inlineToMarkup(node.content ?? []);
      return plainText(node).trim() ? { type: "paragraph", text } : null;
    }
    case NODE.heading: {
      if (!plainText(node).trim()) return null;
      // The server trims heading text, so the composer does too: what it sends is what it
      // gets back. The level is always written, so a level 2 given by another client survives.
      const text = inlineToMarkup(node.content ?? []).trim();
      return { type: "heading", text, level: node.attrs?.level === 3 ? 3 : 2 };
    }
    case NODE.quote: {
      if (!plainText(node).trim()) return null;
      const cite = attr(node, "cite").trim();
      const text = inlineToMarkup(inlineOf(node));
      return cite ? { type: "quote", text, cite } : { type: "quote", text };
    }
    case NODE.bulletList:
    case NODE.orderedList: {
      const items = listItems(node);
      return items.length ? { type: "list", ordered: node.type === NODE.orderedList, items } : null;
    }
    case NODE.image: {
      const src = attr(node, "src");
      // Another site's image not copied in is saved nowhere until the editor confirms it.
      if (!src || (attr(node, "pastedFrom") && node.attrs?.linkConfirmed !== true)) return null;
      const alt = node.attrs?.decorative === true ? "" : attr(node, "alt").trim();
      return withSize(withOptional({ type: "image", src, alt }, node, ["caption", "credit"]), node);
    }
    case NODE.embed: {
      const url = attr(node, "url").trim();
      return url ? withOptional({ type: "embed", url }, node, ["caption"]) : null;
    }
    case NODE.divider:
      return { type: "divider" };
    case NODE.gallery:
      return galleryNodeToBlock(node);
    case NODE.poll:
      return pollNodeToBlock(node);
    default:
      return null;
  }
}

/**
 * Inline content of a node, with paragraphs inside it (two in one list item) joined by a line
 * break, as the composer shows them: on two lines.
 */
function inlineOf(node: DocNode): DocNode[] {
  const out: DocNode[] = [];
  for (const child of node.content ?? []) {
    if (child.type === NODE.text || child.type === NODE.hardBreak) out.push(child);
    else {
      if (out.length) out.push({ type: NODE.hardBreak });
      out.push(...inlineOf(child));
    }
  }
  return out;
}

/**
 * Every item's text. The composer cannot nest lists (see composer/list-item.ts); a document
 * saved before it could, has its nested items follow their parent item, flattened.
 */
function listItems(list: DocNode): string[] {
  const items: string[] = [];
  for (const item of list.content ?? []) {
    const own = (item.content ?? []).filter(
      (c) => c.type !== NODE.bulletList && c.type !== NODE.orderedList,
    );
    if (own.some((c) => plainText(c).trim())) {
      items.push(inlineToMarkup(inlineOf({ content: own })));
    }
    for (const nested of item.content ?? []) {
      if (nested.type === NODE.bulletList || nested.type === NODE.orderedList)
        items.push(...listItems(nested));
    }
  }
  return items;
}

/** An image's width and height, when the node knows both. */
function withSize<T extends Block>(block: T, node: DocNode): T {
  const width = node.attrs?.width;
  const height = node.attrs?.height;
  const pixels = (n: unknown): n is number => Number.isInteger(n) && (n as number) > 0;
  return pixels(width) && pixels(height) ? { ...block, width, height } : block;
}

function withOptional<T extends Block>(block: T, node: DocNode, names: string[]): T {
  const out: Record<string, unknown> = { ...block };
  for (const name of names) {
    const value = attr(node, name).trim();
    if (value) out[name] = value;
  }
  return out as T;
}

export function blocksToDoc(blocks: readonly Block[]): DocNode {
  const content = blocks.map(blockToNode);
  return { type: NODE.doc, content: content.length ? content : [{ type: NODE.paragraph }] };
}

function textblock(type: string, markup: string, attrs?: Record<string, unknown>): DocNode {
  const content = markupToInline(markup);
  return { type, ...(attrs ? { attrs } : {}), ...(content.length ? { content } : {}) };
}

function blockToNode(block: Block): DocNode {
  switch (block.type) {
    case "paragraph":
      return textblock(NODE.paragraph, block.text);
    case "heading":
      return textblock(NODE.heading, block.text, { level: block.level ?? 2 });
    case "quote":
      return textblock(NODE.quote, block.text, { cite: block.cite ?? "" });
    case "list":
      return {
        type: block.ordered ? NODE.orderedList : NODE.bulletList,
        content: block.items.map((item) => ({
          type: NODE.listItem,
          content: [textblock(NODE.paragraph, item)],
        })),
      };
    case "image":
      return {
        type: NODE.image,
        attrs: {
          src: block.src,
          alt: block.alt,
          caption: block.caption ?? "",
          credit: block.credit ?? "",
          width: block.width ?? null,
          height: block.height ?? null,
          // An empty alt is asked about again rather than assumed decorative.
          decorative: false,
        },
      };
    case "embed":
      return { type: NODE.embed, attrs: { url: block.url, caption: block.caption ?? "" } };
    case "divider":
      return { type: NODE.divider };
    case "gallery":
      return galleryBlockToNode(block);
    case "poll":
      return pollBlockToNode(block);
  }
}

/** What stops a post from going out: missing alt text, an image still uploading, no content. */
export function publishProblems(doc: DocNode): string[] {
  const problems: string[] = [];
  let image = 0;
  let gallery = 0;
  for (const node of doc.content ?? []) {
    if (node.type === NODE.gallery) problems.push(...galleryProblems(node, ++gallery));
    if (node.type !== NODE.image) continue;
    image += 1;
    const pasted = attr(node, "pastedFrom");
    if (!attr(node, "src")) problems.push(t("convert.stillUploading", { image }));
    else if (pasted && node.attrs?.linkConfirmed !== true)
      problems.push(t("convert.notCopied", { image, host: hostOf(pasted) }));
    else if (pasted && !attr(node, "credit").trim())
      problems.push(t("convert.needsCredit", { image, host: hostOf(pasted) }));
    else if (node.attrs?.decorative !== true && !attr(node, "alt").trim())
      problems.push(t("convert.needsAlt", { image }));
  }
  if (docToBlocks(doc).length === 0) problems.push(t("convert.writeSomething"));
  return problems;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The first words of a post, without markup or line breaks, for naming it where it is listed. */
export function firstWords(blocks: readonly Block[]): string {
  const first = blocks.find((b) => b.type === "paragraph" || b.type === "heading");
  return first && "text" in first ? inlineToPlainText(first.text).replace(/\s+/g, " ").trim() : "";
}

/** A plain-text rendering of blocks, for the "your version" copy box in a conflict. */
export function blocksToPlainText(blocks: readonly Block[]): string {
  return blocks.map(plainBlock).join("\n\n");
}

function plainBlock(block: Block): string {
  switch (block.type) {
    case "paragraph":
    case "heading":
      return block.text;
    case "quote":
      return `> ${block.text}${block.cite ? `\n> — ${block.cite}` : ""}`;
    case "list":
      return block.items.map((item, i) => (block.ordered ? `${i + 1}. ` : "- ") + item).join("\n");
    case "image":
      return `[image ${block.src}${block.caption ? `: ${block.caption}` : ""}]`;
    case "embed":
      return block.url;
    case "divider":
      return "---";
    case "gallery":
      return block.images.map((image) => plainBlock({ type: "image", ...image })).join("\n");
    case "poll":
      return [`? ${block.question}`, ...block.answers.map((answer) => `- ${answer.text}`)].join(
        "\n",
      );
  }
}
