// What the hostile-content tests watch for in Chromium: a vector that ran (`__xss(id)` called
// from any frame), a dialog, a refusal by the Content-Security-Policy (markup got through the
// escaping, even if the policy then stopped it), a page error, and any request to an origin a
// page has no business asking: the canary (a real local HTTP server, which also counts what
// reaches it from anywhere, the Dispatch server included) or anything off-site that is not an
// image host a post names or an embed provider. Off-site requests never leave the machine.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page } from "playwright-core";

/** Hosts a page may legitimately ask: image hosts the corpus uses, and embed providers. */
const EXPECTED_HOSTS = new Set([
  "images.example",
  "www.youtube-nocookie.com",
  "player.vimeo.com",
  "platform.twitter.com",
  "www.openstreetmap.org",
]);

export interface Canary {
  origin: string;
  hits: string[];
  close(): Promise<void>;
}

export async function startCanary(): Promise<Canary> {
  const hits: string[] = [];
  const server: Server = createServer((request, response) => {
    hits.push(`${request.method} ${request.url}`);
    // Whatever asked gets something that would run if it were ever taken as a script.
    response.writeHead(200, { "content-type": "text/javascript" });
    response.end("__xss(-1)");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface Watched {
  context: BrowserContext;
  /** Everything seen that should not have happened, each saying where. */
  problems: string[];
  /** The page (URL) being looked at, for the problems' sake. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * A browser context under watch. `enforceCsp: false` opens pages as if they carried no
 * policy, so the escaping alone is what stands between a vector and the reader.
 */
export async function watchedContext(
  browser: Browser,
  options: {
    serverUrl: string;
    canary: Canary;
    enforceCsp: boolean;
    cookie?: string;
    /** Hosts the newsroom chose images from (an image may be any https URL). */
    imageHosts?: readonly string[];
  },
): Promise<Watched> {
  const server = new URL(options.serverUrl);
  const context = await browser.newContext({
    bypassCSP: !options.enforceCsp,
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(15_000);
  const problems: string[] = [];
  const where = (page: Page | null | undefined) => page?.url() ?? "(no page)";
  if (options.cookie) {
    const [name, value] = options.cookie.split("=") as [string, string];
    await context.addCookies([{ name, value, url: options.serverUrl }]);
  }
  await context.exposeBinding("__xss", (source, id: unknown) => {
    problems.push(`vector ${String(id)} ran on ${source.frame.url()}`);
  });
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.origin === server.origin || url.origin === options.canary.origin) {
      return route.continue();
    }
    return route.abort();
  });
  context.on("request", (request) => {
    const url = new URL(request.url());
    if (url.origin === server.origin || url.protocol === "data:" || url.protocol === "blob:") {
      return;
    }
    if (url.protocol === "https:" && EXPECTED_HOSTS.has(url.hostname)) return;
    const image = request.resourceType() === "image" && !request.isNavigationRequest();
    if (image && url.protocol === "https:" && options.imageHosts?.includes(url.hostname)) return;
    const kind = `${request.resourceType()}${request.isNavigationRequest() ? ", navigation" : ""}`;
    problems.push(`request (${kind}) to ${request.url()} from ${where(request.frame().page())}`);
  });
  const watchPage = (page: Page) => {
    page.on("dialog", (dialog) => {
      problems.push(`dialog "${dialog.message()}" on ${where(page)}`);
      void dialog.dismiss().catch(() => {});
    });
    page.on("pageerror", (error) =>
      problems.push(`page error on ${where(page)}: ${error.message}`),
    );
    page.on("console", (message) => {
      const text = message.text();
      if (/Content Security Policy/i.test(text)) problems.push(`CSP on ${where(page)}: ${text}`);
    });
  };
  context.on("page", watchPage);
  return {
    context,
    problems,
    newPage: () => context.newPage(),
    close: () => context.close(),
  };
}

/** Every JSON-LD block of the page, parsed: a headline that broke out of one fails here. */
export async function jsonLdOf(page: Page): Promise<unknown[]> {
  const blocks = await page
    .locator('script[type="application/ld+json"]')
    .evaluateAll((scripts) => scripts.map((script) => script.textContent ?? ""));
  return blocks.map((block) => JSON.parse(block) as unknown);
}

/**
 * Markup on the page that only injection could have put there, whether or not anything ran:
 * an event-handler attribute, a script that is neither our own file, JSON-LD nor the page's
 * one block of interface words, a link or
 * form to a script URL, a frame that is not an embed provider's, a `<base>`, a refresh.
 */
export async function injectedMarkup(page: Page): Promise<string[]> {
  return page.evaluate(
    (frameHosts) => {
      const found: string[] = [];
      const origin = location.origin;
      const describe = (el: Element) => el.outerHTML.slice(0, 160);
      const safeUrl = (value: string, schemes: string[]) => {
        try {
          return schemes.includes(new URL(value, location.href).protocol);
        } catch {
          return false;
        }
      };
      for (const el of document.querySelectorAll("*")) {
        for (const attribute of el.getAttributeNames()) {
          if (/^on/i.test(attribute) || attribute === "srcdoc" || attribute === "formaction") {
            found.push(`${attribute} on ${describe(el)}`);
          }
        }
      }
      // Ours: the live script's file, JSON-LD, and the one block of interface words (data,
      // never run) that the page hands live.js, a child of the body outside any post.
      const messages = document.querySelectorAll('script[type="application/json"]');
      const ownMessages = (script: HTMLScriptElement) =>
        script.id === "reader-messages" &&
        messages.length === 1 &&
        script.parentElement === document.body;
      for (const script of document.querySelectorAll("script")) {
        const own = script.src && new URL(script.src).origin === origin;
        if (!own && script.type !== "application/ld+json" && !ownMessages(script)) {
          found.push(`script ${describe(script)}`);
        }
      }
      for (const el of document.querySelectorAll("a[href], area[href]")) {
        const href = el.getAttribute("href") ?? "";
        if (!safeUrl(href, ["http:", "https:", "mailto:"])) found.push(`link ${describe(el)}`);
      }
      for (const form of document.querySelectorAll("form[action]")) {
        const action = new URL(form.getAttribute("action") ?? "", location.href);
        if (action.origin !== origin) found.push(`form ${describe(form)}`);
      }
      for (const frame of document.querySelectorAll("iframe")) {
        if (!frameHosts.includes(new URL(frame.src, location.href).origin)) {
          found.push(`frame ${describe(frame)}`);
        }
      }
      for (const el of document.querySelectorAll(
        "base, embed, object, frameset, meta[http-equiv], link[rel=import], link[rel=prefetch]",
      )) {
        found.push(`element ${describe(el)}`);
      }
      for (const link of document.querySelectorAll("link[href]")) {
        const rel = link.getAttribute("rel") ?? "";
        if (
          /stylesheet|preload|modulepreload/.test(rel) &&
          new URL((link as HTMLLinkElement).href).origin !== origin
        ) {
          found.push(`link ${describe(link)}`);
        }
      }
      return found;
    },
    [...EXPECTED_HOSTS].filter((h) => h !== "images.example").map((h) => `https://${h}`),
  );
}
