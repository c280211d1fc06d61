// One laptop, two people: what a reporter queued or kept offline is theirs, not the browser's.
// Rui queues a post and leaves a half-written one offline, then signs out (offline, so the
// session is ended on the next start); Eda (an editor,
// whose posts need no approval) signs in on the same browser. Nothing of Rui's goes out under
// Eda's name or is offered to her; once Rui signs in again, his post goes out under his name.

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer, TestUser } from "../helpers/server.js";
import {
  composerBody,
  openBlogDesk,
  openPage,
  postsContaining,
  typePost,
  waitForServiceWorker,
} from "./editor-support.js";
import { type Newsroom, startNewsroom } from "./newsroom-support.js";

const slug = `bridge-${process.pid}`;
let newsroom: Newsroom<"editor" | "reporter">;
let server: TestServer;
let browser: Browser;
let rui: TestUser;
let eda: TestUser;

beforeAll(async () => {
  newsroom = await startNewsroom({
    slug,
    people: { editor: "Eda Editor", reporter: "Rui Reporter" },
    blog: { reporterMode: "approval" },
  });
  ({ server, browser } = newsroom);
  ({ editor: eda, reporter: rui } = newsroom.people);
}, 180_000);

afterAll(() => newsroom?.close());

describe("field mode on a shared device", () => {
  it("keeps a signed-out reporter's queued post for him, never sending it as the next person", async () => {
    const desk = await openPage(browser);
    const { page, context } = desk;
    const signIn = async (user: TestUser) => {
      await page.getByLabel("Email").fill(user.email);
      await page.getByLabel("Password").fill(user.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { name: "Live blogs" }).waitFor();
      await openBlogDesk(desk, server, slug);
    };
    await page.goto(`${server.url}/admin`);
    await signIn(rui);
    await waitForServiceWorker(page);

    // Rui, offline: one post queued, one only started (kept on this device).
    await context.setOffline(true);
    await page.getByText("Offline", { exact: true }).waitFor();
    await typePost(page, "Bridge closed to traffic.");
    await page.getByText("Offline — saved on this device").waitFor();
    await page.getByRole("button", { name: "Submit for approval" }).click();
    await page.getByRole("heading", { name: "1 post waiting to send" }).waitFor();
    await typePost(page, "Half-written note on the detour.");
    await page.getByText("Offline — saved on this device").waitFor();

    // He signs out while still offline; the connection returns and Eda signs in.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("Email").waitFor();
    await context.setOffline(false);
    // A reload before anyone signs in: his session, still alive on the server since he signed
    // out offline, is ended first; the app does not open as him.
    await page.reload();
    await page.getByLabel("Email").waitFor();
    expect(await page.getByText("Rui Reporter").count()).toBe(0);
    expect((await context.cookies()).filter((c) => c.name === "dispatch_session")).toEqual([]);
    await signIn(eda);

    // Her own post goes out at once, so the outbox is running for her...
    await typePost(page, "Desk update from Eda.");
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await expect.poll(() => postsContaining(server, slug, "Desk update from Eda")).toHaveLength(1);
    await page.getByText("Desk update from Eda.").first().waitFor();
    // ...and Rui's is not among what it sent: it is kept for him, and so are his words.
    expect(await postsContaining(server, slug, "Bridge closed")).toEqual([]);
    await page
      .getByText("1 post queued by another person on this device is kept for them.")
      .waitFor();
    await page
      .getByText("1 unsent draft by another person on this device is kept for them.")
      .waitFor();
    expect(await page.getByText(/Half-written note|Bridge closed/).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Restore" }).count()).toBe(0);
    await page.waitForTimeout(1500);
    expect(await postsContaining(server, slug, "Bridge closed")).toEqual([]);

    // Eda signs out; Rui signs in again and his post goes out under his own name.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("Email").waitFor();
    await signIn(rui);
    // Submitted for approval, as his posts are on this blog: Eda's session would have skipped it.
    const submitted = async () => {
      const answer = await server.api("GET", `/api/blogs/${slug}/posts?status=submitted`, {
        token: eda.token,
      });
      return (answer.json.posts as { html: string; author: { name: string } }[])
        .filter((post) => post.html.includes("Bridge closed"))
        .map((post) => post.author.name);
    };
    await expect.poll(submitted).toEqual(["Rui Reporter"]);
    await page.getByRole("heading", { name: /waiting to send/ }).waitFor({ state: "detached" });
    expect(await postsContaining(server, slug, "Bridge closed")).toEqual([]);
    expect(await page.getByText(/kept for them/).count()).toBe(0);
    await page.getByText(/Unsent work on this device/).waitFor();
    await page.getByRole("button", { name: "Restore" }).click();
    await composerBody(page).getByText("Half-written note on the detour.").waitFor();
    expect(desk.problems).toEqual([]);
    await context.close();
  });

  it("asks whose a post queued before owners were recorded is, and sends it only when claimed", async () => {
    const desk = await newsroom.deskFor(eda);
    const { page, context } = desk;
    // What an older version of the app left in the outbox: no writer recorded.
    await page.evaluate(async (blog) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open("dispatch-newsroom");
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      await new Promise((resolve, reject) => {
        const tx = db.transaction("outbox", "readwrite");
        tx.objectStore("outbox").put({
          key: crypto.randomUUID(),
          seq: 1,
          slug: blog,
          kind: "create",
          body: { title: "", blocks: [{ type: "paragraph", text: "Ferry service resumes." }] },
          label: "Ferry service resumes.",
          queuedAt: new Date().toISOString(),
          attempts: 0,
        });
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
    }, slug);
    await page.reload();
    await page.getByText("Live updates on").waitFor();
    await page.getByText(/before it noted who queued them: “Ferry service resumes\.”/).waitFor();
    await page.waitForTimeout(1500);
    expect(await postsContaining(server, slug, "Ferry service")).toEqual([]);

    await page.getByRole("button", { name: "They are mine" }).click();
    await page.getByRole("button", { name: "Yes, send them as mine" }).click();
    await expect.poll(() => postsContaining(server, slug, "Ferry service")).toHaveLength(1);
    const [sent] = (await server.api("GET", `/api/blogs/${slug}/posts`)).json.posts.filter(
      (post: { html: string }) => post.html.includes("Ferry service"),
    );
    expect(sent.author.name).toBe("Eda Editor");
    await page.getByText(/before it noted who queued them/).waitFor({ state: "detached" });
    expect(desk.problems).toEqual([]);
    await context.close();
  });
});
