// A reader's photo with a contribution, over real HTTP on SQLite and PostgreSQL: sent as the
// reader page sends it (multipart), stripped of its EXIF location, shown to editors only and
// never under /media/ or in the media library; a text file or an oversized file refused
// naming `photo`; its files deleted when the reader's personal data is erased, on request or
// by the retention sweep.

import { readdir } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eraseLapsedContributorData } from "../../src/core/operations/contributions.js";
import { DiskMediaStore } from "../../src/media/disk-media-store.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { solvedChallenge } from "./reader.js";

const DAY = 24 * 60 * 60 * 1000;

/** A phone photo with its owner's name and GPS location in its EXIF. */
async function photoWithLocation(): Promise<Buffer> {
  const photo = await sharp({
    create: { width: 1200, height: 900, channels: 3, background: "#2a6f97" },
  })
    .jpeg()
    .withExif({
      IFD0: { Artist: "Flood Witness", Make: "PhoneCo" },
      IFD3: {
        GPSLatitudeRef: "N",
        GPSLatitude: "51/1 30/1 1234/100",
        GPSLongitudeRef: "W",
        GPSLongitude: "0/1 7/1 3900/100",
        GPSMapDatum: "WGS-84",
      },
    })
    .toBuffer();
  // The fixture must really carry what we promise to strip.
  expect((await sharp(photo).metadata()).exif?.includes("WGS-84")).toBe(true);
  return photo;
}

const blob = (data: Uint8Array, type: string) => new Blob([new Uint8Array(data)], { type });

