// A figure's whole history for readers, over real HTTP: the box carries a figure's latest 20
// earlier values; once a figure has more, the box links to the figures page
// (`/live/:slug/figures`), which lists every figure with its values now and every earlier one,
// on the blog's clock, without a script. A box with nothing left out carries no link, so it
// stays the box the reader script draws.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let editor: string;
const slug = "figures-long";

const count = (value: number, hour: number) => ({
  value,
  unit: "people",
  source: { name: "Civil defence" },
  asOf: `2026-05-0${1 + Math.floor(hour / 24)}T${String(hour % 24).padStart(2, "0")}:00:00Z`,
});

beforeAll(async () => {
  server = await startTestServer({ env: { PUBLIC_URL: "https://news.example" } });
  editor = await server.tokenFor("editor");
  await server.api("POST", "/api/blogs", {
    token: editor,
    body: { slug, title: "Floods", timezone: "Europe/Kyiv" },
  });
}, 60_000);
afterAll(async () => server?.close());

const page = async (path: string) => {
  const answer = await fetch(`${server.url}${path}`);
  return {
    status: answer.status,
    type: answer.headers.get("content-type"),
    text: await answer.text(),
  };
};
const box = (html: string) => /<section id="figures".*?<\/section>/s.exec(html)?.[0] ?? "";

describe("a figure's whole history", () => {
  it("links the box to every earlier value once it holds more than it shows", async () => {
    const made = await server.api("POST", `/api/blogs/${slug}/figures`, {
      token: editor,
      body: { label: "Rescued", values: [count(1000, 0)] },
    });
    expect(made.status).toBe(201);
    // Twenty changes: the box still shows every earlier value, and no link.
    for (let hour = 1; hour <= 20; hour++) {
      const changed = await server.api("PATCH", `/api/blogs/${slug}/figures/${made.json.id}`, {
        token: editor,
        body: { values: [count(1000 + hour, hour)] },
      });
      expect(changed.status).toBe(200);
    }
    let live = box((await page(`/live/${slug}`)).text);
    expect(live.match(/<li>/g)).toHaveLength(20);
    expect(live).not.toContain(`/live/${slug}/figures"`);

    // Two more: the box keeps its latest 20 and links to the rest.
    for (const hour of [21, 22]) {
      await server.api("PATCH", `/api/blogs/${slug}/figures/${made.json.id}`, {
        token: editor,
        body: { values: [count(1000 + hour, hour)] },
      });
    }
    live = box((await page(`/live/${slug}`)).text);
    expect(live.match(/<li>/g)).toHaveLength(20);
    expect(live).not.toContain("1,000 people");
    expect(live).toContain(`<a href="/live/${slug}/figures">Every earlier value</a>`);
    // In the embed, the link opens the page outside the frame.
    const embed = box((await page(`/live/${slug}/embed`)).text);
    expect(embed).toContain(
      `<a href="https://news.example/live/${slug}/figures" target="_blank" rel="noopener">Every earlier value</a>`,
    );

    const all = await page(`/live/${slug}/figures`);
    expect(all.status).toBe(200);
    expect(all.type).toContain("text/html");
    expect(all.text).toMatch(/<h2 id="figure-[a-z0-9]+">Rescued<\/h2>/);
    expect(all.text).not.toMatch(/<script(?! type="application\/ld\+json")/);
    // Now, and each of the 22 earlier values, the first one too, on Kyiv's clock.
    expect(all.text).toContain("1,022 people</data>");
    for (let hour = 0; hour < 22; hour++) {
      expect(all.text).toContain(`${(1000 + hour).toLocaleString("en")} people</data>`);
    }
    expect(all.text).toContain(
      '<time datetime="2026-05-01T00:00:00.000Z">May 1 at 03:00 GMT+3</time>',
    );
    expect(all.text).toContain(`<a href="/live/${slug}">`);
  });

  it("is a friendly 404 for a blog that is not there, and lists none once a figure is removed", async () => {
    const missing = await page("/live/no-such-blog/figures");
    expect(missing.status).toBe(404);
    expect(missing.type).toContain("text/html");
    const figures = (await server.api("GET", `/api/blogs/${slug}/figures`)).json.figures;
    for (const figure of figures) {
      await server.api("DELETE", `/api/blogs/${slug}/figures/${figure.id}`, { token: editor });
    }
    const empty = await page(`/live/${slug}/figures`);
    expect(empty.status).toBe(200);
    expect(empty.text).not.toContain("Rescued");
    expect(empty.text).not.toContain("1,021 people");
  });
});
