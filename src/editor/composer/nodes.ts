// The composer's own block nodes, each matching one contract block: a quote with its
// attribution, an image with alt text, caption and credit (or marked decorative), and an embed
// (a link on its own line) with a caption. Their node views show the fields next to the content;
// "> " starts a quote.

import { type Editor, Node, textblockTypeInputRule } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import type { Block, LinkCard } from "../../core/content/blocks";
import { recognizeEmbed } from "../../core/content/embeds";
import { t } from "../i18n/messages";
import { checkboxField, el, fieldOwnsEvent, textField } from "./field-view";

const str = (value: unknown) => (typeof value === "string" ? value : "");

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Our own reader page's images come back as our /media/ paths, not as another site's. */
function ownMediaPath(src: string): string {
  try {
    const url = new URL(src, location.href);
    return url.origin === location.origin && url.pathname.startsWith("/media/")
      ? url.pathname
      : src;
  } catch {
    return src;
  }
}

export const Quote = Node.create({
  name: "quote",
  group: "block",
  content: "inline*",
  defining: true,
  addAttributes() {
    return { cite: { default: "" } };
  },
  addInputRules() {
    // "> " at the start of a line makes a quote, as "## " makes a heading.
    return [textblockTypeInputRule({ find: /^\s*>\s$/, type: this.type })];
  },
  parseHTML() {
    return [
      {
        tag: "figure.quote",
        contentElement: "blockquote",
        getAttrs: (dom) => ({
          cite: (dom as HTMLElement).querySelector("cite")?.textContent ?? "",
        }),
      },
      { tag: "blockquote" },
    ];
  },
  renderHTML({ node }) {
    return ["blockquote", { "data-cite": str(node.attrs.cite) }, 0];
  },
  addNodeView() {
    return ({ node, editor, getPos }) => {
      const dom = el("figure", "composer-quote");
      const contentDOM = el("blockquote");
      const cite = textField(editor, getPos, "cite", t("nodes.quoteAttribution"), {
        placeholder: t("nodes.whoSaidIt"),
      });
      dom.append(contentDOM, cite.element);
      cite.sync(node);
      return {
        dom,
        contentDOM,
        update: (next: PMNode) => {
          if (next.type.name !== "quote") return false;
          cite.sync(next);
          return true;
        },
        stopEvent: (event: Event) => fieldOwnsEvent(dom, contentDOM, event),
        ignoreMutation: (mutation) => !contentDOM.contains(mutation.target),
      };
    };
  },
});

export const Figure = Node.create({
  name: "image",
  group: "block",
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      src: { default: "" },
      alt: { default: "" },
      caption: { default: "" },
      credit: { default: "" },
      /** Its size in pixels when known (an upload's), so readers' pages keep its box. */
      width: { default: null },
      height: { default: null },
      decorative: { default: false },
      /** While uploading: a local preview (blob: URL) and an id to find the node again. */
      preview: { default: "" },
      uploadId: { default: "" },
      /** Pasted from another site: the address being copied into Dispatch (uploads.ts). */
      importFrom: { default: "" },
      /** Pasted from another site and not copied: shown from there only once confirmed. */
      pastedFrom: { default: "" },
      linkConfirmed: { default: false },
    };
  },
  parseHTML() {
    return [
      {
        tag: "img[src]",
        getAttrs: (dom) => {
          const image = dom as HTMLImageElement;
          const src = ownMediaPath(image.getAttribute("src") ?? "");
          if (src.startsWith("/media/")) return { src, alt: image.alt ?? "" };
          if (!src.startsWith("https://") && !src.startsWith("http://")) return false;
          // Another site's image is never shown from there silently: it is copied first.
          return {
            src: "",
            // The desk's policy shows https images only; an http one shows once copied.
            preview: src.startsWith("https://") ? src : "",
            importFrom: src,
            uploadId: `import-${Math.random().toString(36).slice(2)}`,
            alt: image.alt ?? "",
          };
        },
      },
    ];
  },
  renderHTML({ node }) {
    return ["img", { src: str(node.attrs.src), alt: str(node.attrs.alt) }];
  },
  addNodeView() {
    return ({ node, editor, getPos }) => {
      const dom = el("figure", "composer-image");
      const img = el("img");
      const status = el("p", "composer-image-status");
      status.setAttribute("role", "status");
      const alt = textField(editor, getPos, "alt", t("nodes.altText"), {
        placeholder: t("nodes.altTextHint"),
        required: true,
      });
      const decorative = checkboxField(editor, getPos, "decorative", t("nodes.decorative"));
      const confirm = checkboxField(editor, getPos, "linkConfirmed", t("nodes.linkConfirmed"));
      const caption = textField(editor, getPos, "caption", t("nodes.caption"));
      const credit = textField(editor, getPos, "credit", t("nodes.credit"), {
        placeholder: t("nodes.creditHint"),
      });
      const fields = el("div", "composer-image-fields");
      fields.append(
        alt.element,
        decorative.element,
        confirm.element,
        caption.element,
        credit.element,
      );
      dom.append(img, status, fields);
      const sync = (current: PMNode) => {
        const src = str(current.attrs.src) || str(current.attrs.preview);
        if (img.getAttribute("src") !== src) img.setAttribute("src", src);
        img.alt = str(current.attrs.alt);
        const pasted = str(current.attrs.pastedFrom);
        status.textContent = current.attrs.importFrom
          ? t("nodes.copying", { host: hostOf(str(current.attrs.importFrom)) })
          : pasted
            ? t("nodes.pastedFrom", { host: hostOf(pasted) })
            : current.attrs.src
              ? ""
              : t("nodes.uploading");
        status.classList.toggle("composer-image-warning", Boolean(pasted));
        confirm.element.hidden = !pasted;
        for (const field of [alt, decorative, confirm, caption, credit]) field.sync(current);
        alt.input.disabled = current.attrs.decorative === true;
      };
      sync(node);
      return {
        dom,
        update: (next: PMNode) => {
          if (next.type.name !== "image") return false;
          sync(next);
          return true;
        },
        stopEvent: (event: Event) => fieldOwnsEvent(dom, null, event),
        ignoreMutation: () => true,
      };
    };
  },
});

