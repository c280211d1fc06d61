// The media library over real HTTP: every upload is listed, newest first, and found by its
// file name, uploader and the words it was published with; the words a post gives an image
// are remembered (and an empty one keeps the earlier), the library can change them, reporters
// browse but change only their own uploads' words, and the public is refused.

import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MediaPageJson } from "../../src/http/routes/media/schema.js";
import { startTestServer, type TestServer, type TestUser } from "../helpers/server.js";

let server: TestServer;
let editor: TestUser;
let reporter: TestUser;
const slug = `library-${process.pid}`;

interface MediaJson {
  id: string;
  src: string;
  thumbnail: string;
  width: number;
  height: number;
  fileName: string;
  alt: string;
  caption: string;
  credit: string;
  uploadedBy: { name: string };
}

beforeAll(async () => {
  server = await startTestServer();
  editor = await server.userFor("editor", "Eda Editor");
  reporter = await server.userFor("reporter", "Rui Reporter");
  await server.api("POST", "/api/blogs", { token: editor.token, body: { slug, title: "Library" } });
});
afterAll(() => server.close());

async function upload(token: string, fileName: string, colour = "#c0392b") {
  const png = await sharp({ create: { width: 640, height: 360, channels: 3, background: colour } })
    .png()
    .toBuffer();
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(png)], { type: "image/png" }), fileName);
  const response = await fetch(`${server.url}/api/media`, {
    method: "POST",
    body: form,
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; src: string };
}

const library = async (query: string, token = editor.token) => {
  const answer = await server.api("GET", `/api/media?${query}`, { token });
  expect(answer.status).toBe(200);
  // Every answer holds to the shape the OpenAPI document gives.
  MediaPageJson.parse(answer.json);
  return answer.json as { media: MediaJson[]; next?: string };
};

const image = (src: string, words: { alt: string; caption?: string; credit?: string }) => ({
  type: "image",
  src,
  ...words,
});

