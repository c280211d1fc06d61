import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DiskMediaStore } from "./disk-media-store.js";

let root: string;
let store: DiskMediaStore;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "dispatch-media-"));
  store = new DiskMediaStore(path.join(root, "media"));
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function read(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString();
}

describe("DiskMediaStore", () => {
  it("stores under its folder, replaces whole files and leaves no temp files behind", async () => {
    await store.put("u/abc/960.jpg", Buffer.from("first"), "image/jpeg");
    await store.put("u/abc/960.jpg", Buffer.from("second"), "image/jpeg");
    expect(await readFile(path.join(root, "media", "u", "abc", "960.jpg"), "utf8")).toBe("second");
    expect(await readdir(path.join(root, "media", "u", "abc"))).toEqual(["960.jpg"]);
    const file = await store.get("u/abc/960.jpg");
    expect(file).toMatchObject({ contentType: "image/jpeg", size: 6 });
    expect(await read(file!.open())).toBe("second");
  });

  it("never reaches outside its folder, nor hidden or unknown files", async () => {
    await writeFile(path.join(root, "secret.jpg"), "secret");
    await store.put("demo/ok.svg", Buffer.from("<svg/>"), "image/svg+xml");
    await writeFile(path.join(root, "media", "demo", ".hidden.jpg"), "x");
    await writeFile(path.join(root, "media", "demo", "notes.txt"), "x");
    for (const key of [
      "../secret.jpg",
      "demo/../../secret.jpg",
      "/etc/x.jpg",
      "demo/.hidden.jpg",
    ]) {
      expect(await store.get(key), key).toBeUndefined();
    }
    expect(await store.get("demo/notes.txt")).toBeUndefined();
    expect(await store.get("demo")).toBeUndefined();
    expect(await store.get("demo/missing.jpg")).toBeUndefined();
    expect((await store.get("demo/ok.svg"))?.contentType).toBe("image/svg+xml");
    await expect(store.put("../secret.jpg", Buffer.from("x"), "image/jpeg")).rejects.toThrow();
    await expect(store.put("u/a/1.jpg", Buffer.from("x"), "image/webp")).rejects.toThrow();
  });
});
