// JSON read from an import file. JSON.parse does not always say where it failed, so on a
// failure a small scanner walks the text to the first character at fault and the refusal
// names its line and column.

import { importInvalid } from "../core/transfer/document.js";

export function parseJsonText(text: string, what = "The file"): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof RangeError) {
      throw importInvalid("document", `${what} is nested too deeply to read`);
    }
    let at: number;
    try {
      at = firstFault(text);
    } catch {
      throw importInvalid("document", `${what} is not valid JSON`);
    }
    const before = text.slice(0, at);
    const line = before.split("\n").length;
    const column = at - before.lastIndexOf("\n");
    const found = at < text.length ? `"${text[at]}"` : "the end of the file";
    throw importInvalid(
      `line ${line}`,
      `${what} is not valid JSON: unexpected ${found} at line ${line}, column ${column}`,
    );
  }
}

class Fault {
  constructor(readonly at: number) {}
}

/** The offset of the first character that makes `text` invalid JSON. */
function firstFault(text: string): number {
  let i = 0;
  const space = () => {
    while (i < text.length && " \t\n\r".includes(text[i] as string)) i++;
  };
  const fail = (): never => {
    throw new Fault(i);
  };
  const expect = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      const code = text.charCodeAt(i);
      if (code < 0x20) fail();
      if (text[i] === "\\") {
        i++;
        if (text[i] === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? "x")) fail();
      }
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const value = (): void => {
    space();
    const ch = text[i];
    if (ch === "{") {
      i++;
      space();
      if (text[i] === "}") return void i++;
      for (;;) {
        space();
        if (text[i] !== '"') fail();
        string();
        space();
        if (text[i] !== ":") fail();
        i++;
        value();
        space();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return void i++;
        else fail();
      }
    }
    if (ch === "[") {
      i++;
      space();
      if (text[i] === "]") return void i++;
      for (;;) {
        value();
        space();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return void i++;
        else fail();
      }
    }
    if (ch === '"') string();
    else if (ch === "t") expect("true");
    else if (ch === "f") expect("false");
    else if (ch === "n") expect("null");
    else number();
  };
  const number = () => {
    const found = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!found) fail();
    i += found?.[0].length ?? 0;
  };
  try {
    value();
    space();
    if (i < text.length) fail();
    return text.length;
  } catch (error) {
    if (error instanceof Fault) return error.at;
    throw error;
  }
}
