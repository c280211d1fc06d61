// Every page the server answers with HTML carries a strict Content-Security-Policy: scripts
// from our own origin only (no 'unsafe-inline', no 'unsafe-eval', no other host), no plugins,
// no <base> rewriting. The GET routes are read from the server's own route table, so a new
// route must be placed here (HTML or not) before this test passes, and each is asked in its
// answering and failing forms, signed in and not.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";
import { strictPolicyProblems } from "./policy.js";

let server: TestServer;
let token: string;
let cookie: string;
const slug = "csp-storm";
let postId: string;
let draftId: string;
let mediaSrc: string;

beforeAll(async () => {
  server = await startTestServer();
  const admin = await server.userFor("admin", "Ada Admin");
  token = admin.token;
  cookie = (await server.signIn(admin.email, admin.password)).cookie;
  await server.api("POST", "/api/blogs", { token, body: { slug, title: "Storm" } });
  const post = await server.api("POST", `/api/blogs/${slug}/posts`, {
    token,
    body: { blocks: [paragraph("The sea wall has been breached.")] },
  });
  postId = post.json.id;
  const draft = await server.api("POST", `/api/blogs/${slug}/posts`, {
    token,
    body: { status: "draft", blocks: [paragraph("Not yet.")] },
  });
  draftId = draft.json.id;
  const form = new FormData();
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGM4ISKHFTEMLQkAlrA+gUEUt8oAAAAASUVORK5CYII=",
    "base64",
  );
  form.append("file", new Blob([new Uint8Array(png)], { type: "image/png" }), "wall.png");
  const upload = await fetch(`${server.url}/api/media`, {
    method: "POST",
    body: form,
    headers: { authorization: `Bearer ${token}` },
  });
  mediaSrc = ((await upload.json()) as { src: string }).src;
}, 60_000);

afterAll(async () => server?.close());

/** The server's GET routes, as full patterns, read from Fastify's printed route tree. */
function getRoutes(): string[] {
  const tree = server.dispatch.app.printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split("\n")) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line.replace(/ {4}/g, "│   "));
    if (!match) continue;
    const depth = (match[1] ?? "").length / 4;
    stack.length = depth;
    const parent = stack.at(-1) ?? "";
    const full = `${parent}${parent && !parent.endsWith("/") && !match[2]?.startsWith("/") ? "/" : ""}${match[2]}`;
    stack.push(full);
    if (match[3]?.split(", ").includes("GET")) routes.push(full);
  }
  return routes;
}

interface Addresses {
  html: boolean;
  paths: string[];
  /** The one departure from the strict policy this route's pages are allowed, and why. */
  allowed?: string;
}

/**
 * The AMP page (GET /live/:slug/amp) is the one deliberate exception: AMP HTML is only AMP
 * when it loads the AMP runtime from cdn.ampproject.org, so its policy names that script
 * source (and allows inline styles, which AMP's boilerplate and runtime need and this check
 * does not judge). Nothing inline runs there either: AMP forbids any other script.
 */
const AMP_RUNTIME_SOURCE = "script source https://cdn.ampproject.org/";

/**
 * Each GET route: the addresses that exercise it (found, missing, malformed) and whether an
 * answer may be HTML at all. Anything HTML must carry a strict policy either way.
 */
