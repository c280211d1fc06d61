// Where reader pages live, as paths for links within the site and as absolute URLs for the
// places that need them (canonical links, Open Graph, JSON-LD). The base is PUBLIC_URL when
// configured, else the origin the request came in on.

export function blogPath(slug: string, before?: string): string {
  const path = `/live/${encodeURIComponent(slug)}`;
  return before ? `${path}?before=${encodeURIComponent(before)}` : path;
}

export function postPath(slug: string, postId: string): string {
  return `${blogPath(slug)}/posts/${encodeURIComponent(postId)}`;
}

/** The AMP version of a blog's latest page. */
export function ampPath(slug: string): string {
  return `${blogPath(slug)}/amp`;
}

/** An absolute URL for a site path or an already absolute URL (an https image source). */
export function absoluteUrl(baseUrl: string, pathOrUrl: string): string {
  return new URL(pathOrUrl, `${baseUrl}/`).href;
}

/** The readers' page of every key figure with all its earlier values. */
export function figuresPath(slug: string): string {
  return `${blogPath(slug)}/figures`;
}
