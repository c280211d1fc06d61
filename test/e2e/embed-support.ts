// What the embed's browser tests share: a blog written through the API (publish, edit,
// delete), as a newsroom's editor would.

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
