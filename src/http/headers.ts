// Headers every answer of ours carries, whichever path answers it: Fastify's onSend hook,
// the event streams taken at the door, and reader pages answered from the cache.

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
};

/** The cache tag of everything public about one blog; see `cacheTagHeaders`. */
export function blogCacheTag(blogId: string): string {
  return `blog-${blogId}`;
}

/**
 * Tags a public, cacheable answer with its blog, under the header names CDNs read
 * (`Surrogate-Key`, `Cache-Tag`). The purge hook names the tag with every change, so a CDN
 * that purges by tag also drops what no path list can name: older pages (`?before=`) and
 * polls (`?since=`).
 */
export function cacheTagHeaders(blogId: string): Record<string, string> {
  const tag = blogCacheTag(blogId);
  return { "Surrogate-Key": tag, "Cache-Tag": tag };
}
