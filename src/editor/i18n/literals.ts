// Finds English that would reach a newsroom screen without passing through a message file:
// words in JSX text, and string literals given to the attributes people read or hear (aria-label,
// title, placeholder, alt, label) or placed in JSX as a child. Used by messages.test.ts; it reads
// the source with esbuild (types stripped, JSX kept) and Rollup's parser, both already here.

import { transformSync } from "esbuild";
import { parseAst } from "rollup/parseAst";

/** Attributes whose words a person reads or hears. */
const WORDED_ATTRIBUTES = new Set(["aria-label", "title", "placeholder", "alt", "label"]);

/**
 * Text that may stay as it is, with why: the product's name, and marks that are not words in
 * any language (arrows, bullets, separators). Anything with a letter not listed here is English.
 */
const ALLOWED = new Set([
  "Dispatch", // the product's name, the same in every language
  "Georgia, serif", // an example of a CSS font value, typed as CSS whatever the language
]);

/** Addresses, paths and colours shown as examples ("https://…", "/live/", "#b3001b"). */
const NOT_WORDS = /^(https?:\/\/\S*|\/\S*|#[0-9a-f]{3,8})$/i;

export interface Literal {
  file: string;
  text: string;
  where: string;
}

const hasLetter = (text: string) => /\p{L}/u.test(text);

type Node = { type: string; [key: string]: unknown };
const isNode = (value: unknown): value is Node =>
  typeof value === "object" && value !== null && typeof (value as Node).type === "string";

/** The strings an expression can evaluate to directly: `"a"`, `x ? "a" : "b"`, `x && "a"`, `\`a ${x}\``. */
function stringsOf(node: unknown): string[] {
  if (!isNode(node)) return [];
  switch (node.type) {
    case "Literal":
      return typeof node.value === "string" ? [node.value] : [];
    case "TemplateLiteral":
      return (node.quasis as { value: { cooked: string } }[]).map((q) => q.value.cooked);
    case "ConditionalExpression":
      return [...stringsOf(node.consequent), ...stringsOf(node.alternate)];
    case "LogicalExpression":
      return [...stringsOf(node.left), ...stringsOf(node.right)];
    case "JSXExpressionContainer":
      return stringsOf(node.expression);
    default:
      return [];
  }
}

function attributeName(node: Node): string {
  const name = node.name as Node;
  return name.type === "JSXIdentifier" ? String(name.name) : "";
}

/** Every English literal in one .tsx file's JSX. */
export function englishLiterals(file: string, source: string): Literal[] {
  const code = transformSync(source, { loader: "tsx", jsx: "preserve" }).code;
  const found: Literal[] = [];
  const report = (text: string, where: string) => {
    const trimmed = text.trim();
    if (hasLetter(trimmed) && !ALLOWED.has(trimmed) && !NOT_WORDS.test(trimmed))
      found.push({ file, text: trimmed, where });
  };
  const visit = (node: unknown, parent: Node | null) => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child, parent);
      return;
    }
    if (!isNode(node)) return;
    if (node.type === "JSXText") report(String(node.value), "text");
    if (node.type === "JSXExpressionContainer" && parent?.type === "JSXElement") {
      for (const text of stringsOf(node.expression)) report(text, "child");
    }
    if (node.type === "JSXAttribute" && WORDED_ATTRIBUTES.has(attributeName(node))) {
      for (const text of stringsOf(node.value)) report(text, attributeName(node));
    }
    for (const [key, value] of Object.entries(node)) {
      if (key !== "type" && typeof value === "object") visit(value, node);
    }
  };
  visit(parseAst(code, { jsx: true }), null);
  return found;
}
