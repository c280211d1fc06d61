// Publishing while the server does not answer: between the desk and a real server sits a
// proxy that lets the first publish through but loses its answer (the worst case: the post
// was made, the desk cannot know). The desk stops waiting at its deadline and says so, keeps
// the post on the device, and sends it again under the same Idempotency-Key: one post.

import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { startTestServer, type TestServer, type TestUser } from "../helpers/server.js";
import {
  ensureEditorBuilt,
  makeBlog,
  openBlogDesk,
  postsContaining,
  signedIn,
  typePost,
} from "./editor-support.js";

let server: TestServer;
let browser: Browser;
let editor: TestUser;
let proxy: http.Server;
let proxyUrl: string;
/** The next publish's answer is lost; the keys of every publish the proxy saw. */
let loseNextAnswer = false;
const publishKeys: string[] = [];
const lost: http.ServerResponse[] = [];

beforeAll(async () => {
  await ensureEditorBuilt();
  server = await startTestServer();
  browser = await launchBrowser();
  editor = await server.userFor("editor", "Tim Out");
  const upstream = new URL(server.url);
  proxy = http.createServer((req, res) => {
    const publishing = req.method === "POST" && /^\/api\/blogs\/[^/]+\/posts$/.test(req.url ?? "");
    if (publishing) publishKeys.push(String(req.headers["idempotency-key"]));
    const losing = publishing && loseNextAnswer;
    if (losing) loseNextAnswer = false;
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        if (losing) {
          // The server has made the post; its answer never reaches the desk.
          answer.resume();
          lost.push(res);
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", () => res.destroy());
    res.on("close", () => forward.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}, 180_000);

afterAll(async () => {
  for (const res of lost) res.destroy();
  proxy?.closeAllConnections();
  await new Promise((resolve) => proxy?.close(resolve));
  await browser?.close();
  await server?.close();
});

describe("a publish the server does not answer", () => {
  it("times out with a message, keeps the post, and sends it once", async () => {
    const slug = `quake-${process.pid}`;
    await makeBlog(server, editor.token, slug);
    const through = { ...server, url: proxyUrl };
    const desk = await signedIn(browser, through, editor);
    await openBlogDesk(desk, through, slug);
    const { page } = desk;
    await typePost(page, "Aftershock felt downtown at 9:14.");
    loseNextAnswer = true;
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await page
      .getByText("The server did not answer in 15 s. Your post is kept on this device")
      .waitFor({ timeout: 25_000 });
    // Sent again at once, under the key of the lost attempt: the server answers with the post
    // it already made, and the desk shows it once.
    await page
      .locator(".timeline article", { hasText: "Aftershock felt downtown" })
      .waitFor({ timeout: 10_000 });
    await expect.poll(() => publishKeys.length).toBeGreaterThanOrEqual(2);
    expect(new Set(publishKeys).size).toBe(1);
    expect(await postsContaining(server, slug, "Aftershock felt downtown")).toHaveLength(1);
    await expect.poll(() => page.locator(".outbox").count()).toBe(0);
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  }, 60_000);
});
