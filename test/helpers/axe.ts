// axe-core's violations on a page as it stands, for the accessibility checks of the reader
// pages and the newsroom app: each rule broken, with the elements at fault and what to fix.
// axe is evaluated through the browser's debugging protocol, which the pages' own policies
// (their scripts only) do not govern.

import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const AXE_PATH = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
let axeSource: Promise<string> | undefined;

/** "rule-id: element (what to fix); …" for every violation in `scope` (the whole page). */
export async function axeViolations(page: Page, scope = "html"): Promise<string[]> {
  axeSource ??= readFile(AXE_PATH, "utf8");
  await page.evaluate(await axeSource);
  return page.evaluate(async (selector) => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is the global the evaluation above made
    const result = await (window as any).axe.run(selector);
    return (
      result.violations as { id: string; nodes: { target: string[]; failureSummary: string }[] }[]
    ).map(
      (v) =>
        `${v.id}: ${v.nodes.map((n) => `${n.target.join(" ")} (${n.failureSummary})`).join("; ")}`,
    );
  }, scope);
}
