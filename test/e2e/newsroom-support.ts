// The newsroom most browser tests open on: a test server and Chromium started together, the
// people a file's tests need (at most one a role, under the names its pages show), a fresh blog
// made by the first of them, a desk for any of them signed in through the app's own form and
// open on that blog, and one close for all of it.

import type { Browser } from "playwright-core";
import type { Role } from "../../src/core/user.js";
import { launchBrowser } from "../helpers/browser.js";
import { startTestServer, type TestServer, type TestUser } from "../helpers/server.js";
import {
  type Desk,
  ensureEditorBuilt,
  makeBlog,
  openBlogDesk,
  signedIn,
} from "./editor-support.js";

export interface Newsroom<R extends Role> {
  server: TestServer;
  browser: Browser;
  slug: string;
  people: Record<R, TestUser>;
  /** `person` signed in through the sign-in form, with this blog's desk open. */
  deskFor(person: TestUser, place?: { timezoneId?: string; locale?: string }): Promise<Desk>;
  /** Closes the browser, then the server. */
  close(): Promise<void>;
}

export interface NewsroomOptions<R extends Role> {
  slug: string;
  /** Who works here: a name for each role, in order; the first person makes the blog. */
  people: Record<R, string>;
  /** Blog fields beyond its slug and the title made from it. */
  blog?: Record<string, unknown>;
  server?: Parameters<typeof startTestServer>[0];
  /**
   * Whether desks will be opened, so the newsroom app must be built first (it is unless an
   * up-to-date build is there). Tests of the reader's side alone say false.
   */
  desks?: boolean;
}

export async function startNewsroom<R extends Role>(
  options: NewsroomOptions<R>,
): Promise<Newsroom<R>> {
  if (options.desks !== false) await ensureEditorBuilt();
  const [started, launched] = await Promise.allSettled([
    startTestServer(options.server),
    launchBrowser(),
  ]);
  const server = started.status === "fulfilled" ? started.value : undefined;
  const browser = launched.status === "fulfilled" ? launched.value : undefined;
  const close = async () => {
    await browser?.close();
    await server?.close();
  };
  if (!server || !browser) {
    await close();
    const failed = [started, launched].find((r) => r.status === "rejected");
    throw (failed as PromiseRejectedResult).reason;
  }
  const { slug } = options;
  try {
    const people = {} as Record<R, TestUser>;
    for (const [role, name] of Object.entries(options.people) as [R, string][]) {
      people[role] = await server.userFor(role, name);
    }
    const [owner] = Object.values<TestUser>(people);
    if (!owner) throw new Error("A newsroom needs someone to make its blog");
    await makeBlog(server, owner.token, slug, options.blog);
    return {
      server,
      browser,
      slug,
      people,
      async deskFor(person, place = {}) {
        const desk = await signedIn(browser, server, person, place);
        await openBlogDesk(desk, server, slug);
        return desk;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