function photoSuite(backend: "sqlite" | "postgres") {
  let server: TestServer;
  let database: TestDatabase | undefined;
  let editor: string;
  let photo: Buffer;
  const slug = `photos-${backend}`;

  /** Sends a contribution as the reader page does when a photo is chosen. */
  async function send(file: Blob | undefined, text = "The bridge is under water") {
    const solved = await solvedChallenge(server, slug);
    const form = new FormData();
    for (const [k, v] of Object.entries({ kind: "eyewitness", text, name: "Ana", ...solved })) {
      form.append(k, v);
    }
    if (file) form.append("photo", file, "bridge.jpg");
    const response = await fetch(`${server.url}/api/blogs/${slug}/contributions`, {
      method: "POST",
      body: form,
    });
    return { status: response.status, json: await response.json() };
  }

  const photoPath = (id: string) => `/api/blogs/${slug}/contributions/${id}/photo`;
  const blogId = async () => (await server.dispatch.store.findBlogBySlug(slug))?.id ?? "";
  /** The photo folders in the media store's private folder. */
  const photoFolders = () =>
    readdir(path.join(server.dataDir, "media", "contribution-photos")).catch(() => []);

  beforeAll(async () => {
    database = backend === "postgres" ? await createTestDatabase() : undefined;
    server = await startTestServer({
      ...(database ? { databaseUrl: database.url } : {}),
      env: { CONTRIBUTIONS_PER_HOUR: "1000", CONTRIBUTION_CHALLENGE_BITS: "10" },
    });
    editor = await server.tokenFor("editor");
    expect(
      (await server.api("POST", "/api/blogs", { token: editor, body: { slug, title: "Floods" } }))
        .status,
    ).toBe(201);
    const on = await server.api("PATCH", `/api/blogs/${slug}`, {
      token: editor,
      body: { contributions: { enabled: true } },
    });
    expect(on.status).toBe(200);
    photo = await photoWithLocation();
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it("takes a photo, shows it to editors without its location, and to no one else", async () => {
    const sent = await send(blob(photo, "image/jpeg"));
    expect(sent.status).toBe(201);
    const queue = await server.api("GET", `/api/blogs/${slug}/contributions`, { token: editor });
    const listed = (queue.json.contributions as { id: string; photo: unknown }[]).find(
      (c) => c.id === sent.json.id,
    );
    expect(listed?.photo).toEqual({ width: 1200, height: 900 });

    const seen = await fetch(`${server.url}${photoPath(sent.json.id)}`, {
      headers: { authorization: `Bearer ${editor}` },
    });
    expect(seen.status).toBe(200);
    expect(seen.headers.get("content-type")).toBe("image/jpeg");
    expect(seen.headers.get("cache-control")).toBe("private, no-store");
    const data = Buffer.from(await seen.arrayBuffer());
    const metadata = await sharp(data).metadata();
    expect(metadata).toMatchObject({ format: "jpeg", width: 1200, height: 900 });
    expect(metadata.exif).toBeUndefined();
    expect(data.includes("WGS-84")).toBe(false);
    expect(data.includes("Flood Witness")).toBe(false);

    // Anonymous readers get nothing, by the route or under /media/.
    const anonymous = await fetch(`${server.url}${photoPath(sent.json.id)}`);
    expect(anonymous.status).toBe(401);
    const [folder] = await photoFolders();
    expect(folder).toEqual(expect.any(String));
    for (const file of ["1600.jpg", "960.webp", "480.jpg"]) {
      const direct = await fetch(`${server.url}/media/contribution-photos/${folder}/${file}`);
      expect(direct.status).toBe(404);
      const encoded = await fetch(`${server.url}/media/contribution-photos%2F${folder}%2F${file}`);
      expect(encoded.status).toBe(404);
    }
    // Not in the media library either.
    const library = await server.api("GET", "/api/media", { token: editor });
    expect(library.status).toBe(200);
    expect(JSON.stringify(library.json)).not.toContain(folder);
  });

  it("takes a contribution without a photo as before, as multipart or JSON", async () => {
    const sent = await send(undefined, "No photo this time");
    expect(sent.status).toBe(201);
    const stored = await server.dispatch.store.findContribution(await blogId(), sent.json.id);
    expect(stored).toMatchObject({ text: "No photo this time", photo: null });
    const none = await fetch(`${server.url}${photoPath(sent.json.id)}`, {
      headers: { authorization: `Bearer ${editor}` },
    });
    expect(none.status).toBe(404);
  });

  it("refuses a text file and a file too large, naming the photo, and keeps nothing", async () => {
    const before = await photoFolders();
    const text = await send(blob(Buffer.from("not a photo at all\n"), "image/jpeg"));
    expect(text.status).toBe(415);
    expect(text.json.error).toMatchObject({ code: "unsupported_media_type", field: "photo" });
    const big = await send(blob(Buffer.alloc(11 * 1024 * 1024, 0xff), "image/jpeg"));
    expect(big.status).toBe(413);
    expect(big.json.error).toMatchObject({ code: "payload_too_large", field: "photo" });
    // A refused form's words are not kept either.
    const queue = await server.api("GET", `/api/blogs/${slug}/contributions?status=all`, {
      token: editor,
    });
    expect(queue.json.contributions).toHaveLength(2);
    expect(await photoFolders()).toEqual(before);
    const tmp = await readdir(path.join(server.dataDir, "tmp")).catch(() => []);
    expect(tmp.filter((f) => f.startsWith("photo-"))).toEqual([]);
  });

  it("publishes a copy for an answer, credited to the reader, that outlives the erasure", async () => {
    const sent = await send(blob(photo, "image/jpeg"));
    expect(sent.status).toBe(201);
    const publishPath = `${photoPath(sent.json.id)}/publish`;
    const reporter = await server.tokenFor("reporter");
    expect((await server.api("POST", publishPath, { token: reporter })).status).toBe(403);
    const published = await server.api("POST", publishPath, { token: editor });
    expect(published.status).toBe(201);
    expect(published.json).toMatchObject({ credit: "Ana", width: 1200, height: 900 });
    const src = published.json.src as string;
    expect(src).toMatch(/^\/media\/u\/[a-z0-9]+\/1600\.jpg$/);
    const answer = await server.api("POST", `/api/blogs/${slug}/posts`, {
      token: editor,
      body: {
        status: "published",
        blocks: [
          { type: "quote", text: "The bridge is under water", cite: "Ana" },
          { type: "image", src, alt: "A flooded bridge", credit: "Ana", width: 1200, height: 900 },
        ],
      },
    });
    expect(answer.status).toBe(201);
    const library = await server.api("GET", "/api/media", { token: editor });
    expect(JSON.stringify(library.json)).toContain(src);
    // Erasing the reader's data deletes the private photo, not the published image.
    const erased = await server.api(
      "DELETE",
      `/api/blogs/${slug}/contributions/${sent.json.id}/personal-data`,
      { token: editor },
    );
    expect(erased.status).toBe(200);
    const page = await (await fetch(`${server.url}/live/${slug}`)).text();
    expect(page).toContain(src);
    const image = await fetch(`${server.url}${src}`);
    expect(image.status).toBe(200);
    const data = Buffer.from(await image.arrayBuffer());
    expect((await sharp(data).metadata()).exif).toBeUndefined();
    expect(data.includes("WGS-84")).toBe(false);
    expect((await server.api("POST", publishPath, { token: editor })).status).toBe(404);
  });

  it("deletes the photo's files when the reader's personal data is erased", async () => {
    const sent = await send(blob(photo, "image/jpeg"));
    expect(sent.status).toBe(201);
    const stored = await server.dispatch.store.findContribution(await blogId(), sent.json.id);
    const photoId = stored?.photo?.id ?? "";
    expect(await photoFolders()).toContain(photoId);
    const erased = await server.api(
      "DELETE",
      `/api/blogs/${slug}/contributions/${sent.json.id}/personal-data`,
      { token: editor },
    );
    expect(erased.status).toBe(200);
    expect(erased.json.photo).toBeNull();
    expect(await photoFolders()).not.toContain(photoId);
    const gone = await fetch(`${server.url}${photoPath(sent.json.id)}`, {
      headers: { authorization: `Bearer ${editor}` },
    });
    expect(gone.status).toBe(404);
  });

  it("deletes the photo's files when the retention period ends", async () => {
    const sent = await send(blob(photo, "image/jpeg"));
    expect(sent.status).toBe(201);
    const { store } = server.dispatch;
    const photoId = (await store.findContribution(await blogId(), sent.json.id))?.photo?.id ?? "";
    expect(await photoFolders()).toContain(photoId);
    const media = new DiskMediaStore(path.join(server.dataDir, "media"));
    const at = (days: number) => ({
      store,
      clock: { now: () => new Date(Date.now() + days * DAY) },
    });
    await eraseLapsedContributorData(at(29), 30, media);
    expect(await photoFolders()).toContain(photoId);
    expect(await eraseLapsedContributorData(at(31), 30, media)).toBeGreaterThanOrEqual(1);
    expect(await photoFolders()).not.toContain(photoId);
    expect((await store.findContribution(await blogId(), sent.json.id))?.photo).toBeNull();
  });
}

describe("contribution photos on SQLite", () => photoSuite("sqlite"));
describe("contribution photos on PostgreSQL", () => photoSuite("postgres"));
