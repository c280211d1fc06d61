// Inline text ⇄ the contract's inline markup: Tiptap text nodes with bold, italic and link
// marks become `**x**`, `*x*` and `[label](url)`, and back; a hard break is a newline. Literal
// `*`, `[`, `]` and `\` are escaped with a backslash. The server's own parser (core/content/inline.ts) reads the result
// back, so every emission is checked against it: some mark layouts (bold right against italic)
// have no spelling in that grammar, and for those a zero-width space keeps the runs apart
// rather than letting stars leak into the text.

import { type InlineNode, parseInline } from "../../core/content/inline";
import { type DocMark, type DocNode, MARK, NODE } from "./doc";

/** One run of text with the set of marks on it, as keys: "bold", "italic", "link:HREF". */
interface Run {
  text: string;
  keys: string[];
}

const SEPARATOR = "\u200b";
const LINE_BREAK = /\r?\n/;
const ORDER = ["link", MARK.bold, MARK.italic];

/** Backslash-escapes what the server's parser would read as markup. */
export function escapeText(text: string): string {
  return text.replace(/[\\*[\]]/g, (ch) => `\\${ch}`);
}

export function inlineToMarkup(nodes: readonly DocNode[]): string {
  const runs = toRuns(nodes);
  if (runs.length === 0) return "";
  for (const separate of [false, true]) {
    for (const layout of LAYOUTS) {
      const markup = emit(runs, layout, separate);
      if (sameRuns(runsOfMarkup(markup, separate), runs)) return markup;
    }
  }
  return emit(runs, "bold-outer", true);
}

/** Markup → Tiptap text nodes with marks and hard breaks, read by the server's own parser. */
export function markupToInline(markup: string): DocNode[] {
  const nodes: DocNode[] = [];
  // The separators inlineToMarkup put between runs are dropped: left in, they would be text in
  // the composer, and the next save would write different markup for the same words.
  for (const run of runsOfMarkup(markup, true)) {
    run.text.split(LINE_BREAK).forEach((text, i) => {
      // A hard break carries no marks: toRuns gives it those of the text around it.
      if (i > 0) nodes.push({ type: NODE.hardBreak });
      if (!text) return;
      const node: DocNode = { type: NODE.text, text };
      if (run.keys.length) node.marks = run.keys.map(keyToMark);
      nodes.push(node);
    });
  }
  return nodes;
}

function markKey(mark: DocMark): string | null {
  if (mark.type === MARK.bold || mark.type === MARK.italic) return mark.type;
  if (mark.type === MARK.link) {
    const href = mark.attrs?.href;
    return typeof href === "string" && href.trim() ? `link:${href.trim()}` : null;
  }
  return null;
}

function keyToMark(key: string): DocMark {
  return key.startsWith("link:")
    ? { type: MARK.link, attrs: { href: key.slice(5) } }
    : { type: key === MARK.bold ? MARK.bold : MARK.italic };
}

const rank = (key: string) => ORDER.indexOf(key.startsWith("link:") ? "link" : key);

function toRuns(nodes: readonly DocNode[]): Run[] {
  const pieces: (Run | "break")[] = [];
  for (const node of nodes) {
    if (node.type === NODE.hardBreak) pieces.push("break");
    else if (node.type === NODE.text && node.text) {
      const keys = [...new Set((node.marks ?? []).map(markKey).filter((k) => k !== null))];
      pieces.push({ text: node.text, keys: keys.sort((a, b) => rank(a) - rank(b)) });
    }
  }
  const runs: Run[] = [];
  pieces.forEach((piece, i) => {
    // A hard break's own marks (Tiptap may keep them on it) are not used: it takes the marks
    // the text on both sides of it shares, so `**a**` break `**b**` is one `**a\nb**`, a break
    // after bold text falls outside the `**`, and a round trip through markup is stable.
    const run = piece === "break" ? { text: "\n", keys: breakKeys(pieces, i) } : piece;
    const last = runs.at(-1);
    if (last && last.keys.join("\n") === run.keys.join("\n")) last.text += run.text;
    else runs.push({ ...run });
  });
  return runs;
}

