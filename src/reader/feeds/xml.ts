// A small XML writer for the feeds and oEmbed's XML answer. Text is made fit for XML 1.0 by
// construction: characters XML cannot hold at all (C0 controls other than tab, newline and
// carriage return; lone surrogates; U+FFFE and U+FFFF) are dropped, and & < > " ' escaped,
// so no headline, name or body can end an element or an attribute early.

/** Characters outside XML 1.0's Char production, and lone surrogate halves. */
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

/** Text as XML 1.0 can carry it: characters it cannot hold dropped. */
export function xmlChars(text: string): string {
  return text.replace(NOT_XML, "");
}

/** Text for an XML element's content or a double-quoted attribute value. */
export function escapeXml(text: string): string {
  return xmlChars(text).replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/** Written XML: what `element` nests without escaping it again. */
export class Xml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type Attributes = Record<string, string | number | undefined>;
type Content = string | Xml | undefined | false | null | readonly Content[];

/**
 * `<name attr="…">content</name>`: attribute values and string content are escaped, Xml
 * content nested as is, undefined attributes and empty values left out. No content writes
 * `<name/>`.
 */
export function element(name: string, attributes: Attributes = {}, ...content: Content[]): Xml {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join("");
  const inner = content.map(written).join("");
  return new Xml(inner === "" ? `<${name}${attrs}/>` : `<${name}${attrs}>${inner}</${name}>`);
}

function written(content: Content): string {
  if (content === undefined || content === null || content === false) return "";
  if (content instanceof Xml) return content.text;
  if (typeof content === "string") return escapeXml(content);
  return content.map(written).join("");
}

/** A whole document: the declaration, then the root. */
export function xmlDocument(root: Xml): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${root.text}\n`;
}
