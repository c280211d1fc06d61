// The composer's poll: shown as its question and answers with their votes so far, kept whole
// (blocks/poll.ts). Polls are made and changed through the API for now; here they can be
// moved or removed like any block.

import { Node } from "@tiptap/core";
import type { PollBlock } from "../../core/content/blocks";
import { t } from "../i18n/messages";
import { el } from "./field-view";

export const Poll = Node.create({
  name: "poll",
  group: "block",
  atom: true,
  draggable: true,
  addAttributes() {
    return { poll: { default: null }, results: { default: null } };
  },
  parseHTML() {
    return [{ tag: "div[data-poll]" }];
  },
  renderHTML() {
    return ["div", { "data-poll": "" }];
  },
  addNodeView() {
    return ({ node }) => {
      const poll = node.attrs.poll as PollBlock | null;
      const results = node.attrs.results as PollBlock["results"] | null;
      const dom = el("figure", "composer-poll");
      dom.setAttribute("aria-label", t("pollNode.poll"));
      const question = el("figcaption", "composer-poll-question");
      question.textContent = poll?.question ?? "";
      const list = el("ul", "composer-poll-answers");
      for (const answer of poll?.answers ?? []) {
        const item = el("li", "");
        const count = results?.totals[answer.id ?? ""] ?? 0;
        item.textContent = `${answer.text} · ${t("pollNode.votes", { count })}`;
        list.append(item);
      }
      dom.append(question, list);
      return { dom };
    };
  },
});
