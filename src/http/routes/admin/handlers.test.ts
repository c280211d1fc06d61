// The /admin route over Fastify's inject: the app's page for every /admin path with a strict
// policy and no caching, immutable hashed assets, nothing outside the assets folder, and a
// clear 503 when the app has not been built.

import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageRoot } from "../../../reader/assets.js";
import { registerAdminRoutes } from "./handlers.js";

let dir: string;
let app: FastifyInstance;
let unbuilt: FastifyInstance;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "dispatch-admin-"));
  await mkdir(path.join(dir, "assets"));
  await writeFile(path.join(dir, "index.html"), "<!doctype html><title>Newsroom</title>");
  await writeFile(path.join(dir, "assets", "index-abc123.js"), "console.log(1)");
  await writeFile(path.join(dir, "secret.txt"), "not public");
  await writeFile(path.join(dir, "sw.js"), "self.addEventListener('fetch', () => {})");
  app = Fastify({ routerOptions: { ignoreTrailingSlash: true } });
  registerAdminRoutes(app, dir);
  unbuilt = Fastify();
  registerAdminRoutes(unbuilt, path.join(dir, "missing"));
});

afterAll(async () => {
  await app.close();
  await unbuilt.close();
  await rm(dir, { recursive: true, force: true });
});

describe("GET /admin", () => {
  it("answers every app path with the page, uncached, under a strict policy", async () => {
    for (const url of ["/admin", "/admin/", "/admin/blogs/storm/settings"]) {
      const answer = await app.inject({ url });
      expect(answer.statusCode).toBe(200);
      expect(answer.body).toContain("<title>Newsroom</title>");
      expect(answer.headers["cache-control"]).toBe("no-cache");
      const policy = String(answer.headers["content-security-policy"]);
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("connect-src 'self'");
      expect(policy).not.toContain("unsafe-inline");
    }
  });

  it("serves hashed assets for a year and nothing beside them", async () => {
    const asset = await app.inject({ url: "/admin/assets/index-abc123.js" });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers["content-type"]).toContain("text/javascript");
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect((await app.inject({ url: "/admin/assets/nope.js" })).statusCode).toBe(404);
    for (const url of ["/admin/assets/../secret.txt", "/admin/assets/%2e%2e/secret.txt"]) {
      expect((await app.inject({ url })).body).not.toContain("not public");
    }
  });

  it("serves the service worker from its fixed address, always revalidated", async () => {
    const answer = await app.inject({ url: "/admin/sw.js" });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers["content-type"]).toContain("text/javascript");
    expect(answer.headers["cache-control"]).toBe("no-cache");
    expect(answer.body).toContain("addEventListener");
  });

  it("says how to build the app when it is missing", async () => {
    const answer = await unbuilt.inject({ url: "/admin" });
    expect(answer.statusCode).toBe(503);
    expect(answer.headers["content-type"]).toContain("text/html");
    expect(answer.body).toContain("npm run build");
  });

  it("finds the package root from where the module lives", () => {
    expect(packageRoot()).toBe(path.resolve(import.meta.dirname, "../../../.."));
  });
});
