// Inline markup for paragraph, heading, quote and list item text: **bold**, *italic* and
// [label](url) links, nothing else; a newline is a line break. Text is parsed into a small tree
// and rendered with every character escaped, so no markup a writer types can become HTML of
// its own.

export type InlineNode =
  | { kind: "text"; text: string }
  | { kind: "strong"; children: InlineNode[] }
  | { kind: "em"; children: InlineNode[] }
  | { kind: "link"; href: string; children: InlineNode[] };

const ESCAPABLE = new Set(["*", "[", "]", "(", ")", "\\"]);

export function parseInline(source: string, allowLinks = true): InlineNode[] {
  const nodes: InlineNode[] = [];
  let text = "";
  const flush = () => {
    if (text) nodes.push({ kind: "text", text });
    text = "";
  };
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    const next = source[i + 1];
    if (ch === "\\" && next !== undefined && ESCAPABLE.has(next)) {
      text += next;
      i += 2;
      continue;
    }
    if (ch === "*" && next === "*") {
      let end = findDoubleStar(source, i + 2);
      // In `***` closing a run, the last two stars close the bold and the first closes an italic.
      while (end !== -1 && source[end + 2] === "*") end++;
      if (end > i + 2) {
        flush();
        nodes.push({ kind: "strong", children: parseInline(source.slice(i + 2, end), allowLinks) });
        i = end + 2;
        continue;
      }
    } else if (ch === "*") {
      const end = findSingleStar(source, i + 1);
      if (end > i + 1) {
        flush();
        nodes.push({ kind: "em", children: parseInline(source.slice(i + 1, end), allowLinks) });
        i = end + 1;
        continue;
      }
    } else if (ch === "[" && allowLinks) {
      const link = matchLink(source, i);
      if (link) {
        flush();
        nodes.push({ kind: "link", href: link.href, children: parseInline(link.label, false) });
        i = link.end;
        continue;
      }
    }
    text += ch;
    i++;
  }
  flush();
  return nodes;
}

/** The next `**` whose first star is not escaped (`\*`): an escaped star never closes bold. */
function findDoubleStar(source: string, from: number): number {
  for (let j = from; j < source.length - 1; j++) {
    if (source[j] === "\\") j++;
    else if (source[j] === "*" && source[j + 1] === "*") return j;
  }
  return -1;
}

/** The closing `*` of an italic run: a single star, not half of a `**`. */
function findSingleStar(source: string, from: number): number {
  for (let j = from; j < source.length; j++) {
    if (source[j] === "\\") {
      j++;
      continue;
    }
    if (source[j] === "*") {
      if (source[j + 1] === "*") {
        const close = findDoubleStar(source, j + 2);
        if (close === -1) return -1;
        j = close + 1;
        continue;
      }
      return j;
    }
  }
  return -1;
}

function matchLink(
  source: string,
  start: number,
): { label: string; href: string; end: number } | null {
  const labelEnd = source.indexOf("](", start + 1);
  if (labelEnd <= start + 1) return null;
  const label = source.slice(start + 1, labelEnd);
  if (label.includes("[") || label.includes("]")) return null;
  const hrefEnd = source.indexOf(")", labelEnd + 2);
  if (hrefEnd === -1) return null;
  const href = source.slice(labelEnd + 2, hrefEnd).trim();
  if (!href || /\s/.test(href)) return null;
  return { label, href, end: hrefEnd + 1 };
}

/** Why a link target is refused, or null when it is fine: only http(s) and mailto links. */
export function linkProblem(href: string): string | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return `"${truncate(href)}" is not a full link; links start with https://, http:// or mailto:`;
  }
  if (url.protocol === "https:" || url.protocol === "http:") {
    return url.hostname ? null : `"${truncate(href)}" has no host`;
  }
  if (url.protocol === "mailto:") return url.pathname ? null : "A mailto: link needs an address";
  return `Links may only use https://, http:// or mailto:, not ${url.protocol}`;
}

/** Every problem with the links in a piece of inline text. */
export function inlineProblems(source: string): string[] {
  const problems: string[] = [];
  const walk = (nodes: InlineNode[]) => {
    for (const node of nodes) {
      if (node.kind === "link") {
        const problem = linkProblem(node.href);
        if (problem) problems.push(problem);
      }
      if (node.kind !== "text") walk(node.children);
    }
  };
  walk(parseInline(source));
  return problems;
}

export function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** A line break inside inline text; a CR LF from a form or another system counts as one. */
const LINE_BREAK = /\r?\n/g;

export function renderInline(source: string): string {
  return renderNodes(parseInline(source));
}

function renderNodes(nodes: InlineNode[]): string {
  let out = "";
  for (const node of nodes) {
    switch (node.kind) {
      case "text":
        // The newline stays after the <br> so the text of the HTML (textContent, as the reader
        // script reads it for labels) still has a space between the two lines.
        out += escapeHtml(node.text).replace(LINE_BREAK, "<br>\n");
        break;
      case "strong":
        out += `<strong>${renderNodes(node.children)}</strong>`;
        break;
      case "em":
        out += `<em>${renderNodes(node.children)}</em>`;
        break;
      case "link":
        // Validation refuses other schemes; rendering checks again so stored data can never
        // produce a script link even if it bypassed validation.
        out +=
          linkProblem(node.href) === null
            ? `<a href="${escapeHtml(node.href)}" rel="noopener noreferrer">${renderNodes(node.children)}</a>`
            : renderNodes(node.children);
        break;
    }
  }
  return out;
}

/** The words of inline text without its markup: for summaries, feeds and structured data. */
export function inlineToPlainText(source: string): string {
  const walk = (nodes: InlineNode[]): string =>
    nodes.map((n) => (n.kind === "text" ? n.text : walk(n.children))).join("");
  return walk(parseInline(source));
}

function truncate(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}
