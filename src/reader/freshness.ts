// When a client's copy of a cached answer (a reader page, a feed) is still the current one:
// by its ETag, else by its date, which a version carries only once no later version can
// share its second.

/** What a cached answer is known by. */
export interface Validators {
  etag: string;
  lastModified: Date;
}

/** Whether the client's copy (by If-None-Match, else If-Modified-Since) is this version. */
export function isFresh(
  page: Validators,
  ifNoneMatch: string | undefined,
  ifModifiedSince: string | undefined,
): boolean {
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch.split(",").some((tag) => tag.trim() === page.etag || tag.trim() === "*");
  }
  return (
    ifModifiedSince !== undefined &&
    datable(page) &&
    Math.floor(page.lastModified.getTime() / 1000) <= Math.floor(Date.parse(ifModifiedSince) / 1000)
  );
}

/**
 * Whether the page may carry its Last-Modified. A date is only a second precise: two versions
 * changed within one second would carry the same one, and a cache revalidating by date alone
 * would keep the older version (a retracted post, say) for as long as nothing else changed.
 * So a page changed moments ago goes out without a date (its ETag still validates); once the
 * change is DATED_AFTER_MS old, no later change can share its second.
 */
export function datable(page: Validators): boolean {
  return Date.now() - page.lastModified.getTime() >= DATED_AFTER_MS;
}

/**
 * How old a page's latest change must be before the page carries its date: past its second,
 * with room for a change whose time was read before another's yet committed after it, or on
 * a node whose clock is a little behind.
 */
const DATED_AFTER_MS = 2000;
