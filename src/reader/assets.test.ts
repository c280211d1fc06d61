// The reader script as served: the comment lines of its sources left out, the code intact.

import { readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { loadReaderAssets, packageRoot, withoutCommentLines } from "./assets.js";

describe("the served reader script", () => {
  it("leaves out whole comment lines and nothing else", () => {
    const source = [
      "// A header.",
      "/**",
      " * A doc comment.",
      " */",
      "const a = `http://x`; // kept: code before it",
      "  /* one line */",
      "const b = '//not a comment line';",
    ].join("\n");
    expect(withoutCommentLines(source)).toBe(
      "const a = `http://x`; // kept: code before it\nconst b = '//not a comment line';",
    );
  });

  // 7 KB since a live post carries more than its body: the key figures box drawn from its
  // event (about 0.4 KB), the Updated marker and correction note, the verification badge and
  // source line, and the day links of a day's archive (about 0.3 KB together). 7.5 KB since
  // it writes in the reader's language (the words handed over by the page, plurals picked by
  // Intl.PluralRules: about 0.2 KB) and shows times in the reader's own zone (about 0.2 KB).
  // Galleries and embed players live in blocks.js, outside this budget.
  it("still compiles, and stays within its 7.5 KB gzipped budget", async () => {
    const { script } = await loadReaderAssets();
    const text = script.body.toString("utf8");
    // Compiling (not running) it proves no code line was lost in the middle of a statement.
    expect(() => new Function(text)).not.toThrow();
    expect(text).toContain("const followBlog");
    expect(text).not.toMatch(/^\s*\/\//m);
    const dir = path.join(packageRoot(), "src", "reader", "assets");
    const sources = await Promise.all(
      ["live-follow.js", "live.js"].map((file) => readFile(path.join(dir, file), "utf8")),
    );
    expect(script.body.length).toBeLessThan(sources.join("\n").length * 0.8);
    expect(gzipSync(script.body, { level: 9 }).length).toBeLessThan(7.5 * 1024);
  });
});
