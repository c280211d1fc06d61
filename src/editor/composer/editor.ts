// Makes the Tiptap editor behind the composer (and the blog's lead): the contract's blocks and
// marks and nothing else (line breaks with Shift+Enter, lists one level deep), Ctrl/Cmd+Enter
// to publish, images dropped or pasted are uploaded, and a link pasted on an empty line becomes
// an embed.

import { Editor, Extension, type JSONContent } from "@tiptap/core";
import Link from "@tiptap/extension-link";
import type { EditorView } from "@tiptap/pm/view";
import StarterKit from "@tiptap/starter-kit";
import type { DocNode } from "../blocks/doc";
import { flattenLists } from "../blocks/flat-lists";
import type { Zone } from "../ui/time";
import { Gallery } from "./gallery-node";
import { flattenPastedLists, ListItem } from "./list-item";
import { Embed, Figure, Quote } from "./nodes";
import { Poll } from "./poll-node";

export interface EditorCallbacks {
  onChange(doc: JSONContent): void;
  /** Ctrl/Cmd+Enter. */
  onSubmit?(): void;
  /** Image files dropped or pasted, with where they landed. */
  onImages?(files: File[], at: number): void;
  /** The blog's zone, for the times the document shows (a poll's closing time). */
  zone?: Zone;
}

const IMAGE_TYPES = /^image\/(jpeg|png|webp|gif|avif)$/;
const LONE_URL = /^https?:\/\/\S+$/i;

export function imageFiles(list: FileList | null | undefined): File[] {
  return [...(list ?? [])].filter((file) => IMAGE_TYPES.test(file.type));
}

export function createEditor(
  element: HTMLElement,
  content: JSONContent,
  label: string,
  callbacks: EditorCallbacks,
): Editor {
  const Shortcuts = Extension.create({
    name: "dispatchShortcuts",
    // Ahead of the hard break's own Mod-Enter wherever this sits in the list of extensions:
    // here Ctrl/Cmd+Enter publishes.
    priority: 1000,
    addKeyboardShortcuts() {
      return {
        "Mod-Enter": () => {
          callbacks.onSubmit?.();
          return true;
        },
      };
    },
  });
  return new Editor({
    element,
    // A draft kept on this device may predate one-level lists.
    content: flattenLists(content as DocNode) as JSONContent,
    injectCSS: false,
    extensions: [
      StarterKit.configure({
        blockquote: false,
        code: false,
        codeBlock: false,
        strike: false,
        underline: false,
        link: false,
        listItem: false,
        heading: { levels: [2, 3] },
      }),
      Link.configure({
        openOnClick: false,
        // Autolinked marks are inclusive: words typed after a link would join it.
        autolink: false,
        linkOnPaste: true,
        defaultProtocol: "https",
        protocols: ["http", "https", "mailto"],
        isAllowedUri: (url) => /^(https?:\/\/[^\s/]|mailto:\S)/i.test(url),
        HTMLAttributes: { rel: "noopener noreferrer", target: null },
      }),
      ListItem,
      Quote,
      Figure,
      Embed,
      Gallery,
      Poll.configure({ zone: callbacks.zone ?? null }),
      Shortcuts,
    ],
    editorProps: {
      attributes: {
        class: "composer-body",
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": label,
        spellcheck: "true",
      },
      transformPastedHTML: flattenPastedLists,
      handlePaste: (view, event) => {
        const files = imageFiles(event.clipboardData?.files);
        if (files.length && callbacks.onImages) {
          callbacks.onImages(files, view.state.selection.from);
          return true;
        }
        return pasteEmbed(view, event.clipboardData?.getData("text/plain") ?? "");
      },
      handleDrop: (view, event, _slice, moved) => {
        const files = imageFiles(event.dataTransfer?.files);
        if (moved || !files.length || !callbacks.onImages) return false;
        const at = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos;
        event.preventDefault();
        callbacks.onImages(files, at ?? view.state.selection.from);
        return true;
      },
    },
    onUpdate: ({ editor }) => callbacks.onChange(editor.getJSON()),
  });
}

/** A URL pasted alone into an empty paragraph becomes an embed block in its place. */
function pasteEmbed(view: EditorView, text: string): boolean {
  const url = text.trim();
  const { state } = view;
  const { $from, empty } = state.selection;
  if (!LONE_URL.test(url) || !empty || $from.parent.type.name !== "paragraph") return false;
  if ($from.parent.content.size > 0 || $from.depth !== 1) return false;
  const embed = state.schema.nodes.embed?.create({ url });
  if (!embed) return false;
  const start = $from.before();
  const tr = state.tr.replaceWith(start, start + $from.parent.nodeSize, embed);
  const paragraph = state.schema.nodes.paragraph?.create();
  if (paragraph) tr.insert(start + embed.nodeSize, paragraph);
  view.dispatch(tr.scrollIntoView());
  return true;
}

/** Puts an image node (uploading, with a local preview) at a position. */
export function insertUploadingImage(
  editor: Editor,
  at: number,
  uploadId: string,
  preview: string,
): void {
  const node = editor.schema.nodes.image?.create({ uploadId, preview });
  if (!node) return;
  const pos = Math.min(Math.max(at, 0), editor.state.doc.content.size);
  editor.view.dispatch(editor.state.tr.insert(resolveBlockPos(editor, pos), node));
}

function resolveBlockPos(editor: Editor, pos: number): number {
  const $pos = editor.state.doc.resolve(pos);
  // Between blocks: after the top-level block the position is in.
  return $pos.depth === 0 ? pos : $pos.after(1);
}

/** A pasted image copied into Dispatch (src), or left flagged as another site's (null). */
export function settleImport(editor: Editor, uploadId: string, src: string | null): void {
  editor.state.doc.descendants((node, pos) => {
    if (node.type.name !== "image" || node.attrs.uploadId !== uploadId) return true;
    const from = String(node.attrs.importFrom ?? "");
    const attrs = { ...node.attrs, uploadId: "", preview: "", importFrom: "" };
    editor.view.dispatch(
      editor.state.tr.setNodeMarkup(
        pos,
        undefined,
        src === null
          ? { ...attrs, src: from, pastedFrom: from, linkConfirmed: false }
          : { ...attrs, src },
      ),
    );
    return false;
  });
}

/** Finishes (src) or abandons (null) an upload started with insertUploadingImage. */
export function settleUpload(editor: Editor, uploadId: string, src: string | null): void {
  let found: number | null = null;
  editor.state.doc.descendants((node, pos) => {
    if (node.type.name === "image" && node.attrs.uploadId === uploadId) found = pos;
    return found === null;
  });
  if (found === null) return;
  const node = editor.state.doc.nodeAt(found);
  if (!node) return;
  const tr =
    src === null
      ? editor.state.tr.delete(found, found + node.nodeSize)
      : editor.state.tr.setNodeMarkup(found, undefined, {
          ...node.attrs,
          src,
          uploadId: "",
          preview: "",
        });
  editor.view.dispatch(tr);
}
