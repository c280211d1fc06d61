// Headers every answer of ours carries, whichever path answers it: Fastify's onSend hook,
// the event streams taken at the door, and reader pages answered from the cache.

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
};
