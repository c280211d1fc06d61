// Support for the import and export tests: a blog seeded through the API with everything an
// export carries (hero and lead, uploaded images, a pinned post, key events, a colleague's and
// a free-text byline, a scheduled post, a closed status) and what it must leave out (a draft,
// a deleted post), and readers of an export archive that use the system's own `tar`.

import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import sharp from "sharp";
import { expect } from "vitest";
import { paragraph, type TestServer } from "../helpers/server.js";

export interface SeededBlog {
  slug: string;
  adminToken: string;
  editorToken: string;
  colleagueEmail: string;
  /** Ids of what must not be exported. */
  draftId: string;
  deletedId: string;
}

export async function seedBlog(server: TestServer, slug: string): Promise<SeededBlog> {
  const admin = await server.userFor("admin", "Ada Admin");
  const editor = await server.userFor("editor", "Eda Editor");
  const colleague = await server.userFor("reporter", "Sam Colleague");
  const ok = async (answer: Promise<{ status: number; json: unknown }>, status: number) => {
    const settled = await answer;
    expect(settled.status, JSON.stringify(settled.json)).toBe(status);
    // biome-ignore lint/suspicious/noExplicitAny: answers are read field by field below
    return settled.json as any;
  };
  const images: { src: string }[] = [];
  for (const colour of ["#c0392b", "#2c3e50"]) {
    const png = await sharp({
      create: { width: 640, height: 400, channels: 3, background: colour },
    })
      .png()
      .toBuffer();
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(png)], { type: "image/png" }), "photo.png");
    const response = await fetch(`${server.url}/api/media`, {
      method: "POST",
      body: form,
      headers: { authorization: `Bearer ${editor.token}` },
    });
    expect(response.status).toBe(201);
    images.push((await response.json()) as { src: string });
  }
  const [hero, inPost] = images as [{ src: string }, { src: string }];
  await ok(
    server.api("POST", "/api/blogs", {
      token: editor.token,
      body: {
        slug,
        title: "Harbour fire",
        summary: "Crews at the quay through the night",
        intro: [paragraph("A warehouse caught fire at **21:40**."), { type: "divider" }],
        hero: { src: hero.src, alt: "Smoke over the quay", caption: "At midnight", credit: "Desk" },
        sourceNote: "Reporting by the newsroom and [Agency](https://agency.example)",
        language: "en-GB",
        timezone: "Europe/London",
        reporterMode: "approval",
      },
    }),
    201,
  );
  const posts = `/api/blogs/${slug}/posts`;
  const publish = (body: object) =>
    ok(server.api("POST", posts, { token: editor.token, body }), 201);
  await publish({
    title: "First crews",
    blocks: [paragraph("Two engines at the quay.")],
    bylines: [{ userId: colleague.id }, { name: "Agency" }],
    keyEvent: true,
    tags: ["Harbour", "Пожар"],
  });
  await publish({
    blocks: [
      { type: "image", src: inPost.src, alt: "Crews at work", caption: "Quay", credit: "Sam" },
      { type: "quote", text: "We were lucky", cite: "A neighbour" },
    ],
    bylines: [{ name: "Guest Writer", kind: "person" }],
  });
  const pinned = await publish({
    title: "What we know",
    blocks: [{ type: "list", ordered: false, items: ["No one hurt", "Road closed"] }],
    pinned: true,
  });
  await ok(
    server.api("PATCH", `${posts}/${pinned.id}`, {
      token: editor.token,
      body: { version: pinned.version, title: "What we know so far" },
    }),
    200,
  );
  for (let i = 1; i <= 4; i++)
    await publish({ blocks: [paragraph(`Update ${i}`)], keyEvent: i === 2 });
  await publish({
    status: "scheduled",
    publishAt: "2031-01-01T09:00:00.000Z",
    blocks: [paragraph("Morning briefing")],
  });
  const draft = await publish({ status: "draft", blocks: [paragraph("Private notes")] });
  const deleted = await publish({ blocks: [paragraph("Unconfirmed: a second fire.")] });
  await ok(server.api("DELETE", `${posts}/${deleted.id}`, { token: editor.token }), 204);
  await ok(
    server.api("PATCH", `/api/blogs/${slug}`, {
      token: editor.token,
      body: { status: "closed", adSlots: { every: 3, height: 250 } },
    }),
    200,
  );
  return {
    slug,
    adminToken: admin.token,
    editorToken: editor.token,
    colleagueEmail: colleague.email,
    draftId: draft.id,
    deletedId: deleted.id,
  };
}

const run = promisify(execFile);

export interface Unpacked {
  // biome-ignore lint/suspicious/noExplicitAny: the document is compared whole and read field by field
  document: any;
  /** Every media file's bytes, by its path in the archive. */
  media: Map<string, Buffer>;
}

/** An export archive unpacked by the system's `tar`, knowing nothing of Dispatch's reader. */
export async function unpack(archive: string): Promise<Unpacked> {
  const dir = await mkdtemp(path.join(tmpdir(), "dispatch-unpacked-"));
  await run("tar", ["-xf", archive, "-C", dir]);
  const document = JSON.parse(await readFile(path.join(dir, "document.json"), "utf8"));
  const media = new Map<string, Buffer>();
  const walk = async (at: string) => {
    for (const entry of await readdir(path.join(dir, at), { withFileTypes: true })) {
      const relative = path.posix.join(at, entry.name);
      if (entry.isDirectory()) await walk(relative);
      else media.set(relative, await readFile(path.join(dir, relative)));
    }
  };
  await walk("media").catch(() => {});
  return { document, media };
}

/** Downloads the export of `slug` as an admin into `file`. */
export async function downloadExport(
  server: TestServer,
  slug: string,
  token: string,
  file: string,
): Promise<void> {
  const response = await fetch(`${server.url}/api/blogs/${slug}/export`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("application/x-tar");
  const { writeFile } = await import("node:fs/promises");
  await writeFile(file, Buffer.from(await response.arrayBuffer()));
}
