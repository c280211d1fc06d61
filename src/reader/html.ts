// The reader's HTML template tag. Every interpolated value is escaped unless it is SafeHtml:
// the result of another `html` template, or renderer output explicitly vouched for with
// `raw()`. Escaping is the default so that forgetting it is impossible rather than a bug.

import { escapeHtml } from "../core/content/inline.js";

/** A string of HTML that is safe to insert as is. Only `html` and `raw` make one. */
export class SafeHtml {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  toString(): string {
    return this.#value;
  }
}

/** What a template accepts: text (escaped), safe HTML (kept), lists of either (joined). */
export type HtmlValue =
  | SafeHtml
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly HtmlValue[];

/**
 * Marks output of a trusted renderer (renderBlocks, renderInline, renderFigure) as safe.
 * Never pass it anything that came from a request or the store without rendering it first.
 */
export function raw(value: string): SafeHtml {
  return new SafeHtml(value);
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) {
    const before = strings[i] ?? "";
    // An unquoted attribute would let a value with a space add attributes of its own.
    if (UNQUOTED_ATTRIBUTE.test(before) && insideTag(out)) {
      throw new Error(`Quote attribute values in html templates: ...${before.slice(-30)}\${…}`);
    }
    out += render(values[i]) + (strings[i + 1] ?? "");
  }
  return new SafeHtml(out);
}

const UNQUOTED_ATTRIBUTE = /=\s*$/;

function insideTag(soFar: string): boolean {
  return soFar.lastIndexOf("<") > soFar.lastIndexOf(">");
}

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.toString();
  if (value === null || value === undefined || value === false) return "";
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}