describe("the media library", () => {
  it("lists every upload newest first, with its thumbnail, size and uploader, a page at a time", async () => {
    const first = await upload(editor.token, "quay-first.png");
    const second = await upload(reporter.token, "quay-second.png");
    const { media, next } = await library("q=quay&limit=1");
    expect(media).toEqual([
      expect.objectContaining({
        id: second.id,
        src: second.src,
        thumbnail: `/media/u/${second.id}/480.webp`,
        width: 640,
        height: 360,
        fileName: "quay-second.png",
        alt: "",
        uploadedBy: { name: "Rui Reporter" },
      }),
    ]);
    const thumbnail = await fetch(`${server.url}${media[0]?.thumbnail}`);
    expect([thumbnail.status, thumbnail.headers.get("content-type")]).toEqual([200, "image/webp"]);
    const older = await library(`q=quay&limit=1&before=${next}`);
    expect(older.media.map((m) => m.id)).toEqual([first.id]);
    expect(older.next).toBeUndefined();
  });

  it("remembers the words an image is published with, and finds it by them", async () => {
    const photo = await upload(editor.token, "IMG_2041.png");
    const words = {
      alt: "Firefighters at the quay",
      caption: "The blaze at dawn",
      credit: "Ana Photo",
    };
    const post = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: editor.token,
      body: { blocks: [image(photo.src, words)] },
    });
    expect(post.status).toBe(201);
    const { media } = await library("q=blaze dawn");
    expect(media.map((m) => m.id)).toEqual([photo.id]);
    expect(media[0]).toMatchObject(words);

    // A later post without a credit does not erase it; a new caption replaces the old.
    const later = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: editor.token,
      body: {
        blocks: [image(photo.src, { alt: "Firefighters at the quay", caption: "Embers at noon" })],
      },
    });
    expect(later.status).toBe(201);
    const [kept] = (await library("q=img_2041")).media;
    expect(kept).toMatchObject({ caption: "Embers at noon", credit: "Ana Photo" });
    expect((await library("q=blaze")).media).toEqual([]);
  });

  it("remembers the words of a draft saved with the image, too", async () => {
    const photo = await upload(editor.token, "depot.png");
    const draft = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: editor.token,
      body: { status: "draft", blocks: [{ type: "paragraph", text: "Depot" }] },
    });
    const saved = await server.api("PATCH", `/api/blogs/${slug}/posts/${draft.json.id}`, {
      token: editor.token,
      body: { version: 1, blocks: [image(photo.src, { alt: "The bus depot", credit: "City" })] },
    });
    expect(saved.status).toBe(200);
    expect((await library("q=depot.png")).media[0]).toMatchObject({
      alt: "The bus depot",
      credit: "City",
    });
  });

  it("changes an image's words in the library", async () => {
    const photo = await upload(editor.token, "bridge.png");
    const changed = await server.api("PATCH", `/api/media/${photo.id}`, {
      token: editor.token,
      body: { alt: "The old bridge", caption: "Closed for inspection", credit: "Bo Lindqvist" },
    });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({ id: photo.id, caption: "Closed for inspection" });
    expect((await library("q=inspection")).media.map((m) => m.id)).toEqual([photo.id]);

    const tooLong = await server.api("PATCH", `/api/media/${photo.id}`, {
      token: editor.token,
      body: { caption: "x".repeat(501) },
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.json.error).toMatchObject({ code: "validation_failed", field: "caption" });
    const unknown = await server.api("PATCH", "/api/media/nosuchimage", {
      token: editor.token,
      body: { alt: "x" },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe("media_not_found");
  });
});

describe("who may use the library", () => {
  it("lets reporters browse, and change the words of their own uploads only", async () => {
    const theirs = await upload(editor.token, "editors-own.png");
    const mine = await upload(reporter.token, "reporters-own.png");
    expect((await library("q=editors-own", reporter.token)).media.map((m) => m.id)).toEqual([
      theirs.id,
    ]);
    const refused = await server.api("PATCH", `/api/media/${theirs.id}`, {
      token: reporter.token,
      body: { caption: "Mine now" },
    });
    expect(refused.status).toBe(403);
    const own = await server.api("PATCH", `/api/media/${mine.id}`, {
      token: reporter.token,
      body: { caption: "From the scene" },
    });
    expect(own.status).toBe(200);
    // Nor does a reporter's post rewrite what an editor's upload is known by.
    await server.api("PATCH", `/api/media/${theirs.id}`, {
      token: editor.token,
      body: { alt: "Editor's words" },
    });
    await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: reporter.token,
      body: { blocks: [image(theirs.src, { alt: "Reporter's words" })] },
    });
    expect((await library("q=editors-own")).media[0]?.alt).toBe("Editor's words");
  });

  it("refuses the public, and checks the query", async () => {
    const anyone = await server.api("GET", "/api/media");
    expect(anyone.status).toBe(401);
    const patch = await server.api("PATCH", "/api/media/x", { body: { alt: "x" } });
    expect(patch.status).toBe(401);
    for (const [query, field] of [
      ["limit=0", "limit"],
      ["limit=101", "limit"],
      ["size=big", "size"],
    ]) {
      const answer = await server.api("GET", `/api/media?${query}`, { token: editor.token });
      expect(answer.status).toBe(400);
      expect(answer.json.error).toMatchObject({ code: "invalid_query", field });
    }
  });
});

describe("the OpenAPI document", () => {
  it("describes browsing the library and changing an image's words", async () => {
    const doc = await server.api("GET", "/api/openapi.json");
    const list = doc.json.paths["/api/media"].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(["q", "before", "limit"]);
    expect(doc.json.paths["/api/media"].post).toBeDefined();
    const patch = doc.json.paths["/api/media/{id}"].patch;
    const body = patch.requestBody.content["application/json"].schema;
    expect(Object.keys(body.properties)).toEqual(["alt", "caption", "credit"]);
  });
});
