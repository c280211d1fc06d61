// bench:weight: what a reader downloads. Renders a live blog of 50 posts (the demo's content,
// repeated) through the real server and reports the gzipped page, script and stylesheet (and
// the blog's three feeds), against a baseline measured in the same run: the same posts as
// bare text, gzipped. Then the embed: its page as a partner frames it (the default 20 posts,
// and the same 50 as the full page), its script and stylesheet, and the host page's /embed.js.

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { seedDemo } from "../src/cli/demo.js";
import { loadConfig } from "../src/config/index.js";
import { blocksToPlainText } from "../src/core/content/render.js";
import { publishPost } from "../src/core/operations/posts.js";
import { startDispatch } from "../src/main.js";

const dataDir = await mkdtemp(path.join(tmpdir(), "dispatch-bench-"));
const config = loadConfig({ port: "0", "data-dir": dataDir }, { LOG_LEVEL: "silent" });
const dispatch = await startDispatch(config, {
  beforeListen: (newsroom) => seedDemo(newsroom, dataDir).then(() => {}),
});
const { newsroom } = dispatch;
const blog = (await newsroom.store.listBlogs())[0]!;
const editor = (await newsroom.store.findUserByEmail("amira.sol@dispatch.example"))!;
const actor = { id: editor.id, name: editor.name, role: editor.role };
const demoPosts = await newsroom.store.listPosts({
  blogId: blog.id,
  status: "published",
  limit: 50,
});
for (let i = 0; demoPosts.length + i < 52; i++) {
  const source = demoPosts[i % demoPosts.length]!;
  await publishPost(newsroom, actor, blog.slug, { title: source.title, blocks: source.blocks });
}

const fetchText = async (route: string) => (await fetch(`${dispatch.url}${route}`)).text();
const page = await fetchText(`/live/${blog.slug}`);
const script = await fetchText("/assets/live.js");
const css = await fetchText("/assets/live.css");
const feeds = {
  atom: await fetchText(`/live/${blog.slug}/feed.atom`),
  rss: await fetchText(`/live/${blog.slug}/feed.rss`),
  json: await fetchText(`/live/${blog.slug}/feed.json`),
};
const lite = await fetchText(`/live/${blog.slug}/lite`);
const embed = await fetchText(`/live/${blog.slug}/embed`);
const embed50 = await fetchText(`/live/${blog.slug}/embed?limit=50`);
const embedScript = await fetchText("/assets/embed-frame.js");
const embedCss = await fetchText("/assets/embed.css");
const hostScript = await fetchText("/embed.js");
const shown = await newsroom.store.listPosts({ blogId: blog.id, status: "published", limit: 50 });
const bareText = shown.map((p) => `${p.title}\n${blocksToPlainText(p.blocks)}`).join("\n\n");
await dispatch.close();
await rm(dataDir, { recursive: true, force: true });

const gz = (text: string) => gzipSync(text, { level: 9 }).length;
// As the server sends a page made at a change (see src/reader/encoding.ts).
const br = (text: string) =>
  brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const rows = [
  { item: "reader page, 50 posts (HTML)", raw: page.length, gzipped: gz(page) },
  { item: "baseline: the same posts as bare text", raw: bareText.length, gzipped: gz(bareText) },
  { item: "lite page, 50 posts (HTML, nothing else to load)", raw: lite.length, gzipped: gz(lite) },
  { item: "reader script live.js", raw: script.length, gzipped: gz(script) },
  { item: "stylesheet live.css", raw: css.length, gzipped: gz(css) },
  { item: "Atom feed, 50 posts", raw: feeds.atom.length, gzipped: gz(feeds.atom) },
  { item: "RSS feed, 50 posts", raw: feeds.rss.length, gzipped: gz(feeds.rss) },
  { item: "JSON Feed, 50 posts", raw: feeds.json.length, gzipped: gz(feeds.json) },
  { item: "embed page, default 20 posts (HTML)", raw: embed.length, gzipped: gz(embed) },
  { item: "embed page, 50 posts (HTML)", raw: embed50.length, gzipped: gz(embed50) },
  { item: "embed script embed-frame.js", raw: embedScript.length, gzipped: gz(embedScript) },
  { item: "embed stylesheet embed.css", raw: embedCss.length, gzipped: gz(embedCss) },
  { item: "host page script embed.js", raw: hostScript.length, gzipped: gz(hostScript) },
];
console.log("| what | raw | gzipped |\n|---|---:|---:|");
for (const row of rows) console.log(`| ${row.item} | ${kb(row.raw)} | ${kb(row.gzipped)} |`);
const overhead = gz(page) / gz(bareText);
console.log(
  `\nPage markup overhead over bare text (gzipped): ${overhead.toFixed(2)}x; script budget 7.5 KB gzipped.`,
);
const full = gz(page) + gz(script) + gz(css);
const framed = gz(embed) + gz(embedScript) + gz(embedCss);
console.log(
  `Lite page, 50 posts: ${kb(gz(lite))} gzipped, ${kb(br(lite))} brotli (budget 20 KB gzipped); full page ${kb(gz(page))} gzipped, ${kb(br(page))} brotli.`,
);
console.log(
  `Full page with its assets: ${kb(full)}; embed with its assets (20 posts): ${kb(framed)}, with 50: ${kb(gz(embed50) + gz(embedScript) + gz(embedCss))}.`,
);
const results = path.join(import.meta.dirname, "results", "weight.json");
await writeFile(
  results,
  `${JSON.stringify({ at: new Date().toISOString(), rows, overhead }, null, 2)}\n`,
);
