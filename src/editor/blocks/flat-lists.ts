// Lists one level deep in a composer document. The composer no longer nests lists (see
// composer/list-item.ts), but a draft kept on this device from before may hold nested ones,
// which its schema would not allow. Opening such a draft flattens them the way they always
// published: each sub-item right after its parent item.

import { type DocNode, NODE } from "./doc";

const isList = (node: DocNode) => node.type === NODE.bulletList || node.type === NODE.orderedList;

export function flattenLists(doc: DocNode): DocNode {
  if (!doc.content?.some((node) => isList(node) && nests(node))) return doc;
  return {
    ...doc,
    content: doc.content.map((node) =>
      isList(node) && nests(node) ? { ...node, content: flatItems(node, true) } : node,
    ),
  };
}

/** Whether any item holds more than paragraphs (a list, or a block the item no longer takes). */
function nests(list: DocNode): boolean {
  return (list.content ?? []).some((item) =>
    (item.content ?? []).some((child) => child.type !== NODE.paragraph),
  );
}

function flatItems(list: DocNode, top = false): DocNode[] {
  const items: DocNode[] = [];
  for (const item of list.content ?? []) {
    // A heading or quote inside an item keeps its words as a paragraph; an image or embed
    // there never published, and has no words to keep.
    const own = (item.content ?? [])
      .filter((child) => !isList(child) && (child.type === NODE.paragraph || child.content))
      .map((child) =>
        child.type === NODE.paragraph ? child : { type: NODE.paragraph, content: child.content },
      );
    // An item with no words of its own never published; its sub-items take its place.
    if (own.length) items.push({ ...item, content: own });
    for (const child of item.content ?? []) if (isList(child)) items.push(...flatItems(child));
  }
  // A list holds at least one item.
  return items.length || !top
    ? items
    : [{ type: NODE.listItem, content: [{ type: NODE.paragraph }] }];
}
