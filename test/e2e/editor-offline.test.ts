// Field mode in Chromium: with the connection down a reporter still publishes; the posts wait
// in IndexedDB (shown as a queue), survive a reload made offline, and go out in order once the
// server can be reached, each exactly once, even when the answer to a send that did arrive was
// lost.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer, TestUser } from "../helpers/server.js";
import { composerBody, postsContaining, typePost, waitForServiceWorker } from "./editor-support.js";
import { type Newsroom, startNewsroom } from "./newsroom-support.js";

const slug = `shelter-${process.pid}`;
let newsroom: Newsroom<"editor" | "reporter">;
let server: TestServer;
let reporter: TestUser;

beforeAll(async () => {
  newsroom = await startNewsroom({
    slug,
    people: { editor: "Eda Editor", reporter: "Rui Reporter" },
  });
  server = newsroom.server;
  reporter = newsroom.people.reporter;
}, 180_000);

afterAll(() => newsroom?.close());

describe("field mode", () => {
  it("queues posts published offline and sends each exactly once, also after a reload", async () => {
    const desk = await newsroom.deskFor(reporter);
    const { page, context } = desk;

    // The app is kept on the device for field use once its service worker runs.
    await waitForServiceWorker(page);
    await context.setOffline(true);
    await page.getByText("Offline", { exact: true }).waitFor();
    await typePost(page, "Generator failing at the shelter.");
    await page.getByText("Offline — saved on this device").waitFor();
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await page.getByRole("heading", { name: "1 post waiting to send" }).waitFor();
    await typePost(page, "Second generator brought in.");
    await page.keyboard.press("ControlOrMeta+Enter");
    await page.getByRole("heading", { name: "2 posts waiting to send" }).waitFor();
    expect(await page.locator(".outbox li").allTextContents()).toEqual([
      expect.stringContaining("Generator failing"),
      expect.stringContaining("Second generator"),
    ]);

    // A third update is only started: offline, its draft is kept on this device.
    await typePost(page, "Half-written note about fuel.");
    await page.getByText("Offline — saved on this device").waitFor();

    // A reload with no connection at all: the app comes from the device (service worker),
    // opens as the person last signed in, and reads the queue back from IndexedDB.
    await page.reload();
    await page.getByRole("heading", { name: "2 posts waiting to send" }).waitFor();
    await page.getByText(/Unsent work on this device/).waitFor();
    await page.getByRole("button", { name: "Restore" }).click();
    await composerBody(page).getByText("Half-written note about fuel.").waitFor();
    expect(await postsContaining(server, slug, "Generator")).toHaveLength(0);

    // Back online, but the network is flaky: the first send reaches the server and its answer
    // is lost; every other send fails until the connection settles.
    let lost = false;
    let settled = false;
    await context.route("**/api/blogs/*/posts", async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      if (!lost) {
        lost = true;
        await route.fetch();
        return route.abort("internetdisconnected");
      }
      return settled ? route.continue() : route.abort("internetdisconnected");
    });
    await context.setOffline(false);
    await expect.poll(() => lost).toBe(true);
    await expect.poll(() => postsContaining(server, slug, "Generator failing")).toHaveLength(1);
    await page.getByRole("heading", { name: "2 posts waiting to send" }).waitFor();

    settled = true;
    await page.getByRole("heading", { name: /waiting to send/ }).waitFor({ state: "detached" });
    await page.locator(".timeline").getByText("Second generator brought in.").waitFor();
    const first = await postsContaining(server, slug, "Generator failing");
    const second = await postsContaining(server, slug, "Second generator");
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
    const all = (await server.api("GET", `/api/blogs/${slug}/posts`)).json.posts;
    expect(all).toHaveLength(2);
    // Sent in the order they were written: the newest (listed first) is the second.
    expect(all[0].id).toBe(second[0]?.id);
    expect(desk.problems).toEqual([]);
    await context.close();
  }, 90_000);
});
