// Reading a source blog over HTTP through the guarded fetcher: its Blog JSON (to check that a
// follow names a Dispatch blog this server may reach, and learn its title), all its published
// posts (for a resync), and the addresses of its API.

import { DomainError } from "../core/errors.js";
import type { SourceProbe } from "../core/operations/follow.js";
import { type SourceAddress, sourceTitle } from "../core/syndication.js";
import { FetchProblem, type GuardedFetcher } from "../outbound/guarded-fetch.js";

const JSON_LIMIT = 16 * 1024 * 1024;

export function sourceApi(source: SourceAddress, rest = ""): string {
  return `${source.origin}/api/blogs/${source.slug}${rest}`;
}

async function getJson(fetcher: GuardedFetcher, url: string): Promise<unknown> {
  const answer = await fetcher.fetch(url, { maxBytes: JSON_LIMIT, accept: "application/json" });
  try {
    return JSON.parse(answer.body.toString("utf8"));
  } catch {
    throw new FetchProblem("failed", `${new URL(url).host} did not answer with JSON`);
  }
}

/** Checks the source is a Dispatch blog this server may read; its title. */
export function sourceProbe(fetcher: GuardedFetcher): SourceProbe {
  return async (source) => {
    let blog: unknown;
    try {
      blog = await getJson(fetcher, sourceApi(source));
    } catch (error) {
      if (!(error instanceof FetchProblem)) throw error;
      const code = error.reason === "refused" ? "fetch_refused" : "fetch_failed";
      throw new DomainError(code, `Cannot follow ${source.url}: ${error.message}`, {
        field: "source",
      });
    }
    const { slug, title: raw } = (blog ?? {}) as { slug?: unknown; title?: unknown };
    const title = sourceTitle(typeof raw === "string" ? raw.slice(0, 300) : raw);
    if (slug !== source.slug || title === undefined) {
      throw new DomainError("fetch_failed", `${source.url} is not a Dispatch blog`, {
        field: "source",
      });
    }
    return { title };
  };
}

/** Every published post of the source, newest first, read page by page. */
export async function readSourcePosts(
  fetcher: GuardedFetcher,
  source: SourceAddress,
  stopped: () => boolean,
): Promise<unknown[]> {
  const posts: unknown[] = [];
  let before: string | undefined;
  for (let page = 0; page < 10_000 && !stopped(); page++) {
    const query = `?limit=200${before ? `&before=${encodeURIComponent(before)}` : ""}`;
    const answer = (await getJson(fetcher, sourceApi(source, `/posts${query}`))) as {
      posts?: unknown;
      next?: unknown;
    };
    if (!Array.isArray(answer?.posts)) {
      throw new FetchProblem("failed", `${source.url} answered its posts without a list`);
    }
    posts.push(...answer.posts);
    if (typeof answer.next !== "string" || answer.posts.length === 0) break;
    before = answer.next;
  }
  return posts;
}
