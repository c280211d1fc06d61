// Both embeds on a partner's page in real Chromium: the page comes from a second origin (its
// own server on another port) with aggressive CSS of its own. The script embed renders into a
// shadow root, the iframe embed sizes itself through /embed.js; in both, a post published
// through the API appears live, an edit and a delete follow, the host's CSS does not reach
// the embed and the embed's does not reach the host.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { type BlogWriter, blogWriter } from "./embed-support.js";

let server: TestServer;
let browser: Browser;
let writer: BlogWriter;
let host: Server;
let hostUrl: string;

const HOST_CSS = `
* { color: red !important; font-size: 40px; letter-spacing: 3px; font-family: "Courier New", monospace; }
div { border: 7px dashed lime; padding: 11px; }
p { margin: 33px; }
:root { --accent: lime; --font: Impact; }`;

function hostPage(body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Partner</title>
<style>${HOST_CSS}</style></head><body>
<div id="host-box"><p id="host-text">The partner's own article.</p></div>
${body}
<div style="height: 3000px"></div>
</body></html>`;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  writer = blogWriter(server, await server.tokenFor("editor", "Desk Editor"));
  host = createServer((req, res) => {
    if (req.url === "/favicon.ico") {
      res.writeHead(204);
      res.end();
      return;
    }
    const slug = new URL(req.url ?? "/", "http://host").searchParams.get("slug") ?? "";
    const pages: Record<string, string> = {
      "/plain.html": hostPage(""),
      "/script.html": hostPage(
        `<div id="embed" data-dispatch-blog="${slug}" data-theme="dark" data-accent="#c00" data-font="Georgia, serif"></div>
<script async src="${server.url}/embed.js"></script>`,
      ),
      "/iframe.html": hostPage(
        `<iframe id="frame" src="${server.url}/live/${slug}/embed?accent=%23c00&font=Georgia&theme=light" style="width: 100%; border: 0" title="Live"></iframe>
<script async src="${server.url}/embed.js"></script>`,
      ),
    };
    const page = pages[(req.url ?? "").split("?")[0] ?? ""];
    res.writeHead(page ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
    res.end(page ?? "no");
  });
  await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
  hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await new Promise((resolve) => host?.close(resolve));
});

async function openHost(path: string, slug: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 800, height: 700 } });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(`${hostUrl}${path}?slug=${slug}`);
  // Scroll events and animation frames run for the page in front.
  await page.bringToFront();
  return { page, errors };
}

/** The host element's computed style, as the page shows it. */
function hostStyles(page: Page) {
  return page.evaluate(() => {
    const pick = (node: Element) => {
      const style = getComputedStyle(node);
      return {
        color: style.color,
        fontSize: style.fontSize,
        fontFamily: style.fontFamily,
        border: style.borderTop,
        margin: style.marginTop,
        background: style.backgroundColor,
      };
    };
    return {
      text: pick(document.getElementById("host-text") as Element),
      box: pick(document.getElementById("host-box") as Element),
      body: pick(document.body),
    };
  });
}

const WAIT = { timeout: 20_000 };

describe("the script embed on another origin", () => {
  const slug = "embed-script";
  let ids: string[];
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ids = await writer.newBlog(slug, ["The ferry has docked.", "Passengers are coming ashore."]);
    ({ page, errors } = await openHost("/script.html", slug));
  }, 60_000);
  afterAll(async () => page?.close());

  const shadowText = () =>
    page.evaluate(
      () => document.getElementById("embed")?.shadowRoot?.querySelector(".updates")?.textContent,
    );

  it("renders the blog inside a shadow root", async () => {
    await page.waitForFunction(
      () =>
        document
          .getElementById("embed")
          ?.shadowRoot?.querySelector(".updates")
          ?.textContent?.includes("The ferry has docked."),
      undefined,
      WAIT,
    );
    const title = await page.evaluate(
      () =>
        document.getElementById("embed")?.shadowRoot?.querySelector(".embed-title")?.textContent,
    );
    expect(title).toBe(`Coverage ${slug}`);
    expect(await shadowText()).toContain("Passengers are coming ashore.");
    // Nothing of the embed is in the host's own document.
    expect(await page.evaluate(() => document.querySelectorAll("article").length)).toBe(0);
  });

  it("follows a publish, an edit and a delete live", async () => {
    // The stream is open once the first posts are on screen; give it a moment to attach.
    const fresh = await writer.publish(slug, "The harbour master has spoken.");
    await page.waitForFunction(
      (text) =>
        document
          .getElementById("embed")
          ?.shadowRoot?.querySelector(".updates")
          ?.textContent?.includes(text),
      "The harbour master has spoken.",
      WAIT,
    );
    await writer.edit(slug, fresh, "The harbour master has resigned.");
    await page.waitForFunction(
      () => {
        const text = document
          .getElementById("embed")
          ?.shadowRoot?.querySelector(".updates")?.textContent;
        return text?.includes("has resigned.") && !text.includes("has spoken.");
      },
      undefined,
      WAIT,
    );
    await writer.remove(slug, ids[0] ?? "");
    await page.waitForFunction(
      () =>
        !document
          .getElementById("embed")
          ?.shadowRoot?.querySelector(".updates")
          ?.textContent?.includes("The ferry has docked."),
      undefined,
      WAIT,
    );
    expect(await shadowText()).toContain("Passengers are coming ashore.");
  });

  it("keeps the host's CSS out, and its own in", async () => {
    const inside = await page.evaluate(() => {
      const root = document.getElementById("embed")?.shadowRoot;
      const body = root?.querySelector(".post-body p") as Element;
      const time = root?.querySelector(".post-time") as Element;
      const box = root?.querySelector(".dispatch-embed") as Element;
      const style = getComputedStyle(body);
      return {
        color: style.color,
        fontSize: style.fontSize,
        letterSpacing: style.letterSpacing,
        fontFamily: style.fontFamily,
        margin: style.marginTop,
        accent: getComputedStyle(time).color,
        background: getComputedStyle(box).backgroundColor,
        border: getComputedStyle(box).borderTopWidth,
      };
    });
    // Dark theme text, the chosen accent and font: none of the host's red, 40px, borders.
    expect(inside.color).toBe("rgb(236, 236, 236)");
    expect(inside.fontSize).toBe("16px");
    expect(inside.letterSpacing).toBe("normal");
    expect(inside.fontFamily).toContain("Georgia");
    // Our rule (a post's first paragraph sits flush), not the host's 33px.
    expect(inside.margin).toBe("0px");
    expect(inside.accent).toBe("rgb(204, 0, 0)");
    expect(inside.background).toBe("rgb(18, 18, 18)");
    expect(inside.border).toBe("0px");

    const plain = await browser.newPage({ viewport: { width: 800, height: 700 } });
    await plain.goto(`${hostUrl}/plain.html`);
    expect(await hostStyles(page)).toEqual(await hostStyles(plain));
    await plain.close();
    expect(errors).toEqual([]);
  });

  it("holds new posts behind the new-updates button while the reader is further down", async () => {
    await page.bringToFront();
    await page.evaluate(() => window.scrollTo(0, 2500));
    await writer.publish(slug, "A late arrival at the quay.");
    await page.waitForFunction(
      () => {
        const button = document
          .getElementById("embed")
          ?.shadowRoot?.querySelector(".new-updates") as HTMLElement | null;
        return button && !button.hidden && button.textContent === "1 new update";
      },
      undefined,
      WAIT,
    );
    expect(await shadowText()).not.toContain("A late arrival at the quay.");
    expect(await page.evaluate(() => window.scrollY)).toBe(2500);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForFunction(
      () =>
        document
          .getElementById("embed")
          ?.shadowRoot?.querySelector(".updates")
          ?.textContent?.includes("A late arrival at the quay."),
      undefined,
      WAIT,
    );
  });
});

describe("the iframe embed on another origin", () => {
  const slug = "embed-frame";
  let ids: string[];
  let page: Page;
  let errors: string[];
  let frame: Frame;

  beforeAll(async () => {
    ids = await writer.newBlog(slug, ["The bridge is closed.", "Traffic is diverted north."]);
    ({ page, errors } = await openHost("/iframe.html", slug));
    await page.waitForFunction(
      () => document.getElementById("frame")?.getBoundingClientRect().height !== 150,
      undefined,
      WAIT,
    );
    const found = page.frames().find((f) => f.url().includes("/embed"));
    if (!found) throw new Error("no embed frame");
    frame = found;
    await frame.waitForFunction(
      () => document.documentElement.dataset.live === "connected",
      undefined,
      WAIT,
    );
  }, 60_000);
  afterAll(async () => page?.close());

  const frameText = () => frame.evaluate(() => document.getElementById("updates")?.textContent);

  it("renders the blog, compact, and sizes the iframe to it", async () => {
    expect(await frameText()).toContain("The bridge is closed.");
    expect(await frame.evaluate(() => document.querySelector(".embed-title")?.textContent)).toBe(
      `Coverage ${slug}`,
    );
    expect(await frame.evaluate(() => document.querySelector(".masthead, footer"))).toBeNull();
    const heights = await sizes();
    expect(Math.abs(heights.frame - heights.document)).toBeLessThanOrEqual(2);
    // A post's link opens the reader's permalink in a new tab, not inside the small frame.
    const opened = page.context().waitForEvent("page", WAIT);
    await frame.click("#updates article .post-time");
    const tab = await opened;
    await tab.waitForLoadState();
    expect(tab.url()).toMatch(new RegExp(`/live/${slug}/posts/[0-9a-z]+$`));
    await tab.close();
    expect(frame.url()).toContain(`/live/${slug}/embed`);
  });

  async function sizes() {
    const frameHeight = await page.evaluate(
      () => document.getElementById("frame")?.getBoundingClientRect().height ?? 0,
    );
    const documentHeight = await frame.evaluate(
      () => document.querySelector(".dispatch-embed")?.getBoundingClientRect().height ?? 0,
    );
    return { frame: frameHeight, document: documentHeight };
  }

  it("follows a publish, an edit and a delete live", async () => {
    const fresh = await writer.publish(slug, "A ferry replaces the bridge.");
    await frame.waitForFunction(
      () => document.getElementById("updates")?.textContent?.includes("A ferry replaces"),
      undefined,
      WAIT,
    );
    await writer.edit(slug, fresh, "Two ferries replace the bridge.");
    await frame.waitForFunction(
      () => {
        const text = document.getElementById("updates")?.textContent ?? "";
        return text.includes("Two ferries") && !text.includes("A ferry replaces");
      },
      undefined,
      WAIT,
    );
    await writer.remove(slug, ids[0] ?? "");
    await frame.waitForFunction(
      () => !document.getElementById("updates")?.textContent?.includes("The bridge is closed."),
      undefined,
      WAIT,
    );
  });

  it("grows the iframe as posts arrive", async () => {
    const before = await sizes();
    for (let i = 0; i < 4; i++) await writer.publish(slug, `Queue update ${i}. `.repeat(30));
    await frame.waitForFunction(
      () => document.getElementById("updates")?.textContent?.includes("Queue update 3."),
      undefined,
      WAIT,
    );
    await page.waitForFunction(
      (previous) =>
        (document.getElementById("frame")?.getBoundingClientRect().height ?? 0) > previous + 100,
      before.frame,
      WAIT,
    );
    // Settled: the iframe is as tall as the embed's document, with no scroll bar of its own.
    await expect
      .poll(async () => {
        const now = await sizes();
        return Math.abs(now.frame - now.document);
      }, WAIT)
      .toBeLessThanOrEqual(2);
  });

  it("holds new posts behind the new-updates button while the host page is scrolled past", async () => {
    await page.bringToFront();
    await page.evaluate(() => window.scrollTo(0, 1500));
    // Polled by timer: Chromium stops animation frames in a cross-origin frame scrolled out
    // of view, which is where this one now is.
    const POLL = { ...WAIT, polling: 250 };
    await frame.waitForFunction(
      () => Number(document.documentElement.dataset.hostTop) > 1000,
      undefined,
      POLL,
    );
    await writer.publish(slug, "A late ferry.");
    await frame.waitForFunction(
      () => {
        const button = document.querySelector(".new-updates") as HTMLElement | null;
        return button && !button.hidden && button.textContent === "1 new update";
      },
      undefined,
      POLL,
    );
    expect(await frameText()).not.toContain("A late ferry.");
    expect(await page.evaluate(() => window.scrollY)).toBe(1500);
    await page.evaluate(() => window.scrollTo(0, 0));
    await frame.waitForFunction(
      () => document.getElementById("updates")?.textContent?.includes("A late ferry."),
      undefined,
      WAIT,
    );
  });

  it("keeps the host's CSS out, and its own in", async () => {
    const inside = await frame.evaluate(() => {
      const body = document.querySelector(".post-body p") as Element;
      const style = getComputedStyle(body);
      return {
        color: style.color,
        fontSize: style.fontSize,
        fontFamily: style.fontFamily,
        accent: getComputedStyle(document.querySelector(".post-time") as Element).color,
      };
    });
    expect(inside.color).toBe("rgb(27, 27, 27)");
    expect(inside.fontSize).toBe("16px");
    expect(inside.fontFamily).toContain("Georgia");
    expect(inside.accent).toBe("rgb(204, 0, 0)");
    const plain = await browser.newPage({ viewport: { width: 800, height: 700 } });
    await plain.goto(`${hostUrl}/plain.html`);
    expect(await hostStyles(page)).toEqual(await hostStyles(plain));
    await plain.close();
    expect(errors).toEqual([]);
  });
});