/**
 * The link cards the server has read for the post being edited, by link. They are not part of
 * the document (the server keeps a card itself while its link stays): the composer shows them
 * as they arrive with the desk's live events, through showLinkCards.
 */
interface EmbedStorage {
  cards: ReadonlyMap<string, LinkCard>;
  listeners: Set<() => void>;
}

// Tiptap's Storage type knows only the extensions that declare themselves to it.
const embedStorage = (editor: Editor) =>
  (editor.storage as unknown as Record<string, EmbedStorage | undefined>).embed;

/** Shows these cards on the embeds whose link they were read for (text only). */
export function showLinkCards(editor: Editor, cards: ReadonlyMap<string, LinkCard>): void {
  const storage = embedStorage(editor);
  if (!storage) return;
  storage.cards = cards;
  for (const listener of storage.listeners) listener();
}

/** The cards a post's blocks carry, by link. */
export function linkCardsOf(blocks: readonly Block[] | undefined): Map<string, LinkCard> {
  const cards = new Map<string, LinkCard>();
  for (const block of blocks ?? []) {
    if (block.type === "embed" && block.card?.url === block.url) cards.set(block.url, block.card);
  }
  return cards;
}

export const Embed = Node.create<Record<string, never>, EmbedStorage>({
  name: "embed",
  group: "block",
  atom: true,
  draggable: true,
  addStorage() {
    return { cards: new Map(), listeners: new Set() };
  },
  addAttributes() {
    return { url: { default: "" }, caption: { default: "" } };
  },
  parseHTML() {
    return [
      {
        tag: "div[data-embed]",
        getAttrs: (dom) => ({ url: (dom as HTMLElement).dataset.embed ?? "" }),
      },
    ];
  },
  renderHTML({ node }) {
    return ["div", { "data-embed": str(node.attrs.url) }];
  },
  addNodeView() {
    return ({ node, editor, getPos }) => {
      const dom = el("figure", "composer-embed");
      const kind = el("span", "composer-embed-kind");
      const url = el("span", "composer-embed-url");
      const card = el("div", "composer-embed-card");
      const read = el("span", "composer-embed-read");
      card.append(kind, url, read);
      const caption = textField(editor, getPos, "caption", t("nodes.embedCaption"));
      dom.append(card, caption.element);
      const storage = embedStorage(editor) ?? { cards: new Map(), listeners: new Set() };
      let shown = node;
      const sync = (current: PMNode) => {
        shown = current;
        const link = str(current.attrs.url);
        const embed = recognizeEmbed(link);
        const found = embed.provider === "link" ? storage.cards.get(link) : undefined;
        kind.textContent =
          embed.provider === "link"
            ? t("composer.linkCard", { host: found?.site ?? embed.host })
            : embed.title;
        url.textContent = link;
        // What readers see of the linked page, once the server has read it.
        read.textContent = found
          ? [found.title, found.description].filter(Boolean).join(" — ")
          : "";
        read.hidden = !found;
        caption.sync(current);
      };
      const refresh = () => sync(shown);
      storage.listeners.add(refresh);
      sync(node);
      return {
        dom,
        update: (next: PMNode) => {
          if (next.type.name !== "embed") return false;
          sync(next);
          return true;
        },
        destroy: () => {
          storage.listeners.delete(refresh);
        },
        stopEvent: (event: Event) => fieldOwnsEvent(dom, null, event),
        ignoreMutation: () => true,
      };
    };
  },
});
