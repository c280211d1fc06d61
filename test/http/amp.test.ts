// The AMP version of a live blog, over real HTTP on SQLite. The official validator
// (amphtml-validator) downloads its rules from the AMP CDN, which this suite cannot reach, so
// the AMP HTML rules that apply to this page are checked here instead, on the document as
// Chromium's own HTML parser reads it (DOMParser: nothing is run or loaded).

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { drawJpeg, uploadImage } from "../helpers/images.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let browser: Browser;
let parserPage: Page;
let token: string;
const slug = "amp-storm";
const postIds: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  parserPage = await browser.newPage();
  token = await server.tokenFor("editor");
  const hero = await uploadImage(server.url, token, await drawJpeg(1200, 675));
  const photo = await uploadImage(server.url, token, await drawJpeg(800, 1000, 20));
  await server.api("POST", "/api/blogs", {
    token,
    body: {
      slug,
      title: "Storm <Ada> & the coast",
      summary: "Gales along the coast.",
      language: "en-GB",
      hero: { src: hero.src, alt: "Waves", caption: "The sea wall", credit: "Jo" },
      intro: [paragraph("Follow **every** update.")],
      sourceNote: "Reporting by [the desk](https://desk.example).",
    },
  });
  const bodies = [
    { title: "Sea wall breached", blocks: [paragraph("Water over the *promenade*.")] },
    {
      blocks: [
        { type: "image", src: photo.src, alt: "Flooded road", caption: "Main Street" },
        { type: "image", src: "https://images.example/pasted.jpg", alt: "Pasted" },
      ],
      keyEvent: true,
    },
    {
      blocks: [
        { type: "embed", url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ", caption: "Video" },
        { type: "embed", url: "https://example.com/report" },
        { type: "quote", text: "Stay inside", cite: "Fire chief" },
        { type: "list", ordered: false, items: ["One", "Two"] },
        { type: "divider" },
      ],
      pinned: true,
    },
    { blocks: [paragraph("A post that will be deleted: SECRET-WORDS")] },
  ];
  for (const body of bodies) {
    const answer = await server.api("POST", `/api/blogs/${slug}/posts`, { token, body });
    expect(answer.status).toBe(201);
    postIds.push(answer.json.id);
  }
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface AmpFacts {
  ampAttribute: boolean;
  lang: string | null;
  firstHeadChild: string;
  charsets: number;
  viewports: string[];
  canonicals: string[];
  scripts: {
    src: string | null;
    type: string | null;
    async: boolean;
    customElement: string | null;
  }[];
  boilerplate: string[];
  noscriptBoilerplate: string[];
  customStyles: string[];
  styleElements: number;
  ampElements: string[];
  styleAttributes: number;
  eventHandlers: string[];
  forbidden: string[];
  liveList: {
    id: string | null;
    poll: string | null;
    max: string | null;
    children: string[];
    items: {
      id: string;
      sortTime: string | null;
      updateTime: string | null;
      tombstone: boolean;
      text: string;
    }[];
  } | null;
  ampImages: { width: string | null; height: string | null; layout: string | null }[];
  jsonLd: string[];
  text: string;
}

/** The AMP rules' facts about `markup`, read by Chromium's HTML parser. */
async function factsOf(markup: string): Promise<AmpFacts> {
  return parserPage.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, "text/html");
    const all = [...doc.querySelectorAll("*")];
    const list = doc.querySelector("amp-live-list");
    const items = list?.querySelector(":scope > [items]");
    return {
      ampAttribute:
        doc.documentElement.hasAttribute("⚡") || doc.documentElement.hasAttribute("amp"),
      lang: doc.documentElement.getAttribute("lang"),
      firstHeadChild: doc.head.firstElementChild?.outerHTML ?? "",
      charsets: doc.querySelectorAll("meta[charset]").length,
      viewports: [...doc.querySelectorAll('meta[name="viewport"]')].map(
        (m) => m.getAttribute("content") ?? "",
      ),
      canonicals: [...doc.querySelectorAll('link[rel="canonical"]')].map(
        (l) => l.getAttribute("href") ?? "",
      ),
      scripts: [...doc.querySelectorAll("script")].map((s) => ({
        src: s.getAttribute("src"),
        type: s.getAttribute("type"),
        async: s.hasAttribute("async"),
        customElement: s.getAttribute("custom-element"),
      })),
      boilerplate: [...doc.head.querySelectorAll(":scope > style[amp-boilerplate]")].map(
        (s) => s.textContent ?? "",
      ),
      // DOMParser runs no scripts, so it reads <noscript>'s contents as elements.
      noscriptBoilerplate: [
        ...doc.head.querySelectorAll(":scope > noscript > style[amp-boilerplate]"),
      ].map((s) => s.textContent ?? ""),
      customStyles: [...doc.querySelectorAll("style[amp-custom]")].map((s) => s.textContent ?? ""),
      styleElements: doc.querySelectorAll("style").length,
      ampElements: [...new Set(all.map((el) => el.localName).filter((n) => n.startsWith("amp-")))],
      styleAttributes: doc.querySelectorAll("[style]").length,
      eventHandlers: all.flatMap((el) =>
        [...el.attributes].map((a) => a.name).filter((n) => n.startsWith("on") && n !== "on"),
      ),
      forbidden: all
        .map((el) => el.localName)
        .filter((n) =>
          [
            "img",
            "picture",
            "iframe",
            "frame",
            "frameset",
            "object",
            "embed",
            "form",
            "input",
            "base",
            "video",
            "audio",
            "applet",
          ].includes(n),
        ),
      liveList: list
        ? {
            id: list.getAttribute("id"),
            poll: list.getAttribute("data-poll-interval"),
            max: list.getAttribute("data-max-items-per-page"),
            children: [...list.children].map((c) =>
              c.hasAttribute("update")
                ? "update"
                : c.hasAttribute("items")
                  ? "items"
                  : c.hasAttribute("pagination")
                    ? "pagination"
                    : c.localName,
            ),
            items: [...(items?.children ?? [])].map((c) => ({
              id: c.id,
              sortTime: c.getAttribute("data-sort-time"),
              updateTime: c.getAttribute("data-update-time"),
              tombstone: c.hasAttribute("data-tombstone"),
              text: c.textContent ?? "",
            })),
          }
        : null,
      ampImages: [...doc.querySelectorAll("amp-img")].map((i) => ({
        width: i.getAttribute("width"),
        height: i.getAttribute("height"),
        layout: i.getAttribute("layout"),
      })),
      jsonLd: [...doc.querySelectorAll('script[type="application/ld+json"]')].map(
        (s) => s.textContent ?? "",
      ),
      text: doc.body.textContent ?? "",
    };
  }, markup);
}