function addressesOf(route: string): Addresses | undefined {
  const table: Record<string, Addresses> = {
    "/": { html: false, paths: ["/"] },
    "/live": { html: true, paths: ["/live"] },
    "/live/:slug": {
      html: true,
      paths: [
        `/live/${slug}`,
        "/live/no-such-blog",
        "/live/BAD%20slug",
        `/live/${slug}?before=%3Cx`,
        `/live/${slug}?keyEvents=1`,
        `/live/${slug}?tag=%3Cx`,
      ],
    },
    "/live/:slug/posts/:id": {
      html: true,
      paths: [
        `/live/${slug}/posts/${postId}`,
        `/live/${slug}/posts/nope`,
        `/live/${slug}/posts/%3C`,
      ],
    },
    "/live/:slug/amp": {
      html: true,
      paths: [`/live/${slug}/amp`, "/live/no-such-blog/amp", "/live/BAD%20slug/amp"],
      allowed: AMP_RUNTIME_SOURCE,
    },
    "/live/:slug/lite": {
      html: true,
      paths: [
        `/live/${slug}/lite`,
        "/live/no-such-blog/lite",
        "/live/BAD%20slug/lite",
        `/live/${slug}/lite?before=%3Cx`,
      ],
    },
    "/sitemap.xml": { html: false, paths: ["/sitemap.xml"] },
    "/news-sitemap.xml": { html: false, paths: ["/news-sitemap.xml"] },
    "/robots.txt": { html: false, paths: ["/robots.txt"] },
    "/live/:slug/embed": {
      html: true,
      paths: [
        `/live/${slug}/embed`,
        `/live/${slug}/embed?accent=%23c00&font=Georgia&theme=dark`,
        `/live/${slug}/embed?post=${postId}`,
        `/live/${slug}/embed?post=nope`,
        `/live/${slug}/embed?before=%3Cx`,
        `/live/${slug}/embed?accent=red;x:url(a)&font=%3C/style%3E`,
        "/live/no-such-blog/embed",
      ],
    },
    "/live/:slug/posts/:id/history": {
      html: true,
      paths: [
        `/live/${slug}/posts/${postId}/history`,
        `/live/${slug}/posts/${draftId}/history`,
        `/live/${slug}/posts/%3C/history`,
      ],
    },
    "/live/:slug/figures": {
      html: true,
      paths: [`/live/${slug}/figures`, "/live/no-such-blog/figures"],
    },
    // A post's share card: a PNG, or a plain-text 404; never HTML.
    "/live/:slug/posts/:id/card.png": {
      html: false,
      paths: [
        `/live/${slug}/posts/${postId}/card.png`,
        `/live/${slug}/posts/${draftId}/card.png`,
        `/live/${slug}/posts/%3C/card.png`,
      ],
    },
    "/live/:slug/:day": {
      html: true,
      paths: [
        `/live/${slug}/2020-01-01`,
        `/live/${slug}/2020-02-31`,
        `/live/${slug}/%3Cx%3E`,
        "/live/no-such-blog/2020-01-01",
      ],
    },
    "/live/:slug/search": {
      html: true,
      paths: [
        `/live/${slug}/search?q=a`,
        `/live/${slug}/search?q=%3Cscript%3E`,
        `/live/${slug}/search`,
        `/live/${slug}/search?q=${"a".repeat(201)}`,
        "/live/no-such-blog/search?q=a",
      ],
    },
    "/live/:slug/posts/:id/preview": {
      html: true,
      paths: [`/live/${slug}/posts/${draftId}/preview`, `/live/${slug}/posts/nope/preview`],
    },
    // Feeds and oEmbed: XML and JSON, never HTML (their errors are the API's JSON).
    ...Object.fromEntries(
      ["atom", "rss", "json"].map((format) => [
        `/live/:slug/feed.${format}`,
        {
          html: false,
          paths: [`/live/${slug}/feed.${format}`, `/live/no-such-blog/feed.${format}`],
        },
      ]),
    ),
    "/live/feed.atom": { html: false, paths: ["/live/feed.atom"] },
    "/oembed": {
      html: false,
      paths: [
        `/oembed?url=${encodeURIComponent(`${server.url}/live/${slug}`)}`,
        "/oembed?url=%3Cscript%3E",
        `/oembed?url=${encodeURIComponent(`${server.url}/live/${slug}`)}&format=xml`,
      ],
    },
    "/admin": { html: true, paths: ["/admin"] },
    "/admin/*": {
      html: true,
      paths: ["/admin/blogs/x", "/admin/audit", "/admin/assets/nope.js", "/admin/sw.js"],
    },
    // The media wildcard prints at the root of the tree.
    "/*": { html: false, paths: [mediaSrc, "/media/nope.jpg", "/media/%3Cscript%3E"] },
    "/assets/live.js": { html: false, paths: ["/assets/live.js"] },
    "/assets/live.css": { html: false, paths: ["/assets/live.css"] },
    "/assets/blocks.js": { html: false, paths: ["/assets/blocks.js"] },
    "/assets/alerts.js": { html: false, paths: ["/assets/alerts.js"] },
    "/live/alerts-sw.js": { html: false, paths: ["/live/alerts-sw.js"] },
    "/assets/contribute.js": { html: false, paths: ["/assets/contribute.js"] },
    "/assets/comments.js": { html: false, paths: ["/assets/comments.js"] },
    "/assets/embed-frame.js": { html: false, paths: ["/assets/embed-frame.js"] },
    "/assets/embed.css": { html: false, paths: ["/assets/embed.css"] },
    "/embed.js": { html: false, paths: ["/embed.js"] },
    "/favicon.ico": { html: false, paths: ["/favicon.ico"] },
    "/metrics": { html: false, paths: ["/metrics"] },
  };
  if (route.startsWith("/api/")) {
    const path = route.replace(":slug", slug).replace(":id", postId).replace(/\/\*$/, "/x");
    return { html: false, paths: [path, `${path}?x=%3Cscript%3E`] };
  }
  return table[route];
}

