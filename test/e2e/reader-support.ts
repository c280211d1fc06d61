// A reader in Chromium for the e2e tests: a fresh browser context on a blog's live page,
// waiting until its event stream is connected, with the page's errors collected.

import type { Browser, BrowserContext, Page } from "playwright-core";

export interface LiveReader {
  page: Page;
  /** Script errors and console errors the page reported. */
  errors: string[];
}

/** Opens `baseUrl`/live/`slug` in a new context, kept in `contexts` for the caller to close. */
export async function openLiveReader(
  browser: Browser,
  baseUrl: string,
  slug: string,
  contexts: BrowserContext[],
): Promise<LiveReader> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(`${baseUrl}/live/${slug}`);
  await page.waitForFunction(
    () => document.documentElement.dataset.live === "connected",
    undefined,
    { timeout: 20_000 },
  );
  return { page, errors };
}
