// The webhooks screens in Chromium: an admin registers an endpoint for one blog, sees its
// signing secret once (and the receiver verifies a delivery with it), sees the delivery in
// the endpoint's list with its status and answer, and presses "Send again", which delivers
// the same message once more.

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { paragraph, startTestServer, type TestServer, type TestUser } from "../helpers/server.js";
import { type Receiver, startReceiver } from "../webhooks/receiver.js";
import { ensureEditorBuilt, signedIn } from "./editor-support.js";

let server: TestServer;
let browser: Browser;
let admin: TestUser;
let receiver: Receiver;

beforeAll(async () => {
  await ensureEditorBuilt();
  server = await startTestServer({ env: { FETCH_ALLOW_PRIVATE: "1" } });
  browser = await launchBrowser();
  admin = await server.userFor("admin", "Ada Admin");
  receiver = await startReceiver();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await receiver?.close();
});

describe("webhooks screens", () => {
  it("registers an endpoint, shows its secret once, lists a delivery and sends it again", async () => {
    const made = await server.api("POST", "/api/blogs", {
      token: admin.token,
      body: { slug: "wires", title: "Wires" },
    });
    expect(made.status).toBe(201);
    const desk = await signedIn(browser, server, admin);
    const { page } = desk;
    await page.getByRole("link", { name: "Webhooks" }).click();
    await page.getByLabel("Address (URL)").fill(receiver.url);
    await page.getByLabel("Description").fill("Push desk");
    await page.getByLabel("Every blog, also those made later").uncheck();
    await page.getByLabel("Wires").check();
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const secret = await page.getByLabel("Signing secret").inputValue();
    expect(secret).toMatch(/^whsec_/);

    const post = await server.api("POST", "/api/blogs/wires/posts", {
      token: admin.token,
      body: { blocks: [paragraph("Wire copy arrives")] },
    });
    expect(post.status).toBe(201);
    await receiver.waitFor(1);
    const [first] = receiver.verified(secret);
    expect(first?.type).toBe("post.published");

    await page.getByRole("link", { name: receiver.url }).click();
    // The secret is not shown again on the endpoint's own page.
    expect(await page.getByLabel("Signing secret").count()).toBe(0);
    const row = page.locator(`tr[data-delivery="${first?.id}"]`);
    await row.getByText("Delivered").waitFor({ timeout: 15_000 });
    await row.getByText("200").waitFor();
    await row.getByRole("button", { name: "Send again" }).click();
    await receiver.waitFor(2);
    expect(receiver.verified(secret).map((d) => d.id)).toEqual([first?.id, first?.id]);
    await row.getByText("Delivered").waitFor({ timeout: 15_000 });
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });
});
