// Key-event alerts on the live page in real Chromium, under the page's own policy (the worker
// registers only if worker-src allows it): the button appears where the browser has a service
// worker and PushManager and never elsewhere (nor on the lite, AMP or post pages); the worker
// registers with scope /live/; a push delivered to it (through the DevTools protocol, as
// headless Chromium has no push service) shows the alert's title and words; subscribing, which
// needs a real push service, ends in the "could not" state with nothing sent to the blog, or
// in "blocked" when notifications are denied; and axe-core finds nothing with the button shown.

import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";

const AXE_PATH = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

let server: TestServer;
let browser: Browser;
let editor: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  editor = await server.tokenFor("editor", "Alerts Desk");
  await server.api("POST", "/api/blogs", {
    token: editor,
    body: { slug: "flood", title: "Flood watch" },
  });
  await server.api("POST", "/api/blogs", {
    token: editor,
    body: { slug: "flood-ar", title: "متابعة الفيضانات", language: "ar" },
  });
  await server.api("POST", "/api/blogs/flood/posts", {
    token: editor,
    body: { title: "River peaks at noon", keyEvent: true, blocks: [paragraph("Stay away.")] },
  });
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.close();
});

async function newContext(options: Parameters<Browser["newContext"]>[0] = {}) {
  const context = await browser.newContext(options);
  contexts.push(context);
  return context;
}

async function openLive(context: BrowserContext, slug = "flood"): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.url}/live/${slug}`);
  return page;
}

const subscribers = async () =>
  (await server.api("GET", "/api/blogs/flood/alerts", { token: editor })).json.subscribers;

describe("alerts for key events in Chromium", () => {
  it("shows the button, registers the worker with scope /live/, and shows a pushed alert", async () => {
    const context = await newContext();
    await context.grantPermissions(["notifications"], { origin: server.url });
    const page = await openLive(context);
    const box = page.locator(".alerts");
    await box.waitFor({ state: "visible", timeout: 15_000 });
    const button = box.getByRole("button", { name: "Get alerts for key events" });
    expect(await button.isVisible()).toBe(true);
    const worker = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      return { scope: registration.scope, script: registration.active?.scriptURL };
    });
    expect(worker).toEqual({
      scope: `${server.url}/live/`,
      script: `${server.url}/live/alerts-sw.js`,
    });

    // A push as the browser would hand it to the worker once decrypted.
    const cdp = await context.newCDPSession(page);
    const registrations = new Promise<string>((resolve) => {
      cdp.on("ServiceWorker.workerRegistrationUpdated", (event) => {
        const found = event.registrations.find((r) => r.scopeURL === `${server.url}/live/`);
        if (found) resolve(found.registrationId);
      });
    });
    await cdp.send("ServiceWorker.enable");
    const registrationId = await registrations;
    await cdp.send("ServiceWorker.deliverPushMessage", {
      origin: server.url,
      registrationId,
      data: JSON.stringify({
        title: "Flood watch",
        body: "River peaks at noon",
        url: "/live/flood/posts/abc",
        tag: "abc",
      }),
    });
    await page.waitForFunction(
      async () => {
        const registration = await navigator.serviceWorker.ready;
        return (await registration.getNotifications()).length > 0;
      },
      undefined,
      { timeout: 10_000 },
    );
    const shown = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      return (await registration.getNotifications()).map((n) => ({
        title: n.title,
        body: n.body,
        tag: n.tag,
        data: n.data,
      }));
    });
    expect(shown).toEqual([
      {
        title: "Flood watch",
        body: "River peaks at noon",
        tag: "abc",
        data: { url: "/live/flood/posts/abc" },
      },
    ]);

    // Subscribing needs a push service, which headless Chromium lacks: the reader is told it
    // did not work, the button offers it again, and the blog has no subscriber.
    await button.click();
    await page.waitForFunction(
      () => document.querySelector(".alerts-status")?.textContent !== "",
      undefined,
      { timeout: 20_000 },
    );
    expect(await page.locator(".alerts-status").textContent()).toBe(
      "The alerts could not be changed. Please try again.",
    );
    expect(await button.isEnabled()).toBe(true);
    expect(await box.getAttribute("data-state")).toBe("off");
    expect(await subscribers()).toBe(0);
  });

  it("says notifications are blocked when the reader has denied them", async () => {
    const context = await newContext();
    const page = await openLive(context);
    await page.locator(".alerts").waitFor({ state: "visible", timeout: 15_000 });
    // Headless Chromium answers the permission prompt with a refusal.
    await page.getByRole("button", { name: "Get alerts for key events" }).click();
    await page.waitForFunction(
      () => document.querySelector(".alerts-status")?.textContent !== "",
      undefined,
      { timeout: 20_000 },
    );
    expect(await page.evaluate(() => Notification.permission)).toBe("denied");
    expect(await page.locator(".alerts-status").textContent()).toBe(
      "Notifications are blocked for this site in your browser's settings.",
    );
    // Asked again, it says so at once, without another prompt.
    await page.evaluate(() => {
      document.querySelector(".alerts-status")!.textContent = "";
    });
    await page.getByRole("button", { name: "Get alerts for key events" }).click();
    expect(await page.locator(".alerts-status").textContent()).toBe(
      "Notifications are blocked for this site in your browser's settings.",
    );
    expect(await subscribers()).toBe(0);
  });

  it("keeps the button hidden without PushManager, and off the lite, AMP and post pages", async () => {
    const context = await newContext();
    await context.addInitScript(() => {
      // biome-ignore lint/suspicious/noExplicitAny: removing the API a browser may not have
      delete (window as any).PushManager;
    });
    const page = await openLive(context);
    await page.waitForLoadState("load");
    await page.waitForTimeout(500);
    expect(await page.locator(".alerts").count()).toBe(1);
    expect(await page.locator(".alerts").isHidden()).toBe(true);
    const registered = await page.evaluate(
      async () => (await navigator.serviceWorker.getRegistrations()).length,
    );
    expect(registered).toBe(0);

    const posts = await server.api("GET", "/api/blogs/flood/posts");
    const postId = posts.json.posts[0].id as string;
    for (const path of ["/live/flood/lite", "/live/flood/amp", `/live/flood/posts/${postId}`]) {
      const answer = await fetch(`${server.url}${path}`);
      const body = await answer.text();
      expect(answer.status, path).toBe(200);
      expect(body, path).not.toContain('class="alerts"');
      expect(body, path).not.toContain("/assets/alerts.js");
    }
  });

  it("offers alerts in the blog's language, and axe finds nothing with the button shown", async () => {
    const context = await newContext({ bypassCSP: true });
    const page = await openLive(context, "flood-ar");
    await page.locator(".alerts").waitFor({ state: "visible", timeout: 15_000 });
    expect(await page.locator(".alerts-toggle").textContent()).toBe("تلقَّ تنبيهات بأبرز الأحداث");
    await page.addScriptTag({ path: AXE_PATH });
    const violations = await page.evaluate(async () => {
      // biome-ignore lint/suspicious/noExplicitAny: axe is the injected global
      const result = await (window as any).axe.run(document);
      return (result.violations as { id: string; nodes: { target: string[] }[] }[]).map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
      );
    });
    expect(violations).toEqual([]);
  });
});
