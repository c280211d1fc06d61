// The newsroom app's words all live in message files: no English left in its JSX, every
// message parses as ICU MessageFormat, every key used exists and every key is used.

import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { chooseLanguage } from "./language";
import { englishLiterals } from "./literals";
import { speakLanguage, t } from "./messages";
import en from "./messages/en.json";

const editor = join(import.meta.dirname, "..");
const sources = (readdirSync(editor, { recursive: true }) as string[])
  .filter((path) => /\.tsx?$/.test(path) && !/\.test\.tsx?$/.test(path))
  .filter((path) => !path.startsWith("public"))
  .map((path) => ({
    file: relative(editor, join(editor, path)),
    text: readFileSync(join(editor, path), "utf8"),
  }));

describe("the newsroom app's words", () => {
  it("are not written in English in any screen's JSX", () => {
    const literals = sources
      .filter(({ file }) => file.endsWith(".tsx"))
      .flatMap(({ file, text }) => englishLiterals(file, text))
      .map(({ file, text, where }) => `${file} (${where}): ${text}`);
    expect(literals).toEqual([]);
  });

  it("finds English put back in JSX text, attributes and children", () => {
    const found = englishLiterals(
      "sample.tsx",
      `export const A = (p: { busy: boolean }) => (
        <form aria-label="Search posts">
          <h2>Sign in</h2>
          <input placeholder={"Words"} title={p.busy ? "Busy" : \`Ready\`} />
          {p.busy ? "Signing in…" : null}
          <span title={t("desk.search")}>Dispatch</span> →
        </form>);`,
    );
    expect(found.map((l) => `${l.where}: ${l.text}`)).toEqual([
      "aria-label: Search posts",
      "text: Sign in",
      "placeholder: Words",
      "title: Busy",
      "title: Ready",
      "child: Signing in…",
    ]);
  });

  it("all parse as ICU MessageFormat", () => {
    for (const [key, message] of Object.entries(en)) {
      expect(() => new IntlMessageFormat(message, "en"), key).not.toThrow();
    }
  });

  it("are all used, and every key used exists", () => {
    const code = sources.map(({ text }) => text).join("\n");
    // A key is used where it is written as a string: t("x.y"), or a map of keys.
    const written = new Set([...code.matchAll(/"([a-z][\w-]*(?:\.[\w-]+)+)"/gi)].map((m) => m[1]));
    const unused = Object.keys(en).filter((key) => !written.has(key));
    expect(unused).toEqual([]);
    const called = [...code.matchAll(/\bt\(\s*"([^"]+)"/g)].map((m) => m[1] as string);
    expect(called.filter((key) => !(key in en))).toEqual([]);
  });

  it("choose plurals and choices as the numbers and facts say", () => {
    expect(t("blogDesk.readersNow", { count: 1 })).toBe("1 reader now");
    expect(t("blogDesk.readersNow", { count: 1200 })).toBe("1,200 readers now");
    expect(t("users.demoteTitle", { self: true, name: "Rui", role: "reporter" })).toBe(
      "Make yourself a reporter?",
    );
    expect(t("users.demoteTitle", { self: false, name: "Rui", role: "editor" })).toBe(
      "Make Rui an editor?",
    );
  });

  it("fill in plurals and fall back to English", () => {
    expect(chooseLanguage(["fr-CA", "de"], ["en", "fr"])).toBe("fr");
    expect(chooseLanguage(["de-AT"], ["en", "fr"])).toBe("en");
    speakLanguage("xx");
    expect(t("signIn.signIn")).toBe("Sign in");
  });
});
