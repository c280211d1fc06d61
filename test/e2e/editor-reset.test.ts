// The newsroom's desk in Chromium when its public stream is too far behind to be replayed:
// the server sends `reset`, and the desk reads the blog's lists afresh, then goes on live.

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPLAY_LIMIT } from "../../src/core/change.js";
import { launchBrowser } from "../helpers/browser.js";
import { paragraph, startTestServer, type TestServer, type TestUser } from "../helpers/server.js";
import { ensureEditorBuilt, makeBlog, openBlogDesk, signedIn } from "./editor-support.js";

let server: TestServer;
let browser: Browser;
let editor: TestUser;

beforeAll(async () => {
  await ensureEditorBuilt();
  server = await startTestServer();
  browser = await launchBrowser();
  editor = await server.userFor("editor", "Eda Editor");
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the desk's public stream", () => {
  it("reads the published posts afresh on reset, then shows new posts live", async () => {
    await makeBlog(server, editor.token, "desk-reset");
    for (let batch = 0; batch * 20 <= REPLAY_LIMIT; batch++) {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          server.api("POST", "/api/blogs/desk-reset/posts", {
            token: editor.token,
            body: { blocks: [paragraph(`Update ${batch * 20 + i}`)] },
          }),
        ),
      );
    }
    const desk = await signedIn(browser, server, editor);
    const { page } = desk;
    // The desk's stream (shared by the browser's desk tabs) resumes the blog from its start,
    // as one kept open for hours would.
    let resumed = false;
    await page.route("**/api/desk/events*", (route) => {
      if (resumed) return route.continue();
      resumed = true;
      const url = new URL(route.request().url());
      url.searchParams.set("blogs", "desk-reset:1");
      return route.continue({ url: url.href });
    });
    const listReads: string[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (
        url.pathname === "/api/blogs/desk-reset/posts" &&
        url.searchParams.get("status") === "published"
      )
        listReads.push(request.url());
    });
    await openBlogDesk(desk, server, "desk-reset");
    expect(resumed).toBe(true);
    // Once when the stream opened, once more on its reset.
    await expect.poll(() => listReads.length, { timeout: 10_000 }).toBe(2);
    await page.getByText(`Update ${REPLAY_LIMIT}`, { exact: true }).first().waitFor();

    await server.api("POST", "/api/blogs/desk-reset/posts", {
      token: editor.token,
      body: { blocks: [paragraph("After the reset")] },
    });
    await page.getByText("After the reset").waitFor({ timeout: 5000 });
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  }, 120_000);
});
