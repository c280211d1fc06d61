// People management in Chromium: an admin promotes and demotes a reporter (the demotion signs
// them out), cannot step down as the last admin, resets the reporter's password to a generated
// temporary one, and reads both in the audit log; the reporter signs in with the temporary
// password and must choose a new one first.

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { startTestServer, type TestServer, type TestUser } from "../helpers/server.js";
import { ensureEditorBuilt, openPage, signedIn } from "./editor-support.js";

let server: TestServer;
let browser: Browser;
let admin: TestUser;
let reporter: TestUser;

beforeAll(async () => {
  await ensureEditorBuilt();
  server = await startTestServer();
  browser = await launchBrowser();
  admin = await server.userFor("admin", "Ada Admin");
  reporter = await server.userFor("reporter", "Rui Reporter");
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("people management", () => {
  it("changes a role, resets a password, and makes the user choose a new one", async () => {
    const elsewhere = await server.signIn(reporter.email, reporter.password);
    const desk = await signedIn(browser, server, admin);
    const { page } = desk;
    await page.getByRole("link", { name: "Users" }).click();
    const role = page.getByLabel(`Role of ${reporter.email}`);

    await role.selectOption("editor");
    await page.getByText(`${reporter.email} is now an editor.`).waitFor();
    await role.selectOption("reporter");
    const ask = page.getByRole("dialog");
    await ask.getByText("signed out everywhere").waitFor();
    await ask.getByRole("button", { name: "Make a reporter" }).click();
    await page.getByText(`${reporter.email} is now a reporter.`).waitFor();
    const session = { cookie: elsewhere.cookie, "x-csrf-token": elsewhere.csrfToken };
    expect((await server.api("GET", "/api/session", { headers: session })).status).toBe(401);

    // The only admin cannot step down: the refusal is shown and the role stays as it was.
    const own = page.getByLabel(`Role of ${admin.email}`);
    await own.selectOption("editor");
    await page.getByRole("dialog").getByRole("button", { name: "Make an editor" }).click();
    await page.getByText("Ada Admin is the newsroom's last admin").waitFor();
    expect(await own.inputValue()).toBe("admin");

    await page.getByRole("button", { name: `Reset password of ${reporter.email}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Reset password" }).click();
    const shown = await page
      .getByText(`Temporary password for ${reporter.email} (shown once)`)
      .textContent();
    const temporary = /: (\S+)$/.exec(shown ?? "")?.[1] ?? "";
    expect(temporary).toMatch(/^\S{10,}$/);
    await page.getByText("(must change password)").waitFor();

    await page.getByRole("link", { name: "Audit log" }).click();
    await page
      .getByText("changed Rui Reporter's role from editor to reporter; signed them out everywhere")
      .waitFor();
    await page.getByText("reset Rui Reporter's password to a generated temporary one").waitFor();
    expect(desk.problems).toEqual([]);
    await desk.context.close();

    const rui = await openPage(browser);
    await rui.page.goto(`${server.url}/admin`);
    await rui.page.getByLabel("Email").fill(reporter.email);
    await rui.page.getByLabel("Password").fill(temporary);
    await rui.page.getByRole("button", { name: "Sign in" }).click();
    await rui.page.getByRole("heading", { name: "Choose a new password" }).waitFor();
    expect(await rui.page.getByRole("link", { name: "API tokens" }).count()).toBe(0);
    await rui.page.getByLabel("Temporary password").fill(temporary);
    await rui.page.getByLabel("New password", { exact: true }).fill("rui's own passphrase");
    await rui.page.getByLabel("Repeat new password").fill("rui's own passphrase");
    await rui.page.getByRole("button", { name: "Save new password" }).click();
    await rui.page.getByRole("heading", { name: "Live blogs" }).waitFor();
    const again = await server.api("POST", "/api/session", {
      body: { email: reporter.email, password: "rui's own passphrase" },
    });
    expect(again.status).toBe(200);
    expect(again.json.user.mustChangePassword).toBe(false);
    expect(rui.problems).toEqual([]);
    await rui.context.close();
  });
});
