// What a reader's search looks for and how a found post is shown: the query's words (letters,
// digits and their marks only, lower-cased: the index's own tokenizer folds them further, as
// SQLite's takes diacritics away), and a snippet of the post's text around the first match
// with every matching word marked. Format-neutral: the reader page and the API each turn a
// snippet into their own form (marks as `<mark>`, escaped, in reader/search-page.ts).

import { escapeHtml } from "./content/inline.js";

/** At most this many words of a query are looked for. */
export const MAX_SEARCH_TERMS = 10;

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** A word as a snippet compares it: lower case, without diacritics or other combining marks. */
export function foldTerm(word: string): string {
  return word
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .normalize("NFC");
}

/** The distinct lower-cased words of a reader's query, in order; empty when it has none. */
export function searchTerms(query: string): string[] {
  const terms = new Set<string>();
  for (const match of query.normalize("NFC").matchAll(WORD)) {
    const term = match[0].toLowerCase();
    if (term) terms.add(term);
    if (terms.size === MAX_SEARCH_TERMS) break;
  }
  return [...terms];
}

/** Part of a post's text, and where in it the query's words are: [start, end) offsets. */
export interface Snippet {
  text: string;
  marks: [number, number][];
  /** Whether text was cut before or after the snippet. */
  cutBefore: boolean;
  cutAfter: boolean;
}

/**
 * About `length` characters of `text` starting shortly before the first matching word, on
 * word boundaries, with every matching word in it marked.
 */
export function snippetOf(text: string, terms: readonly string[], length = 220): Snippet {
  const flat = text.replace(/\s+/g, " ").trim();
  const wanted = new Set(terms.map(foldTerm));
  const found: [number, number][] = [];
  for (const match of flat.matchAll(WORD)) {
    if (wanted.has(foldTerm(match[0]))) found.push([match.index, match.index + match[0].length]);
  }
  const first = found[0]?.[0] ?? 0;
  let start = Math.max(0, first - Math.floor(length / 4));
  if (start > 0) {
    const space = flat.indexOf(" ", start);
    start = space === -1 || space >= first ? Math.min(start, first) : space + 1;
  }
  let end = Math.min(flat.length, start + length);
  if (end < flat.length) {
    const space = flat.lastIndexOf(" ", end);
    if (space > first) end = space;
  }
  const marks = found
    .filter(([from, to]) => from >= start && to <= end)
    .map(([from, to]): [number, number] => [from - start, to - start]);
  return {
    text: flat.slice(start, end),
    marks,
    cutBefore: start > 0,
    cutAfter: end < flat.length,
  };
}

/**
 * The snippet as HTML: its text escaped, each match in a `<mark>`, an ellipsis where it was
 * cut. Nothing of the post's own markup survives: the text is plain, then escaped.
 */
export function snippetHtml(snippet: Snippet): string {
  let out = snippet.cutBefore ? "… " : "";
  let at = 0;
  for (const [from, to] of snippet.marks) {
    out += `${escapeHtml(snippet.text.slice(at, from))}<mark>${escapeHtml(snippet.text.slice(from, to))}</mark>`;
    at = to;
  }
  out += escapeHtml(snippet.text.slice(at));
  return snippet.cutAfter ? `${out} …` : out;
}
