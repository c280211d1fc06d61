// What the newsroom app's browser tests share: a build of the app (made once, and again when
// src/editor changed since), a signed-in page per person, and a watch on the console so a
// page error or a Content-Security-Policy refusal fails the test that caused it.

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { TestServer, TestUser } from "../helpers/server.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const built = path.join(root, "dist/editor/index.html");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (!entry.name.endsWith(".test.ts")) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds dist/editor unless an up-to-date build is there; test files wait on one lock. */
export async function ensureEditorBuilt(): Promise<void> {
  const lock = path.join(root, "dist/.editor-build-lock");
  const fresh = () =>
    existsSync(built) && statSync(built).mtimeMs >= newestSource(path.join(root, "src/editor"));
  for (let waited = 0; !fresh(); waited += 250) {
    try {
      mkdirSync(path.dirname(lock), { recursive: true });
      mkdirSync(lock);
    } catch {
      if (waited > 120_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 250));
      continue;
    }
    try {
      if (!fresh()) {
        execFileSync(path.join(root, "node_modules/.bin/vite"), ["build", "src/editor"], {
          cwd: root,
          stdio: "pipe",
        });
      }
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

export interface Desk {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far (CSP refusals show up here). */
  problems: string[];
}

export async function openPage(
  browser: Browser,
  width = 1280,
  /** Where the desk is: a London desk scheduling for a Kyiv blog, say. */
  place: { timezoneId?: string; locale?: string } = {},
): Promise<Desk> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, ...place });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    const text = message.text();
    // Expected answers (a 401 before sign-in, a 409 conflict) are logged by Chromium as
    // failed loads; anything else at error level is a problem.
    if (message.type() === "error" && !/Failed to load resource/.test(text)) problems.push(text);
  });
  return { context, page, problems };
}

/** A browser context signed in through the app's own sign-in form. */
export async function signedIn(
  browser: Browser,
  server: TestServer,
  user: TestUser,
  place: { timezoneId?: string; locale?: string } = {},
): Promise<Desk> {
  const desk = await openPage(browser, 1280, place);
  const { page } = desk;
  await page.goto(`${server.url}/admin`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Live blogs" }).waitFor();
  return desk;
}

export async function openBlogDesk(desk: Desk, server: TestServer, slug: string): Promise<void> {
  await desk.page.goto(`${server.url}/admin/blogs/${slug}`);
  await desk.page.getByText("Live updates on").waitFor();
}

/**
 * Waits until the app's service worker controls `page`. If it never does, the error says how
 * far its registration got (none, installing, waiting, active), which tells a failed fetch of
 * the worker from an install that never finished.
 */
export async function waitForServiceWorker(page: Page, timeout = 20_000): Promise<void> {
  try {
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
      timeout,
    });
  } catch (error) {
    const state = await page
      .evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration("/admin/");
        if (!registration) return "no registration";
        const { installing, waiting, active } = registration;
        return JSON.stringify({
          installing: installing?.state,
          waiting: waiting?.state,
          active: active?.state,
        });
      })
      .catch((failure: unknown) => `unreadable (${String(failure)})`);
    throw new Error(`the service worker never took control of the page: ${state}`, {
      cause: error,
    });
  }
}

export function composerBody(page: Page) {
  return page.getByRole("textbox", { name: "Post body" });
}

/** Types a paragraph into an empty composer. */
export async function typePost(page: Page, text: string): Promise<void> {
  await composerBody(page).click();
  await page.keyboard.type(text);
}

/** A small real PNG (8×8, red) for uploads. */
export const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGM4ISKHFTEMLQkAlrA+gUEUt8oAAAAASUVORK5CYII=",
  "base64",
);

/** Published posts of a blog whose body contains `text`, read through the public API. */
export async function postsContaining(server: TestServer, slug: string, text: string) {
  const answer = await server.api("GET", `/api/blogs/${slug}/posts?limit=200`);
  return (answer.json.posts as { id: string; html: string; version: number }[]).filter((p) =>
    p.html.includes(text),
  );
}

export async function makeBlog(
  server: TestServer,
  token: string,
  slug: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const answer = await server.api("POST", "/api/blogs", {
    token,
    body: { slug, title: `Blog ${slug}`, ...extra },
  });
  if (answer.status !== 201) throw new Error(`Blog not created: ${JSON.stringify(answer.json)}`);
}