describe("the Content-Security-Policy of every HTML answer", () => {
  it("knows every GET route the server has", () => {
    const routes = getRoutes();
    expect(routes).toContain("/live/:slug/posts/:id/preview");
    expect(routes.filter((route) => !addressesOf(route))).toEqual([]);
  });

  it("is strict on every page, found or not, signed in or not", async () => {
    const html: string[] = [];
    const problems: string[] = [];
    const headersFor: Record<string, string>[] = [
      {},
      { cookie },
      { authorization: `Bearer ${token}` },
    ];
    const asks: { path: string; mayBeHtml: boolean; allowed?: string }[] = getRoutes().flatMap(
      (route) => {
        const {
          html: mayBeHtml,
          paths,
          allowed,
        } = addressesOf(route) ?? { html: false, paths: [] };
        return paths.map((path) => ({ path, mayBeHtml, ...(allowed ? { allowed } : {}) }));
      },
    );
    asks.push(
      { path: "/no/such/page", mayBeHtml: false },
      { path: "/live/x/y/z", mayBeHtml: false },
    );
    const exceptions: string[] = [];
    for (const { path, mayBeHtml, allowed } of asks) {
      for (const headers of headersFor) {
        const answer = await fetch(`${server.url}${path}`, {
          headers: { accept: "text/html", ...headers },
          redirect: "manual",
          signal: AbortSignal.timeout(10_000),
        });
        // Event streams never end: their headers are all there is to read.
        await answer.body?.cancel();
        if (!answer.headers.get("content-type")?.startsWith("text/html")) continue;
        html.push(`${path} ${answer.status}`);
        if (!mayBeHtml) problems.push(`${path} answered HTML`);
        for (const problem of strictPolicyProblems(answer.headers.get("content-security-policy"))) {
          if (problem === allowed) exceptions.push(`${path} ${answer.status}`);
          else problems.push(`${path} (${answer.status}): ${problem}`);
        }
      }
    }
    expect(problems).toEqual([]);
    // The AMP page, and it alone, loads AMP's runtime; its not-found page is strict.
    expect([...new Set(exceptions)]).toEqual([`/live/${slug}/amp 200`]);
    // Pages, previews, the app and the not-found and broken-link pages were all among them.
    for (const seen of [
      `/live/${slug} 200`,
      "/live/no-such-blog 404",
      `/live/${slug}?before=%3Cx 400`,
      `/live/${slug}/posts/${postId} 200`,
      `/live/${slug}/posts/${draftId}/preview 200`,
      `/live/${slug}/posts/nope/preview 404`,
      `/live/${slug}/amp 200`,
      "/live/no-such-blog/amp 404",
      `/live/${slug}/embed 200`,
      `/live/${slug}/embed?accent=%23c00&font=Georgia&theme=dark 200`,
      `/live/${slug}/embed?post=nope 404`,
    ]) {
      expect(html).toContain(seen);
    }
    // The app, or (without a build) the page saying how to make one.
    expect(html.some((seen) => /^\/admin\/audit (200|503)$/.test(seen))).toBe(true);
  }, 60_000);

  it("recognises a loose policy when it sees one", () => {
    expect(strictPolicyProblems(null)).toEqual(["no Content-Security-Policy"]);
    expect(strictPolicyProblems("default-src 'self'; script-src 'self' 'unsafe-inline'")).toContain(
      "script source 'unsafe-inline'",
    );
    expect(
      strictPolicyProblems("script-src 'self' https:; object-src 'none'; base-uri 'none'"),
    ).toEqual(["script source https:"]);
    expect(strictPolicyProblems("script-src 'self'; base-uri 'none'")).toEqual([
      "object-src is not 'none'",
    ]);
  });
});

