// GET /admin and /admin/*: the newsroom's browser app, built by Vite into dist/editor. The
// page itself is never cached (a deploy takes effect on the next load) and runs under a strict
// policy: its own scripts only, requests to this origin only. Hashed assets are immutable; the
// service worker (/admin/sw.js) keeps a fixed address and is always revalidated. Scripts and
// styles go brotli'd or gzipped as the browser takes them, compressed once per built file (a
// reporter on a failing network loads the app too). Without a build the route says how to make
// one instead of failing obscurely.

import type { Stats } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { packageRoot } from "../../../reader/assets.js";
import {
  type EncodedBody,
  encoded,
  encodeStatic,
  preferredEncoding,
} from "../../../reader/encoding.js";

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".json": "application/json",
  ".map": "application/json",
};

export const ADMIN_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "connect-src 'self'",
  "img-src 'self' https: data: blob:",
  "style-src 'self'",
  "font-src 'self'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export function registerAdminRoutes(
  app: FastifyInstance,
  editorDir = path.join(packageRoot(), "dist", "editor"),
): void {
  const root = path.resolve(editorDir);
  const assets = path.join(root, "assets");

  // Each built file's codings, made at its first request; a rebuilt file (new size or time)
  // is compressed again.
  const compressed = new Map<string, { stamp: string; body: Promise<EncodedBody> }>();
  const sendBuilt = async (
    request: FastifyRequest,
    reply: FastifyReply,
    file: string,
    info: Stats,
  ): Promise<FastifyReply> => {
    const type = TYPES[path.extname(file).toLowerCase()] as string;
    if (!/\.(js|css|svg|json|map)$/i.test(file)) return reply.type(type).send(await readFile(file));
    const stamp = `${info.size}|${info.mtimeMs}`;
    let entry = compressed.get(file);
    if (entry?.stamp !== stamp) {
      entry = { stamp, body: readFile(file).then(encodeStatic) };
      entry.body.catch(() => compressed.delete(file));
      compressed.set(file, entry);
    }
    const coding = preferredEncoding(request.headers["accept-encoding"]);
    const { bytes, headers } = encoded(await entry.body, coding);
    return reply.type(type).header("Vary", "Accept-Encoding").headers(headers).send(bytes);
  };

  const page = async (reply: FastifyReply) => {
    const html = await readFile(path.join(root, "index.html"), "utf8").catch(() => null);
    reply.header("Cache-Control", "no-cache").header("Content-Security-Policy", ADMIN_CSP);
    if (html === null) {
      return reply
        .status(503)
        .type("text/html; charset=utf-8")
        .send(
          '<!doctype html><html lang="en"><meta charset="utf-8"><title>Newsroom app not built</title>' +
            "<h1>The newsroom app has not been built</h1>" +
            "<p>Run <code>npm run build</code>, then reload this page.</p></html>",
        );
    }
    return reply.type("text/html; charset=utf-8").send(html);
  };

  // The service worker keeps the app usable offline; its own URL never changes, so it is
  // always revalidated.
  const serviceWorker = async (request: FastifyRequest, reply: FastifyReply) => {
    const file = path.join(root, "sw.js");
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      return reply.status(404).type("text/plain; charset=utf-8").send("Not built");
    }
    return sendBuilt(request, reply.header("Cache-Control", "no-cache"), file, info);
  };

  app.get("/admin", async (_request, reply) => page(reply));
  app.get("/admin/*", async (request, reply) => {
    const rest = (request.params as { "*": string })["*"];
    if (rest === "sw.js") return serviceWorker(request, reply);
    if (!rest.startsWith("assets/")) return page(reply);
    const file = path.resolve(root, rest);
    const type = TYPES[path.extname(file).toLowerCase()];
    const info = await stat(file).catch(() => null);
    if (!type || !file.startsWith(assets + path.sep) || !info?.isFile()) {
      return reply.status(404).type("text/plain; charset=utf-8").send("No such asset");
    }
    // Vite puts a content hash in every asset's name, so a name never changes meaning.
    reply.header("Cache-Control", "public, max-age=31536000, immutable");
    return sendBuilt(request, reply, file, info);
  });
}