/** The AMP boilerplate as the AMP HTML specification gives it (amp.dev, "AMP boilerplate"). */
const SPEC_BOILERPLATE_CSS =
  "body{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both;-moz-animation:-amp-start 8s steps(1,end) 0s 1 normal both;-ms-animation:-amp-start 8s steps(1,end) 0s 1 normal both;animation:-amp-start 8s steps(1,end) 0s 1 normal both}@-webkit-keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}@-moz-keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}@-ms-keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}@-o-keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}@keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}";
const SPEC_NOSCRIPT_CSS =
  "body{-webkit-animation:none;-moz-animation:none;-ms-animation:none;animation:none}";

const ampUrl = () => `${server.url}/live/${slug}/amp`;

describe("the AMP page", () => {
  it("is AMP HTML: the required markup once each, AMP's scripts only, no forbidden markup", async () => {
    const answer = await fetch(ampUrl());
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const markup = await answer.text();
    expect(markup.startsWith("<!doctype html>\n<html ⚡ lang=")).toBe(true);
    const facts = await factsOf(markup);
    expect(facts.ampAttribute).toBe(true);
    expect(facts.lang).toBe("en-GB");
    expect(facts.firstHeadChild).toBe('<meta charset="utf-8">');
    expect(facts.charsets).toBe(1);
    expect(facts.viewports).toEqual(["width=device-width, initial-scale=1"]);
    expect(facts.canonicals).toEqual([`${server.url}/live/${slug}`]);

    const runtime = facts.scripts.filter((s) => s.src === "https://cdn.ampproject.org/v0.js");
    expect(runtime).toEqual([
      { src: "https://cdn.ampproject.org/v0.js", type: null, async: true, customElement: null },
    ]);
    const extensions = new Set<string>();
    for (const script of facts.scripts) {
      if (script.type === "application/ld+json") continue;
      if (script.src === "https://cdn.ampproject.org/v0.js") continue;
      // Anything else is an extension: async, named, from AMP's CDN.
      expect(script.async).toBe(true);
      expect(script.customElement).toMatch(/^amp-[a-z-]+$/);
      expect(script.src).toBe(`https://cdn.ampproject.org/v0/${script.customElement}-0.1.js`);
      extensions.add(script.customElement ?? "");
    }
    // Every extension element in use has its script, and no script is loaded for nothing.
    const builtIn = new Set(["amp-img", "amp-pixel", "amp-layout"]);
    expect([...extensions].sort()).toEqual(facts.ampElements.filter((n) => !builtIn.has(n)).sort());
    expect(extensions).toContain("amp-live-list");

    // The boilerplate exactly as the AMP specification gives it, in the head.
    expect(facts.boilerplate).toEqual([SPEC_BOILERPLATE_CSS]);
    expect(facts.noscriptBoilerplate).toEqual([SPEC_NOSCRIPT_CSS]);
    expect(markup).toContain(
      `<style amp-boilerplate>${SPEC_BOILERPLATE_CSS}</style><noscript><style amp-boilerplate>${SPEC_NOSCRIPT_CSS}</style></noscript>`,
    );

    expect(facts.customStyles).toHaveLength(1);
    expect(Buffer.byteLength(facts.customStyles[0] ?? "", "utf8")).toBeLessThan(75_000);
    expect(facts.customStyles[0]).not.toMatch(/!important|@import|behavior|-moz-binding/i);
    expect(facts.styleAttributes).toBe(0);
    expect(facts.eventHandlers).toEqual([]);
    expect(facts.forbidden).toEqual([]);
    expect(markup).not.toMatch(/\sstyle=/i);
  });

  it("lists the updates in an amp-live-list that polls, each item with its id and times", async () => {
    const facts = await factsOf(await (await fetch(ampUrl())).text());
    const list = facts.liveList;
    expect(list).not.toBeNull();
    expect(list?.id).toBe("updates");
    expect(Number(list?.poll)).toBeGreaterThanOrEqual(15_000);
    expect(Number(list?.max)).toBeGreaterThan(0);
    expect(list?.children).toEqual(["update", "items", "pagination"]);
    const items = list?.items ?? [];
    expect(items.map((item) => item.id).sort()).toEqual(postIds.map((id) => `post-${id}`).sort());
    for (const item of items) {
      expect(item.sortTime).toMatch(/^\d{13}$/);
      expect(item.updateTime).toMatch(/^\d{13}$/);
    }
    // Newest first, as the reader page.
    const times = items.map((item) => Number(item.sortTime));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("shows images as sized amp-img and embeds as links, and the words of every block", async () => {
    const markup = await (await fetch(ampUrl())).text();
    const facts = await factsOf(markup);
    // The hero, the uploaded photo, the pasted image.
    expect(facts.ampImages).toEqual([
      { width: "1200", height: "675", layout: "responsive" },
      { width: "800", height: "1000", layout: "responsive" },
      { width: "1600", height: "900", layout: "responsive" },
    ]);
    expect(markup).toContain('href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"');
    expect(markup).toContain('href="https://example.com/report"');
    for (const words of [
      "Storm <Ada> & the coast",
      "Sea wall breached",
      "promenade",
      "Main Street",
      "Stay inside",
      "Fire chief",
      "Two",
      "Follow every update.",
      "the desk",
    ]) {
      expect(facts.text).toContain(words);
    }
  });

  it("carries the reader page's LiveBlogPosting", async () => {
    const facts = await factsOf(await (await fetch(ampUrl())).text());
    expect(facts.jsonLd).toHaveLength(1);
    const data = JSON.parse(facts.jsonLd[0] ?? "{}");
    expect(data["@type"]).toBe("LiveBlogPosting");
    expect(data.url).toBe(`${server.url}/live/${slug}`);
    expect(data.liveBlogUpdate).toHaveLength(postIds.length);
    expect(data.publisher).toEqual({ "@type": "Organization", name: "Dispatch" });
  });

  it("answers under its own policy: AMP's scripts and inline styles, nothing else inline", async () => {
    const answer = await fetch(ampUrl());
    const csp = answer.headers.get("content-security-policy") ?? "";
    const directive = (name: string) =>
      csp
        .split(";")
        .map((d) => d.trim())
        .find((d) => d.startsWith(`${name} `)) ?? "";
    expect(directive("script-src")).toBe("script-src https://cdn.ampproject.org/");
    expect(directive("style-src")).toBe("style-src 'unsafe-inline'");
    expect(directive("object-src")).toBe("object-src 'none'");
    expect(directive("base-uri")).toBe("base-uri 'none'");
    // The reader page keeps its strict one, and links here.
    const reader = await fetch(`${server.url}/live/${slug}`);
    expect(reader.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await reader.text()).toContain(`<link rel="amphtml" href="${ampUrl()}">`);
  });

  it("drops a deleted post at once, leaving only a tombstone without its words", async () => {
    const first = await fetch(ampUrl());
    const etag = first.headers.get("etag") ?? "";
    expect(await first.text()).toContain("SECRET-WORDS");
    expect((await fetch(ampUrl(), { headers: { "if-none-match": etag } })).status).toBe(304);
    const gone = postIds[3] ?? "";
    const deleted = await server.api("DELETE", `/api/blogs/${slug}/posts/${gone}`, { token });
    expect(deleted.status).toBe(204);
    const after = await fetch(ampUrl(), { headers: { "if-none-match": etag } });
    expect(after.status).toBe(200);
    const markup = await after.text();
    expect(markup).not.toContain("SECRET-WORDS");
    const items = (await factsOf(markup)).liveList?.items ?? [];
    const tombstone = items.find((item) => item.id === `post-${gone}`);
    expect(tombstone).toMatchObject({ tombstone: true, text: "" });
    expect(tombstone?.sortTime).toMatch(/^\d{13}$/);
  });

  it("keeps hostile words as words in every field it shows", async () => {
    const vectors = [
      "<script>alert(1)</script>",
      '"><img src=x onerror=alert(2)>',
      "'><svg onload=alert(3)>",
      "</style><style amp-custom>body{}</style>",
      "</script><script>alert(4)</script>",
      '<amp-img src=x layout=fill on="tap:x"></amp-img>',
      "<iframe src=https://evil.example>",
    ];
    const text = vectors.join(" ");
    // Titles and names are at most 200 characters.
    const short = vectors.slice(0, 3).join(" ");
    const image = (alt: string) => ({
      src: "https://images.example/x.jpg",
      alt,
      caption: text,
      credit: text,
    });
    const created = await server.api("POST", "/api/blogs", {
      token,
      body: {
        slug: "amp-hostile",
        title: short,
        summary: text,
        hero: image(text),
        intro: [paragraph(text)],
        sourceNote: text,
      },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const posted = await server.api("POST", "/api/blogs/amp-hostile/posts", {
      token,
      body: {
        title: short,
        bylines: [{ name: short, kind: "person" }],
        blocks: [
          paragraph(text),
          { type: "heading", text },
          { type: "quote", text, cite: text },
          { type: "list", ordered: true, items: vectors },
          { type: "image", ...image(text) },
          { type: "embed", url: "https://example.com/?q=%3Cscript%3E", caption: text },
        ],
      },
    });
    expect(posted.status, JSON.stringify(posted.json)).toBe(201);
    const markup = await (await fetch(`${server.url}/live/amp-hostile/amp`)).text();
    const facts = await factsOf(markup);
    expect(facts.scripts.map((script) => script.src ?? script.type)).toEqual([
      "https://cdn.ampproject.org/v0.js",
      "https://cdn.ampproject.org/v0/amp-live-list-0.1.js",
      "application/ld+json",
    ]);
    expect(facts.eventHandlers).toEqual([]);
    expect(facts.forbidden).toEqual([]);
    expect(facts.styleAttributes).toBe(0);
    // The boilerplate, its noscript twin and amp-custom: no style of anyone else's.
    expect(facts.styleElements).toBe(3);
    expect(facts.customStyles).toHaveLength(1);
    // Only our amp-img elements: the hero and the post's image.
    expect(facts.ampImages).toHaveLength(2);
    expect(facts.ampElements.sort()).toEqual(["amp-img", "amp-live-list"]);
    const data = JSON.parse(facts.jsonLd[0] ?? "{}");
    expect(data.headline).toBe(short);
    for (const vector of vectors) expect(facts.text).toContain(vector);
  });

  it("is a friendly 404 for a blog that does not exist", async () => {
    const answer = await fetch(`${server.url}/live/no-such-blog/amp`);
    expect(answer.status).toBe(404);
    expect(answer.headers.get("content-type")).toMatch(/^text\/html/);
  });
});
