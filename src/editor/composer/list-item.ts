// The composer's list item: text only, never a list inside it. A contract list is one level of
// items, so the composer does not offer nesting (no Tab to indent, no "- " inside an item
// starting a sub-list), and a nested list pasted in arrives flat, the way it will publish.

import { Node } from "@tiptap/core";

export const ListItem = Node.create({
  name: "listItem",
  // One paragraph or more (a pasted item may hold two; they publish on two lines), and no
  // block besides: with no room for a list here, ProseMirror itself refuses every nesting.
  content: "paragraph+",
  defining: true,
  parseHTML() {
    return [{ tag: "li" }];
  },
  renderHTML() {
    return ["li", 0];
  },
  addKeyboardShortcuts() {
    // Tab is left to the browser (it moves focus on), as in the rest of the composer.
    return {
      Enter: () => this.editor.commands.splitListItem(this.name),
      "Shift-Tab": () => this.editor.commands.liftListItem(this.name),
    };
  },
});

/**
 * Pasted HTML with its nested lists made flat: each sub-item follows its parent item in the
 * same list, the order a reader would read them in. Without this ProseMirror would split the
 * list in pieces around every sub-list.
 */
export function flattenPastedLists(html: string): string {
  if (!/<(ul|ol)[\s>]/i.test(html)) return html;
  const doc = new DOMParser().parseFromString(html, "text/html");
  // Last first: a list inside another comes after it in document order, so the deepest
  // lists are flattened before the lists that hold them.
  const nested = [...doc.body.querySelectorAll("ul ul, ul ol, ol ul, ol ol")].reverse();
  for (const list of nested) {
    const items = [...list.children].filter((child) => child.tagName === "LI");
    const owner = list.parentElement?.closest("li");
    if (list.parentElement?.tagName === "UL" || list.parentElement?.tagName === "OL") {
      // A list straight inside a list (as some word processors write it): its items in place.
      list.replaceWith(...items);
    } else if (owner) {
      owner.after(...items);
      list.remove();
    }
  }
  return doc.body.innerHTML;
}
