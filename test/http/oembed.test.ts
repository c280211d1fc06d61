// The oEmbed provider as a consumer (a CMS, a chat app) meets it: the discovery link found in
// the head of a blog's reader page and of a post's permalink page, followed, and the answer
// held to the oEmbed 1.0 spec (https://oembed.com, section 2.3.4): a `rich` type whose html
// frames the blog's embed page, sized within maxwidth and maxheight; the XML form; and the
// refusals: a malformed url (400), another site's or an unknown address, a draft and a deleted
// post (404). Anyone may ask from any origin.

import { XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alternateLinks } from "../helpers/head-links.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let editor: string;
let published: { id: string };
let draft: { id: string };
const slug = "oembed-live";

beforeAll(async () => {
  server = await startTestServer();
  editor = await server.tokenFor("editor");
  await server.api("POST", "/api/blogs", {
    token: editor,
    body: { slug, title: "Election night" },
  });
  published = (
    await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: editor,
      body: {
        title: "Polls close",
        blocks: [paragraph("Counting begins")],
        bylines: [{ name: "Ana Author", kind: "person" }, { name: "Wire" }],
      },
    })
  ).json;
  draft = (
    await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: editor,
      body: { title: "Not yet", blocks: [paragraph("Hold")], status: "draft" },
    })
  ).json;
});
afterAll(() => server.close());

/** The fields and types oEmbed 1.0 requires of a `rich` answer. */
function expectRichOEmbed(answer: Record<string, unknown>): void {
  expect(answer.version).toBe("1.0");
  expect(answer.type).toBe("rich");
  expect(typeof answer.html).toBe("string");
  expect(Number.isInteger(answer.width)).toBe(true);
  expect(Number.isInteger(answer.height)).toBe(true);
  for (const optional of ["title", "author_name", "provider_name", "provider_url"]) {
    if (optional in answer) expect(typeof answer[optional]).toBe("string");
  }
  if ("cache_age" in answer) expect(Number.isInteger(Number(answer.cache_age))).toBe(true);
}

/** The iframe's attributes in an answer's html. */
function iframeOf(html: string): Record<string, string> {
  const tag = /^<iframe ([^>]*)><\/iframe>/.exec(html)?.[1];
  expect(tag, html).toBeDefined();
  return Object.fromEntries(
    [...(tag ?? "").matchAll(/([a-z-]+)="([^"]*)"/g)].map((m) => [
      m[1] ?? "",
      (m[2] ?? "").replaceAll("&amp;", "&"),
    ]),
  );
}

async function discovered(page: string): Promise<string> {
  const html = await (await fetch(`${server.url}${page}`)).text();
  const links = alternateLinks(html).filter((l) => l.type === "application/json+oembed");
  expect(links).toHaveLength(1);
  return links[0]?.href ?? "";
}

describe("oEmbed", () => {
  it("is discovered on a blog's reader page and describes the blog's embed", async () => {
    const href = await discovered(`/live/${slug}`);
    expect(href).toBe(
      `${server.url}/oembed?url=${encodeURIComponent(`${server.url}/live/${slug}`)}&format=json`,
    );
    const response = await fetch(href, { headers: { origin: "https://cms.example" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const answer = (await response.json()) as Record<string, unknown>;
    expectRichOEmbed(answer);
    expect(answer.title).toBe("Election night");
    expect(answer.provider_url).toBe(`${server.url}/`);
    expect(answer.author_name).toBeUndefined();
    const frame = iframeOf(String(answer.html));
    expect(frame.src).toBe(`${server.url}/live/${slug}/embed`);
    expect(frame.width).toBe(String(answer.width));
    expect(frame.height).toBe(String(answer.height));
    expect(String(answer.html)).toContain(`<script async src="${server.url}/embed.js"></script>`);
  });

  it("is discovered on a permalink page and describes that post's embed", async () => {
    const href = await discovered(`/live/${slug}/posts/${published.id}`);
    const answer = (await (await fetch(href)).json()) as Record<string, unknown>;
    expectRichOEmbed(answer);
    expect(answer.title).toBe("Polls close");
    expect(answer.author_name).toBe("Ana Author, Wire");
    expect(iframeOf(String(answer.html)).src).toBe(
      `${server.url}/live/${slug}/embed?post=${published.id}`,
    );
  });

  it("keeps within maxwidth and maxheight", async () => {
    const url = encodeURIComponent(`${server.url}/live/${slug}`);
    const narrow = await server.api("GET", `/oembed?url=${url}&maxwidth=320&maxheight=240`);
    expect(narrow.status).toBe(200);
    expect(narrow.json.width).toBe(320);
    expect(narrow.json.height).toBe(240);
    expect(iframeOf(narrow.json.html)).toMatchObject({ width: "320", height: "240" });
    const wide = await server.api("GET", `/oembed?url=${url}&maxwidth=5000`);
    expect(wide.json.width).toBeLessThanOrEqual(5000);
    expect(wide.json.width).toBeGreaterThan(320);
  });

  it("answers the same in XML when asked", async () => {
    const url = encodeURIComponent(`${server.url}/live/${slug}/posts/${published.id}`);
    const response = await fetch(`${server.url}/oembed?url=${url}&format=xml`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/xml; charset=utf-8");
    const xml = await response.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain("<oembed><version>1.0</version><type>rich</type>");
    expect(xml).toContain(`&lt;iframe src=&quot;${server.url}/live/${slug}/embed?post=`);
  });

  it("refuses what is not a public blog or post of this site", async () => {
    const ask = (url: string, extra = "") =>
      server.api("GET", `/oembed?url=${encodeURIComponent(url)}${extra}`);
    const malformed = await ask("not a url");
    expect(malformed.status).toBe(400);
    expect(malformed.json.error).toMatchObject({ code: "invalid_query", field: "url" });
    expect((await server.api("GET", "/oembed")).json.error.field).toBe("url");
    expect((await ask(`javascript:alert(1)`)).status).toBe(400);
    const format = await ask(`${server.url}/live/${slug}`, "&format=yaml");
    expect(format.status).toBe(400);
    expect(format.json.error.field).toBe("format");
    for (const [url, code] of [
      [`https://elsewhere.example/live/${slug}`, "blog_not_found"],
      [`${server.url}/live/no-such-blog`, "blog_not_found"],
      [`${server.url}/api/blogs/${slug}`, "blog_not_found"],
      [`${server.url}/live/${slug}/posts/${draft.id}`, "post_not_found"],
      [`${server.url}/live/${slug}/posts/zzzz`, "post_not_found"],
    ] as const) {
      const answer = await ask(url);
      expect([url, answer.status, answer.json.error.code]).toEqual([url, 404, code]);
    }
    const doomed = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: editor,
      body: { title: "Retracted", blocks: [paragraph("Wrong")] },
    });
    const permalink = `${server.url}/live/${slug}/posts/${doomed.json.id}`;
    expect((await ask(permalink)).status).toBe(200);
    await server.api("DELETE", `/api/blogs/${slug}/posts/${doomed.json.id}`, { token: editor });
    const gone = await ask(permalink);
    expect(gone.status).toBe(404);
    // Refusals are readable from any origin too.
    expect(gone.headers.get("access-control-allow-origin")).toBe("*");
    expect(malformed.headers.get("access-control-allow-origin")).toBe("*");
    expect(JSON.stringify(gone.json)).not.toContain("Retracted");
  });
});
