// The admin screens in Chromium: an admin adds a reporter (the generated password is shown
// once and works), disables them, makes an API token (shown once, then revoked), reads the
// audit log, and changes their own password; an editor sees none of the admin screens.

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { startTestServer, type TestServer, type TestUser } from "../helpers/server.js";
import { ensureEditorBuilt, signedIn } from "./editor-support.js";

let server: TestServer;
let browser: Browser;
let admin: TestUser;
let editor: TestUser;

beforeAll(async () => {
  await ensureEditorBuilt();
  server = await startTestServer();
  browser = await launchBrowser();
  admin = await server.userFor("admin", "Ada Admin");
  editor = await server.userFor("editor", "Eda Editor");
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("admin screens", () => {
  it("adds and disables a user, issues and revokes a token, and shows the audit log", async () => {
    const desk = await signedIn(browser, server, admin);
    const { page } = desk;
    const email = `new-reporter-${process.pid}@newsroom.example`;
    await page.getByRole("link", { name: "Users" }).click();
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Name").fill("Nia New");
    await page.locator("form").getByLabel("Role").selectOption("reporter");
    await page.getByRole("button", { name: "Add user" }).click();
    const shown = await page.getByText(`Password for ${email} (shown once)`).textContent();
    const password = /: (\S+)$/.exec(shown ?? "")?.[1] ?? "";
    const signIn = await server.api("POST", "/api/session", { body: { email, password } });
    expect(signIn.status).toBe(200);

    await page.getByRole("button", { name: `Disable ${email}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Disable account" }).click();
    await page.getByRole("button", { name: `Enable ${email}` }).waitFor();
    const refused = await server.api("POST", "/api/session", { body: { email, password } });
    expect(refused.status).not.toBe(200);

    await page.getByRole("link", { name: "API tokens" }).click();
    await page.getByLabel("Label").fill("wire importer");
    await page.getByRole("button", { name: "Create token" }).click();
    const token = await page.getByLabel("Token").inputValue();
    expect((await server.api("GET", "/api/tokens", { token })).status).toBe(200);
    await page.getByRole("button", { name: "Revoke wire importer" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
    await page.getByText(/^Revoked/).waitFor();
    expect((await server.api("GET", "/api/tokens", { token })).status).toBe(401);

    await page.getByRole("link", { name: "Audit log" }).click();
    const log = page.getByRole("list", { name: "Audit entries" });
    await log.getByText(`Ada Admin added ${email} as reporter at`).waitFor();
    await log.getByText("Ada Admin revoked the API token “wire importer” at").waitFor();
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });

  it("changes one's own password", async () => {
    const desk = await signedIn(browser, server, editor);
    const { page } = desk;
    expect(await page.getByRole("link", { name: "Users" }).count()).toBe(0);
    await page.getByRole("link", { name: /Eda Editor/ }).click();
    await page.getByLabel("Current password").fill(editor.password);
    await page.getByLabel("New password", { exact: true }).fill("a much longer passphrase");
    await page.getByLabel("Repeat new password").fill("a much longer passphrase");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("Password changed.").waitFor();
    const answer = await server.api("POST", "/api/session", {
      body: { email: editor.email, password: "a much longer passphrase" },
    });
    expect(answer.status).toBe(200);
    await desk.context.close();
  });
});
