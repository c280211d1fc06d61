// GET /favicon.ico: a small "live" mark, so browsers stop asking for one on every page view.

import type { FastifyInstance } from "fastify";

const ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#b00020"/>' +
  '<circle cx="16" cy="16" r="6" fill="#fff"/></svg>';

export function registerFavicon(app: FastifyInstance): void {
  app.get("/favicon.ico", async (_request, reply) =>
    reply.type("image/svg+xml").header("Cache-Control", "public, max-age=86400").send(ICON),
  );
}
