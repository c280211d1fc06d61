// The origin a request came in on, for absolute links when PUBLIC_URL is not set. The Host
// header is the client's to choose, so only a plain host[:port] is used; anything else falls
// back rather than landing in canonical links, feeds or embed codes.

import type { FastifyRequest } from "fastify";

export function requestOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${safeHost(request.host ?? "")}`;
}

export function safeHost(host: string): string {
  return /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(host) ? host : "localhost";
}