// AD_SCRIPT_ORIGINS widens the policy of the live page of a blog with ad slots, and of no
// other page: the publisher's script (AD_SCRIPT_URL) runs where its slots are, and nowhere a
// newsroom's words are edited or a page promises to be light (lite, AMP) or framed (embed).
describe("the policy with ad script origins set", () => {
  const ADS = "https://ads.example.com";
  const NETWORK = "https://*.adnet.example";
  const SCRIPT = `${ADS}/tag.js?site=7&x=1`;
  let ads: TestServer;
  let slotted: { slug: string; postId: string };
  let adToken: string;
  let adCookie: string;

  beforeAll(async () => {
    ads = await startTestServer({
      env: { AD_SCRIPT_ORIGINS: `${ADS} ${NETWORK}`, AD_SCRIPT_URL: SCRIPT },
    });
    const admin = await ads.userFor("admin", "Ada Admin");
    adToken = admin.token;
    adCookie = (await ads.signIn(admin.email, admin.password)).cookie;
    for (const name of ["with-slots", "without-slots"]) {
      const created = await ads.api("POST", "/api/blogs", {
        token: adToken,
        body: { slug: name, title: "Storm" },
      });
      expect(created.status).toBe(201);
    }
    const patched = await ads.api("PATCH", "/api/blogs/with-slots", {
      token: adToken,
      body: { adSlots: { every: 2, height: 250 } },
    });
    expect(patched.status).toBe(200);
    let postId = "";
    for (const blog of ["with-slots", "without-slots"]) {
      for (const words of ["One.", "Two.", "Three."]) {
        const post = await ads.api("POST", `/api/blogs/${blog}/posts`, {
          token: adToken,
          body: { blocks: [paragraph(words)], keyEvent: true },
        });
        if (blog === "with-slots") postId = post.json.id;
      }
    }
    slotted = { slug: "with-slots", postId };
  }, 60_000);

  afterAll(async () => ads?.close());

  const ask = async (path: string, headers: Record<string, string> = {}) => {
    const answer = await fetch(`${ads.url}${path}`, {
      headers: { accept: "text/html", ...headers },
    });
    return {
      status: answer.status,
      policy: answer.headers.get("content-security-policy") ?? "",
      page: await answer.text(),
    };
  };

  it("lets the ad origins run, frame, show and connect on the live page with slots", async () => {
    const { slug } = slotted;
    for (const path of [`/live/${slug}`, `/live/${slug}?keyEvents=1`]) {
      // Twice: the second answer comes from the page cache before Fastify, under the same policy.
      for (const round of [1, 2]) {
        const { status, policy, page } = await ask(path);
        expect(status, `${path} #${round}`).toBe(200);
        const directives = Object.fromEntries(
          policy.split("; ").map((directive) => {
            const [name = "", ...sources] = directive.split(" ");
            return [name, sources];
          }),
        );
        for (const name of ["script-src", "frame-src", "img-src", "connect-src"]) {
          expect(directives[name], `${path} ${name}`).toEqual(
            expect.arrayContaining([ADS, NETWORK]),
          );
        }
        // The page's own script and its event stream still load; the players' frames still do.
        expect(directives["script-src"]?.[0]).toBe("'self'");
        expect(directives["connect-src"]?.[0]).toBe("'self'");
        expect(directives["frame-src"]).toContain("https://www.youtube-nocookie.com");
        // Nothing else loosened: no inline script, no plugin, no <base>.
        expect(strictPolicyProblems(policy)).toEqual([
          `script source ${ADS}`,
          `script source ${NETWORK}`,
        ]);
        expect(directives["style-src"]).toEqual(["'self'"]);
        expect(page).toContain(`<script src="${SCRIPT.replace("&", "&amp;")}" async></script>`);
      }
    }
  });

  it("leaves every other page strict, with no ad script", async () => {
    const { slug, postId } = slotted;
    const paths = [
      "/live/without-slots",
      `/live/${slug}/posts/${postId}`,
      `/live/${slug}/lite`,
      `/live/${slug}/embed`,
      `/live/${slug}/search?q=one`,
      `/live/${slug}/${new Date().toISOString().slice(0, 10)}`,
      `/live/${slug}/posts/${postId}/history`,
      "/live/no-such-blog",
      "/live",
      "/admin",
    ];
    for (const path of paths) {
      for (const headers of [{}, { cookie: adCookie }] as Record<string, string>[]) {
        const { policy, page } = await ask(path, headers);
        expect(strictPolicyProblems(policy), path).toEqual([]);
        expect(policy, path).not.toContain("ads.example.com");
        expect(policy, path).not.toContain("adnet.example");
        expect(page, path).not.toContain("ads.example.com");
      }
    }
    // AMP's policy is its own (the AMP runtime), without the ad origins.
    const amp = await ask(`/live/${slug}/amp`);
    expect(amp.policy).not.toContain("ads.example.com");
    expect(amp.page).not.toContain("ads.example.com");
  });

  it("is strict again once the blog's slots are taken away", async () => {
    const cleared = await ads.api("PATCH", `/api/blogs/${slotted.slug}`, {
      token: adToken,
      body: { adSlots: null },
    });
    expect(cleared.status).toBe(200);
    await expect
      .poll(async () => strictPolicyProblems((await ask(`/live/${slotted.slug}`)).policy), {
        timeout: 10_000,
      })
      .toEqual([]);
    expect((await ask(`/live/${slotted.slug}`)).page).not.toContain("ads.example.com");
  });
});
