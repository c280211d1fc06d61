// The composer's poll: shown as its question and answers with their votes so far, kept whole
// (blocks/poll.ts), with an "Edit poll" button that opens the toolbar's poll form on it
// (./poll-form.tsx, through the `composer-edit-poll` event). It moves or goes like any block.

import { type Editor, Node } from "@tiptap/core";
import type { PollBlock } from "../../core/content/blocks";
import { t } from "../i18n/messages";
import { deskTime, type Zone } from "../ui/time";
import { el } from "./field-view";

/** Asks the toolbar to open the poll form on the poll at `pos`. */
export const EDIT_POLL_EVENT = "composer-edit-poll";

export interface PollAt {
  pos: number;
  poll: PollBlock;
  results: PollBlock["results"] | null;
}

/** The poll the selection is on, if any (a poll node is selected whole when clicked). */
export function selectedPoll(editor: Editor): PollAt | null {
  const { selection } = editor.state;
  const node = editor.state.doc.nodeAt(selection.from);
  if (node?.type.name !== "poll" || selection.to !== selection.from + node.nodeSize) return null;
  return pollAt(editor, selection.from);
}

export function pollAt(editor: Editor, pos: number): PollAt | null {
  const node = editor.state.doc.nodeAt(pos);
  const poll = node?.attrs.poll as PollBlock | null | undefined;
  if (node?.type.name !== "poll" || !poll) return null;
  return { pos, poll, results: (node.attrs.results as PollBlock["results"]) ?? null };
}

/** Puts a new poll after the block the cursor is in, or writes over the one at `pos`. */
export function savePoll(editor: Editor, poll: PollBlock, pos: number | null): void {
  const { state, view } = editor;
  if (pos !== null) {
    const node = state.doc.nodeAt(pos);
    if (node?.type.name !== "poll") return;
    view.dispatch(state.tr.setNodeMarkup(pos, undefined, { ...node.attrs, poll }));
    return;
  }
  const node = state.schema.nodes.poll?.create({ poll, results: null });
  if (!node) return;
  const { $to } = state.selection;
  const at = $to.depth === 0 ? $to.pos : $to.after(1);
  view.dispatch(state.tr.insert(at, node).scrollIntoView());
}

export const Poll = Node.create({
  name: "poll",
  group: "block",
  atom: true,
  draggable: true,
  addAttributes() {
    return { poll: { default: null }, results: { default: null } };
  },
  addOptions() {
    // The blog's zone, from the composer, so the closing time reads on the blog's clock.
    return { zone: null as Zone | null };
  },
  parseHTML() {
    return [{ tag: "div[data-poll]" }];
  },
  renderHTML() {
    return ["div", { "data-poll": "" }];
  },
  addNodeView() {
    const zone = this.options.zone;
    return ({ node, getPos }) => {
      const dom = el("figure", "composer-poll");
      dom.setAttribute("aria-label", t("pollNode.poll"));
      const question = el("figcaption", "composer-poll-question");
      const list = el("ul", "composer-poll-answers");
      const closes = el("p", "composer-poll-closes hint");
      const edit = el("button", "composer-poll-edit", t("pollNode.edit"));
      edit.type = "button";
      edit.addEventListener("click", () => {
        const pos = getPos();
        if (typeof pos !== "number") return;
        dom.dispatchEvent(new CustomEvent(EDIT_POLL_EVENT, { bubbles: true, detail: { pos } }));
      });
      const render = (current: typeof node) => {
        const poll = current.attrs.poll as PollBlock | null;
        const results = current.attrs.results as PollBlock["results"] | null;
        question.textContent = poll?.question ?? "";
        list.replaceChildren(
          ...(poll?.answers ?? []).map((answer) => {
            const count = results?.totals[answer.id ?? ""] ?? 0;
            return el("li", "", `${answer.text} · ${t("pollNode.votes", { count })}`);
          }),
        );
        closes.textContent = poll?.closesAt
          ? t("pollNode.closes", { time: deskTime(poll.closesAt, zone) })
          : "";
      };
      render(node);
      dom.append(question, list, closes, edit);
      return {
        dom,
        update: (next) => {
          if (next.type.name !== "poll") return false;
          render(next);
          return true;
        },
        stopEvent: (event: Event) => (event.target as HTMLElement | null) === edit,
        ignoreMutation: () => true,
      };
    };
  },
});