function breakKeys(pieces: readonly (Run | "break")[], at: number): string[] {
  const near = (step: number) => {
    for (let i = at + step; i >= 0 && i < pieces.length; i += step) {
      const piece = pieces[i];
      if (piece !== undefined && piece !== "break") return piece.keys;
    }
    return [];
  };
  const after = near(1);
  return near(-1).filter((key) => after.includes(key));
}

function open(key: string): string {
  return key.startsWith("link:") ? "[" : key === MARK.bold ? "**" : "*";
}

function close(key: string): string {
  if (!key.startsWith("link:")) return key === MARK.bold ? "**" : "*";
  // The parser ends a link target at the first `)` or space, so those are percent-encoded.
  const href = key
    .slice(5)
    .replace(/[\s()]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
  return `](${href})`;
}

const LAYOUTS = ["extent", "bold-outer", "italic-outer"] as const;
type Layout = (typeof LAYOUTS)[number];

function emit(runs: Run[], layout: Layout, separate = false): string {
  const stack: string[] = [];
  let out = "";
  let closedLast = false;
  runs.forEach((run, i) => {
    let keep = 0;
    while (keep < stack.length && run.keys.includes(stack[keep] as string)) keep++;
    while (stack.length > keep) {
      out += close(stack.pop() as string);
      closedLast = true;
    }
    const extent = (key: string) => {
      let n = i;
      while (runs[n]?.keys.includes(key)) n++;
      return n;
    };
    const toOpen = run.keys.filter((key) => !stack.includes(key));
    toOpen.sort((a, b) => {
      if (layout === "bold-outer") return rank(a) - rank(b);
      if (layout === "italic-outer" && !a.startsWith("link:") && !b.startsWith("link:"))
        return rank(b) - rank(a);
      return extent(b) - extent(a) || rank(a) - rank(b);
    });
    if (separate && closedLast && toOpen.some((key) => !key.startsWith("link:"))) out += SEPARATOR;
    for (const key of toOpen) {
      out += open(key);
      stack.push(key);
    }
    const inLink = stack.some((key) => key.startsWith("link:"));
    // A link's label may not hold brackets at all, escaped or not: they become parentheses.
    out += escapeText(inLink ? run.text.replace(/\[/g, "(").replace(/\]/g, ")") : run.text);
    closedLast = false;
  });
  while (stack.length) out += close(stack.pop() as string);
  return out;
}

/** The runs the server's parser reads from markup; `unseparated` drops the separators. */
function runsOfMarkup(markup: string, unseparated = false): Run[] {
  const runs: Run[] = [];
  const walk = (nodes: InlineNode[], keys: string[]) => {
    for (const node of nodes) {
      if (node.kind === "text") {
        const text = unseparated ? node.text.replaceAll(SEPARATOR, "") : node.text;
        if (!text) continue;
        const sorted = [...new Set(keys)].sort((a, b) => rank(a) - rank(b));
        const last = runs.at(-1);
        if (last && last.keys.join("\n") === sorted.join("\n")) last.text += text;
        else runs.push({ text, keys: sorted });
      } else if (node.kind === "strong") walk(node.children, [...keys, MARK.bold]);
      else if (node.kind === "em") walk(node.children, [...keys, MARK.italic]);
      else walk(node.children, [...keys, `link:${node.href}`]);
    }
  };
  walk(parseInline(markup), []);
  return runs;
}

function sameRuns(parsed: Run[], wanted: Run[]): boolean {
  if (parsed.length !== wanted.length) return false;
  return parsed.every((run, i) => {
    const want = wanted[i] as Run;
    const text = want.keys.some((k) => k.startsWith("link:"))
      ? want.text.replace(/\[/g, "(").replace(/\]/g, ")")
      : want.text;
    return run.text === text && run.keys.join("\n") === want.keys.map(encodeKey).join("\n");
  });
}

/** How a link key reads back after its target went through close(). */
function encodeKey(key: string): string {
  return key.startsWith("link:") ? `link:${close(key).slice(2, -1)}` : key;
}
