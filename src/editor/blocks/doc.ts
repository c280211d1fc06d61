// The slice of Tiptap's JSON document shape the converter reads and writes. Tiptap's own
// JSONContent fits it, so the converter stays pure: no editor, no DOM, testable under Node.

export interface DocMark {
  type: string;
  attrs?: Record<string, unknown>;
}

export interface DocNode {
  type?: string;
  attrs?: Record<string, unknown>;
  content?: DocNode[];
  marks?: DocMark[];
  text?: string;
}

/** The node names of the composer's schema (see composer/schema.ts). */
export const NODE = {
  doc: "doc",
  paragraph: "paragraph",
  text: "text",
  heading: "heading",
  quote: "quote",
  bulletList: "bulletList",
  orderedList: "orderedList",
  listItem: "listItem",
  image: "image",
  embed: "embed",
  gallery: "gallery",
  poll: "poll",
  divider: "horizontalRule",
  hardBreak: "hardBreak",
} as const;

export const MARK = { bold: "bold", italic: "italic", link: "link" } as const;

export function attr(node: DocNode, name: string): string {
  const value = node.attrs?.[name];
  return typeof value === "string" ? value : "";
}

/** The plain characters of a node and its descendants (hard breaks become spaces). */
export function plainText(node: DocNode): string {
  if (node.type === NODE.text) return node.text ?? "";
  if (node.type === NODE.hardBreak) return " ";
  return (node.content ?? []).map(plainText).join("");
}
