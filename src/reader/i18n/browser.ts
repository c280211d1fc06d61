// The reader's messages as the browser scripts take them: no MessageFormat engine in the
// browser (the live script has a budget), so each message is handed over ready to fill.
// Plain text keeps its `{name}` holes; a plural message becomes its forms by plural category
// ({"one": "# new update", "other": "# new updates"}), `#` standing for the number, and the
// script picks one with Intl.PluralRules. live.js reads them from a non-executing
// <script type="application/json" id="reader-messages"> on the page; embed.js from
// GET /api/blogs/:slug/reader-messages.

import { html, raw, type SafeHtml } from "../html.js";
import { serializeJsonLd } from "../jsonld.js";
import { compiledMessage } from "./messages.js";

/** The messages live.js and embed.js write with; nothing else is sent to the browser. */
export const BROWSER_MESSAGES = [
  "page.live",
  "page.closed",
  "page.closedEnded",
  "page.noUpdates",
  "story.label",
  "story.previous",
  "story.next",
  "date.at",
  "post.updateAt",
  "post.pinned",
  "post.keyEvent",
  "post.from",
  "post.updated",
  "post.correction",
  "post.source",
  "verification.confirmed",
  "verification.unconfirmed",
  "verification.disputed",
  "stream.newUpdates",
  "figures.value",
  "figures.atLeast",
  "figures.about",
  "figures.atMost",
  "figures.moreThan",
  "figures.fewerThan",
  "figures.earlier",
  "embed.noKeyEvents",
  "embed.allUpdates",
  "embed.failed",
  "zone.local",
  "tags.tagged",
  "blocks.votes",
  "blocks.votingClosed",
  "share.summary",
  "share.native",
  "share.copy",
  "share.copied",
  "share.copyFailed",
  "alerts.subscribe",
  "alerts.unsubscribe",
  "alerts.on",
  "alerts.off",
  "alerts.blocked",
  "alerts.failed",
  "contribute.working",
  "contribute.sent",
  "contribute.tooMany",
  "contribute.failed",
  "contribute.photoRefused",
] as const;

export type BrowserMessage = string | Readonly<Record<string, string>>;

// The parser's element types (intl-messageformat's AST), as far as browser messages go.
const LITERAL = 0;
const ARGUMENT = 1;
const PLURAL = 6;
const POUND = 7;

interface Element {
  type: number;
  value?: string;
  options?: Record<string, { value: Element[] }>;
}

function flatten(elements: readonly Element[], key: string): string {
  return elements
    .map((element) => {
      if (element.type === LITERAL) return element.value ?? "";
      if (element.type === ARGUMENT) return `{${element.value}}`;
      if (element.type === POUND) return "#";
      throw new Error(`Reader message "${key}" is too rich for the browser`);
    })
    .join("");
}

const cache = new Map<string, Record<string, BrowserMessage>>();

/** The browser's messages in a blog's language. */
export function browserMessages(language: string): Record<string, BrowserMessage> {
  let messages = cache.get(language);
  if (!messages) {
    messages = {};
    for (const key of BROWSER_MESSAGES) {
      const ast = compiledMessage(language, key).getAst() as unknown as Element[];
      const [first] = ast;
      if (ast.length === 1 && first?.type === PLURAL && first.options) {
        const forms: Record<string, string> = {};
        for (const [category, option] of Object.entries(first.options)) {
          forms[category] = flatten(option.value, key);
        }
        messages[key] = forms;
      } else messages[key] = flatten(ast, key);
    }
    cache.set(language, messages);
  }
  return messages;
}

/** The page's data block for live.js: data, never run, so the strict policy stands. */
export function renderReaderMessages(language: string): SafeHtml {
  return html`<script type="application/json" id="reader-messages">${raw(serializeJsonLd(browserMessages(language)))}</script>`;
}
