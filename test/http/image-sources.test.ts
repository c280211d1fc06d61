// Images that would make readers' browsers call the site's own endpoints: refused over real
// HTTP, by path tricks under /media/ and by absolute URLs on the site's own host, in post
// blocks, a blog's intro and its hero.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";

const image = (src: string) => ({ type: "image", src, alt: "Flood" });

describe("image sources", () => {
  let server: TestServer;
  let onPublicUrl: TestServer;
  let editor: string;
  let editorThere: string;

  beforeAll(async () => {
    [server, onPublicUrl] = await Promise.all([
      startTestServer(),
      startTestServer({ env: { PUBLIC_URL: "https://news.example" } }),
    ]);
    editor = await server.tokenFor("editor");
    editorThere = await onPublicUrl.tokenFor("editor");
    for (const [at, token] of [
      [server, editor],
      [onPublicUrl, editorThere],
    ] as const) {
      const created = await at.api("POST", "/api/blogs", {
        token,
        body: { slug: "storm", title: "Storm" },
      });
      expect(created.status).toBe(201);
    }
  });
  afterAll(async () => {
    await Promise.all([server?.close(), onPublicUrl?.close()]);
  });

  const post = (at: TestServer, token: string, blocks: unknown[]) =>
    at.api("POST", "/api/blogs/storm/posts", { token, body: { blocks } });

  it.each([
    "/media/../api/blogs/storm/events",
    "/media/%2e%2e/api/blogs/storm/events",
    "/media/a/./b",
    "/media\\..\\api\\blogs\\storm\\events",
    "/media/u/x/960.jpg?lastEventId=1",
  ])("refuses a post whose image is %s, naming the block", async (src) => {
    const answer = await post(server, editor, [paragraph("Water rising"), image(src)]);
    expect(answer.status).toBe(422);
    expect(answer.json.error.code).toBe("validation_failed");
    expect(answer.json.error.field).toBe("blocks[1].src");
  });

  it("refuses an https image on the host the request came in on, outside /media/", async () => {
    const own = new URL(server.url).host;
    const answer = await post(server, editor, [
      image(`https://${own}/media/u/abc123/960.jpg`),
      image(`https://${own}/api/blogs/storm/events`),
    ]);
    expect(answer.status).toBe(422);
    expect(answer.json.error.field).toBe("blocks[1].src");
  });

  it("refuses an https image on PUBLIC_URL's host outside /media/, and keeps its media", async () => {
    for (const src of [
      "https://news.example/api/blogs/storm/events",
      "https://NEWS.example/live/storm",
      "https://news.example:443/api/blogs/storm/events",
      "https://news.example/media/../api/blogs/storm/events",
      "https://news.example/media/u/abc123/960.jpg?x=1",
    ]) {
      const answer = await post(onPublicUrl, editorThere, [image(src)]);
      expect(answer.status, src).toBe(422);
      expect(answer.json.error.field).toBe("blocks[0].src");
    }
    const kept = await post(onPublicUrl, editorThere, [
      image("https://news.example/media/u/abc123/960.jpg"),
      image("https://cdn.example.org/api/blogs/storm/events"),
      image("https://news.example:8443/photos/crowd.jpg"),
    ]);
    expect(kept.status).toBe(201);
  });

  it("refuses the same trick in a blog's hero and intro, on create and edit", async () => {
    const create = await onPublicUrl.api("POST", "/api/blogs", {
      token: editorThere,
      body: {
        slug: "hero",
        title: "Hero",
        hero: { src: "https://news.example/api/blogs/storm/events", alt: "" },
      },
    });
    expect(create.status).toBe(422);
    expect(create.json.error.field).toBe("hero.src");
    const edits: [unknown, string][] = [
      [{ hero: { src: "/media/../api/blogs/storm/events", alt: "" } }, "hero.src"],
      [{ intro: [paragraph("Lead"), image("/media/%2E%2E/x")] }, "intro[1].src"],
      [{ intro: [image("https://news.example/api/blogs/storm/events")] }, "intro[0].src"],
    ];
    for (const [body, field] of edits) {
      const answer = await onPublicUrl.api("PATCH", "/api/blogs/storm", {
        token: editorThere,
        body,
      });
      expect(answer.status).toBe(422);
      expect(answer.json.error.field).toBe(field);
    }
    const ok = await onPublicUrl.api("PATCH", "/api/blogs/storm", {
      token: editorThere,
      body: { hero: { src: "/media/u/abc123/1600.jpg", alt: "The quay" } },
    });
    expect(ok.status).toBe(200);
  });
});
