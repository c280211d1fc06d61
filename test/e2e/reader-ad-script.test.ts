// A publisher's ad script in Chromium. A second local server plays the ad network: its
// tag.js fills each slot on the page at load and each new slot announced by `dispatch:slot`
// with an image, a frame and a bid fetched from its own origin. With AD_SCRIPT_ORIGINS and
// AD_SCRIPT_URL naming it, the live page of a blog with ad slots loads the script and all of
// it works under the page's policy, without one policy refusal. Without the setting the same
// script, added to the page by hand, is refused by the policy and never even requested.

import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { paragraph, startTestServer } from "../helpers/server.js";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGM4ISKHFTEMLQkAlrA+gUEUt8oAAAAASUVORK5CYII=",
  "base64",
);

/** The ad network's script: what a publisher's tag does with the slots, in a few lines. */
const TAG = (origin: string) => `(() => {
  const fill = (slot) => {
    if (slot.dataset.filled) return;
    slot.dataset.filled = "1";
    const img = document.createElement("img");
    img.alt = "Advertisement " + slot.dataset.slot;
    img.onload = () => { slot.dataset.image = "loaded"; };
    img.src = "${origin}/ad.png";
    const frame = document.createElement("iframe");
    frame.title = "Ad " + slot.dataset.slot;
    frame.src = "${origin}/frame.html?slot=" + slot.dataset.slot;
    slot.append(img, frame);
    fetch("${origin}/bid?slot=" + slot.dataset.slot)
      .then((answer) => answer.json())
      .then((bid) => { slot.dataset.bid = bid.price; }, () => { slot.dataset.bid = "refused"; });
  };
  addEventListener("message", (event) => {
    if (event.origin !== "${origin}") return;
    const slot = document.querySelector('.ad-slot[data-slot="' + event.data.slot + '"]');
    if (slot) slot.dataset.framed = "1";
  });
  document.addEventListener("dispatch:slot", (event) => fill(event.target));
  for (const slot of document.querySelectorAll(".ad-slot")) fill(slot);
})();`;

const FRAME = (parent: string) =>
  `<!doctype html><title>Ad</title><script>parent.postMessage({slot: new URLSearchParams(location.search).get("slot")}, ${JSON.stringify(parent)});</script>`;

let browser: Browser;
let adNetwork: http.Server;
let adOrigin: string;
/** The paths the ad network was asked for, in order. */
const requested: string[] = [];
let readerOrigin = "*";

beforeAll(async () => {
  adNetwork = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://ads.local");
    requested.push(url.pathname);
    const send = (type: string, body: string | Buffer) =>
      res.writeHead(200, { "content-type": type, "access-control-allow-origin": "*" }).end(body);
    if (url.pathname === "/tag.js") send("text/javascript", TAG(adOrigin));
    else if (url.pathname === "/ad.png") send("image/png", PNG);
    else if (url.pathname === "/frame.html") send("text/html", FRAME(readerOrigin));
    else if (url.pathname === "/bid") send("application/json", JSON.stringify({ price: "0.42" }));
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => adNetwork.listen(0, "127.0.0.1", resolve));
  adOrigin = `http://127.0.0.1:${(adNetwork.address() as AddressInfo).port}`;
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => adNetwork?.close(resolve));
});

/** A server (with `env`) and a blog with a slot after every 2nd of its 6 posts. */
async function blogWithSlots(env: Record<string, string>) {
  const server = await startTestServer({ env });
  const token = await server.tokenFor("editor");
  const slug = "harbour";
  await server.api("POST", "/api/blogs", { token, body: { slug, title: "Harbour storm" } });
  const set = await server.api("PATCH", `/api/blogs/${slug}`, {
    token,
    body: { adSlots: { every: 2, height: 250 } },
  });
  expect(set.status).toBe(200);
  const publish = async (title: string) => {
    const answer = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token,
      body: { title, blocks: [paragraph("The sea wall is under strain.")] },
    });
    expect(answer.status).toBe(201);
  };
  for (let i = 1; i <= 6; i++) await publish(`Update ${i}`);
  return { server, slug, publish };
}

/** A page that records every policy refusal it meets. */
async function openWatched(url: string): Promise<{ page: Page; refused: () => Promise<string[]> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { __refused: string[] };
    w.__refused = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      w.__refused.push(`${event.effectiveDirective} ${event.blockedURI}`);
    });
  });
  await page.goto(url);
  return {
    page,
    refused: () => page.evaluate(() => (window as unknown as { __refused: string[] }).__refused),
  };
}

const slotsState = (page: Page) =>
  page.$$eval(".ad-slot", (slots) =>
    slots.map((slot) => {
      const { slot: n, image, bid, framed } = (slot as HTMLElement).dataset;
      return { n, image, bid, framed };
    }),
  );

describe("the publisher's ad script", () => {
  it("runs where the setting allows it and fills every slot, new ones too", async () => {
    const { server, slug, publish } = await blogWithSlots({
      AD_SCRIPT_ORIGINS: adOrigin,
      AD_SCRIPT_URL: `${adOrigin}/tag.js`,
    });
    try {
      readerOrigin = server.url;
      const { page, refused } = await openWatched(`${server.url}/live/${slug}`);
      await page.waitForFunction(
        () => document.documentElement.dataset.live === "connected",
        null,
        {
          timeout: 20_000,
        },
      );
      const filled = (n: string) => ({ n, image: "loaded", bid: "0.42", framed: "1" });
      await expect
        .poll(() => slotsState(page), { timeout: 15_000 })
        .toEqual([filled("1"), filled("2")]);
      // Posts arriving live: blocks.js adds a slot above the old ones, and the script hears of it.
      for (const title of ["Update 7", "Update 8"]) await publish(title);
      await expect
        .poll(() => slotsState(page), { timeout: 20_000 })
        .toEqual([filled("3"), filled("1"), filled("2")]);
      expect(await refused()).toEqual([]);
      await page.context().close();
    } finally {
      await server.close();
    }
  }, 120_000);

  it("is refused by the page's policy without the setting, and never requested", async () => {
    const { server, slug } = await blogWithSlots({});
    try {
      const { page, refused } = await openWatched(`${server.url}/live/${slug}`);
      await page.waitForFunction(
        () => document.documentElement.dataset.live === "connected",
        null,
        {
          timeout: 20_000,
        },
      );
      expect(await page.content()).not.toContain(adOrigin);
      requested.length = 0;
      // As a publisher might try: the tag added to the page by a script of the page.
      await page.evaluate((src) => {
        const script = document.createElement("script");
        script.src = src;
        document.head.append(script);
      }, `${adOrigin}/tag.js`);
      await expect
        .poll(refused, { timeout: 10_000 })
        .toEqual([`script-src-elem ${adOrigin}/tag.js`]);
      expect(requested).toEqual([]);
      expect(await slotsState(page)).toEqual([
        { n: "1", image: undefined, bid: undefined, framed: undefined },
        { n: "2", image: undefined, bid: undefined, framed: undefined },
      ]);
      await page.context().close();
    } finally {
      await server.close();
    }
  }, 120_000);
});
