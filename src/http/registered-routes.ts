// Every route Fastify registers, as registered (method and URL pattern, HEAD left out: Fastify
// adds one to each GET by itself). The OpenAPI document must name each of them; the route
// test compares the two, so a route added without its description fails there.

import type { FastifyInstance } from "fastify";

export interface RegisteredRoute {
  method: string;
  /** Fastify's pattern: `/api/blogs/:slug`, `/media/*`. */
  url: string;
}

const tables = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/** Starts recording; call before any route is registered. */
export function recordRoutes(app: FastifyInstance): void {
  const table: RegisteredRoute[] = [];
  tables.set(app, table);
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method !== "HEAD") table.push({ method, url: route.url });
    }
  });
}

/** The routes registered on `app` so far (empty if recordRoutes was not called on it). */
export function registeredRoutes(app: FastifyInstance): readonly RegisteredRoute[] {
  return tables.get(app) ?? [];
}
