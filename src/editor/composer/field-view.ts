// Plain-DOM helpers for the composer's node views that carry form fields (a quote's
// attribution, an image's alt text, caption and credit, an embed's caption). The fields live
// outside ProseMirror's editable content: their events are theirs, and each change is written
// back into the node's attributes with one transaction.

import type { Editor } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";

let fieldIds = 0;

export interface BoundField {
  element: HTMLElement;
  sync(node: PMNode): void;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Writes attributes into the node at getPos(), keeping the others. */
export function setAttrs(
  editor: Editor,
  getPos: () => number | undefined,
  attrs: Record<string, unknown>,
): void {
  const pos = getPos();
  if (pos === undefined) return;
  const { state, view } = editor;
  const node = state.doc.nodeAt(pos);
  if (!node) return;
  view.dispatch(state.tr.setNodeMarkup(pos, undefined, { ...node.attrs, ...attrs }));
}

/** A labelled text input bound to one string attribute. */
export function textField(
  editor: Editor,
  getPos: () => number | undefined,
  name: string,
  label: string,
  options: { placeholder?: string; required?: boolean } = {},
): BoundField & { input: HTMLInputElement } {
  fieldIds += 1;
  const wrapper = el("div", `node-field node-field-${name}`);
  const input = el("input");
  input.id = `node-field-${fieldIds}`;
  input.type = "text";
  input.autocomplete = "off";
  if (options.placeholder) input.placeholder = options.placeholder;
  const labelEl = el("label", "", label);
  labelEl.htmlFor = input.id;
  wrapper.append(labelEl, input);
  input.addEventListener("input", () => setAttrs(editor, getPos, { [name]: input.value }));
  const sync = (node: PMNode) => {
    const value = typeof node.attrs[name] === "string" ? (node.attrs[name] as string) : "";
    if (input.value !== value) input.value = value;
    if (options.required) input.setAttribute("aria-invalid", String(!value.trim()));
  };
  return { element: wrapper, input, sync };
}

/** A labelled checkbox bound to one boolean attribute. */
export function checkboxField(
  editor: Editor,
  getPos: () => number | undefined,
  name: string,
  label: string,
): BoundField & { input: HTMLInputElement } {
  const labelEl = el("label", `node-field node-check node-field-${name}`);
  const input = el("input");
  input.type = "checkbox";
  labelEl.append(input, document.createTextNode(` ${label}`));
  input.addEventListener("change", () => setAttrs(editor, getPos, { [name]: input.checked }));
  const sync = (node: PMNode) => {
    input.checked = node.attrs[name] === true;
  };
  return { element: labelEl, input, sync };
}

/** Events inside the fields belong to the fields, not to the editor. */
export function fieldOwnsEvent(dom: HTMLElement, contentDOM: HTMLElement | null, event: Event) {
  const target = event.target as Node | null;
  if (!target || !dom.contains(target)) return false;
  if (contentDOM?.contains(target)) return false;
  return (target as HTMLElement).closest?.("input, label, button, select, textarea") !== null;
}
