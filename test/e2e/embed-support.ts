// What the embed's browser tests share: a blog written through the API (publish, edit,
// delete), as a newsroom's editor would, and a partner's site on another origin whose page
// holds the script embed of the blog named in its `?slug=`.

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "vitest";
import { paragraph, type TestServer } from "../helpers/server.js";

export type BlogWriter = ReturnType<typeof blogWriter>;

export function blogWriter(server: TestServer, editor: string) {
  const publish = async (slug: string, text: string): Promise<string> => {
    const answer = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: editor,
      body: { blocks: [paragraph(text)] },
    });
    expect(answer.status).toBe(201);
    return answer.json.id;
  };
  return {
    publish,
    async newBlog(slug: string, posts: string[]): Promise<string[]> {
      await server.api("POST", "/api/blogs", {
        token: editor,
        body: { slug, title: `Coverage ${slug}`, timezone: "Europe/Berlin" },
      });
      const ids: string[] = [];
      for (const text of posts) ids.push(await publish(slug, text));
      return ids;
    },
    async edit(slug: string, id: string, text: string): Promise<void> {
      const current = await server.api("GET", `/api/blogs/${slug}/posts/${id}`);
      const answer = await server.api("PATCH", `/api/blogs/${slug}/posts/${id}`, {
        token: editor,
        body: { blocks: [paragraph(text)], version: current.json.version },
      });
      expect(answer.status).toBe(200);
    },
    async remove(slug: string, id: string): Promise<void> {
      const answer = await server.api("DELETE", `/api/blogs/${slug}/posts/${id}`, {
        token: editor,
      });
      expect(answer.status).toBe(204);
    },
  };
}

/** A partner's site on its own port: `${url}/partner.html?slug=SLUG` embeds that blog. */
export async function startPartnerSite(
  dispatchUrl: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const host = createServer((req, res) => {
    const slug = new URL(req.url ?? "/", "http://host").searchParams.get("slug") ?? "";
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html><head><meta charset="utf-8"><title>Partner</title></head><body>
<p>The partner's own article.</p>
<div id="embed" data-dispatch-blog="${slug}"></div>
<script async src="${dispatchUrl}/embed.js"></script>
</body></html>`);
  });
  await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(host.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => host.close(() => resolve())),
  };
}
