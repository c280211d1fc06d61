// The composer's gallery: one node holding several pictures (its `images` attribute, see
// blocks/gallery.ts), shown as a row of thumbnails, each with its alt text, caption and credit
// to edit and a button to take it out, and the gallery's own caption below.

import { type Editor, Node } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { type GalleryImageAttrs, galleryImagesOf } from "../blocks/gallery";
import { t } from "../i18n/messages";
import { el, fieldOwnsEvent, setAttrs, textField } from "./field-view";

let ids = 0;

export const Gallery = Node.create({
  name: "gallery",
  group: "block",
  atom: true,
  draggable: true,
  addAttributes() {
    return { images: { default: [] }, caption: { default: "" } };
  },
  parseHTML() {
    return [{ tag: "div[data-gallery]" }];
  },
  renderHTML() {
    return ["div", { "data-gallery": "" }];
  },
  addNodeView() {
    return ({ node, editor, getPos }) => {
      const dom = el("figure", "composer-gallery");
      dom.setAttribute("aria-label", t("galleryNode.gallery"));
      const list = el("ol", "composer-gallery-items");
      const caption = textField(editor, getPos, "caption", t("galleryNode.caption"));
      dom.append(list, caption.element);
      let current = node;
      const write = (images: GalleryImageAttrs[]) => setAttrs(editor, getPos, { images });

      const field = (i: number, name: "alt" | "caption" | "credit", label: string) => {
        ids += 1;
        const wrapper = el("div", `node-field node-field-${name}`);
        const input = el("input");
        input.id = `gallery-field-${ids}`;
        input.type = "text";
        input.autocomplete = "off";
        input.dataset.index = String(i);
        input.dataset.name = name;
        const labelEl = el("label", "", label);
        labelEl.htmlFor = input.id;
        wrapper.append(labelEl, input);
        input.addEventListener("input", () => {
          const images = galleryImagesOf({ attrs: current.attrs });
          const image = images[i];
          if (!image) return;
          image[name] = input.value;
          write(images);
        });
        return wrapper;
      };

      const render = () => {
        const images = galleryImagesOf({ attrs: current.attrs });
        // Rebuild only when the pictures themselves change, so typing keeps its focus.
        const shape = images.map((image) => image.src || image.uploadId || "").join("\n");
        if (list.dataset.shape !== shape) {
          list.dataset.shape = shape;
          list.replaceChildren(
            ...images.map((image, i) => {
              const item = el("li", "composer-gallery-item");
              if (image.src) {
                const img = el("img");
                img.src = image.src;
                img.alt = "";
                item.append(img);
              } else item.append(el("p", "composer-gallery-uploading", t("galleryNode.uploading")));
              const remove = el("button", "composer-gallery-remove", t("galleryNode.remove"));
              remove.type = "button";
              remove.setAttribute("aria-label", t("galleryNode.removeImage", { number: i + 1 }));
              remove.addEventListener("click", () => {
                const next = galleryImagesOf({ attrs: current.attrs }).filter((_, j) => j !== i);
                write(next);
              });
              item.append(
                field(i, "alt", t("galleryNode.imageAlt", { number: i + 1 })),
                field(i, "caption", t("galleryNode.imageCaption", { number: i + 1 })),
                field(i, "credit", t("galleryNode.imageCredit", { number: i + 1 })),
                remove,
              );
              return item;
            }),
          );
        }
        for (const input of list.querySelectorAll<HTMLInputElement>("input[data-name]")) {
          const image = images[Number(input.dataset.index)];
          const name = input.dataset.name as "alt" | "caption" | "credit";
          const value = image ? image[name] : "";
          if (input.value !== value) input.value = value;
          if (name === "alt") input.setAttribute("aria-invalid", String(!value.trim()));
        }
        caption.sync(current);
      };
      render();
      return {
        dom,
        update: (next: PMNode) => {
          if (next.type.name !== "gallery") return false;
          current = next;
          render();
          return true;
        },
        stopEvent: (event: Event) => fieldOwnsEvent(dom, null, event),
        ignoreMutation: () => true,
      };
    };
  },
});

/**
 * Gathers the images next to the cursor (a run of two or more image blocks, as several
 * uploads or picks from the media library leave them) into one gallery. Returns whether it did.
 */
export function groupImagesIntoGallery(editor: Editor): boolean {
  const { doc } = editor.state;
  const children: { node: PMNode; pos: number }[] = [];
  doc.forEach((node, pos) => {
    children.push({ node, pos });
  });
  const from = editor.state.selection.from;
  let at = children.findIndex(({ node, pos }) => from >= pos && from <= pos + node.nodeSize);
  if (at < 0) return false;
  const isImage = (i: number) => {
    const node = children[i]?.node;
    return node?.type.name === "image" && Boolean(node.attrs.src) && !node.attrs.pastedFrom;
  };
  if (!isImage(at) && isImage(at - 1)) at -= 1;
  if (!isImage(at)) return false;
  let first = at;
  let last = at;
  while (isImage(first - 1)) first -= 1;
  while (isImage(last + 1) && last - first < 19) last += 1;
  if (last === first) return false;
  const images: GalleryImageAttrs[] = children.slice(first, last + 1).map(({ node }) => ({
    src: String(node.attrs.src ?? ""),
    alt: String(node.attrs.alt ?? ""),
    caption: String(node.attrs.caption ?? ""),
    credit: String(node.attrs.credit ?? ""),
    width: Number.isInteger(node.attrs.width) ? (node.attrs.width as number) : null,
    height: Number.isInteger(node.attrs.height) ? (node.attrs.height as number) : null,
  }));
  const gallery = editor.schema.nodes.gallery?.create({ images, caption: "" });
  const start = children[first];
  const end = children[last];
  if (!gallery || !start || !end) return false;
  editor.view.dispatch(
    editor.state.tr.replaceWith(start.pos, end.pos + end.node.nodeSize, gallery).scrollIntoView(),
  );
  return true;
}
