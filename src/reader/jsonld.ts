// Structured data for search engines: a schema.org LiveBlogPosting for a live blog page (one
// liveBlogUpdate per post on the page) and a BlogPosting for a post's permalink page, and the
// serialisation that makes them safe to place inside a <script> element.

import type { Blog } from "../core/blog.js";
import { type Byline, shownBylines } from "../core/byline.js";
import { imagesOfBlock } from "../core/content/blocks.js";
import { blocksToPlainText } from "../core/content/render.js";
import type { Post } from "../core/post.js";
import { latestTime } from "./dates.js";
import { excerpt, postLabel } from "./excerpt.js";
import { absoluteUrl, blogPath, postPath } from "./urls.js";

type JsonLd = Record<string, unknown>;

/** The newsroom behind the coverage (PUBLISHER_NAME and PUBLISHER_LOGO). */
export interface Publisher {
  name: string;
  /** Absolute URL of its logo. */
  logo?: string;
}

/** The schema.org Organization that publishes every blog here. */
export function publisherOrganization(publisher: Publisher): JsonLd {
  const organization: JsonLd = { "@type": "Organization", name: publisher.name };
  if (publisher.logo) organization.logo = { "@type": "ImageObject", url: publisher.logo };
  return organization;
}

/** The LiveBlogPosting for a page of a live blog showing `posts`. */
export function liveBlogPosting(
  blog: Blog,
  posts: readonly Post[],
  options: { baseUrl: string; pageUrl?: string; publisher?: Publisher },
): JsonLd {
  const { baseUrl } = options;
  const data: JsonLd = {
    "@context": "https://schema.org",
    "@type": "LiveBlogPosting",
    headline: blog.title,
    description: blog.summary || blog.title,
    url: options.pageUrl ?? absoluteUrl(baseUrl, blogPath(blog.slug)),
    inLanguage: blog.language,
    datePublished: blog.createdAt,
    dateModified: latestTime(blog.updatedAt, ...posts.map((p) => p.updatedAt)),
    coverageStartTime: blog.createdAt,
  };
  if (blog.status === "closed") data.coverageEndTime = blog.closedAt ?? blog.updatedAt;
  if (blog.hero) data.image = absoluteUrl(baseUrl, blog.hero.src);
  if (options.publisher) data.publisher = publisherOrganization(options.publisher);
  data.liveBlogUpdate = posts.map((post) => blogPosting(blog, post, { baseUrl }));
  return data;
}

/** A BlogPosting for one post; `partOf` links it to its live blog on the permalink page. */
export function blogPosting(
  blog: Blog,
  post: Post,
  options: { baseUrl: string; partOf?: boolean; publisher?: Publisher },
): JsonLd {
  const { baseUrl } = options;
  const published = post.publishedAt ?? post.createdAt;
  const data: JsonLd = {
    "@type": "BlogPosting",
    headline: excerpt(postLabel(post, 110) || blog.title, 110),
    url: absoluteUrl(baseUrl, postPath(blog.slug, post.id)),
    datePublished: published,
    dateModified: latestTime(published, post.updatedAt),
    articleBody: blocksToPlainText(post.blocks),
    author: shownBylines(post).map((byline) => bylineAuthor(byline, baseUrl)),
  };
  const image = post.blocks.flatMap(imagesOfBlock)[0];
  if (image) data.image = absoluteUrl(baseUrl, image.src);
  // A linked source is the work the update is based on; a bare name ("via Reuters") says
  // nothing schema.org can point to, and a verification state has no property of its own.
  if (post.source?.url) {
    data.isBasedOn = { "@type": "CreativeWork", name: post.source.text, url: post.source.url };
  }
  // A correction readers are shown is told to search engines too (CreativeWork.correction).
  if (post.contentUpdatedAt && post.correction) {
    data.correction = {
      "@type": "CorrectionComment",
      text: post.correction.note,
      datePublished: post.correction.at,
    };
  }
  // schema.org's keywords take a list of terms: the post's tags, as readers see them.
  if (post.tags?.length) data.keywords = post.tags;
  if (options.partOf) {
    return {
      "@context": "https://schema.org",
      ...data,
      inLanguage: blog.language,
      ...(options.publisher ? { publisher: publisherOrganization(options.publisher) } : {}),
      isPartOf: {
        "@type": "LiveBlogPosting",
        headline: blog.title,
        url: absoluteUrl(baseUrl, blogPath(blog.slug)),
      },
    };
  }
  return data;
}

/** A colleague or guest is a Person (with their title and picture); an agency an Organization. */
function bylineAuthor(byline: Byline, baseUrl: string): JsonLd {
  if (!byline.userId && byline.kind !== "person") {
    return { "@type": "Organization", name: byline.name };
  }
  const person: JsonLd = { "@type": "Person", name: byline.name };
  if (byline.title) person.jobTitle = byline.title;
  if (byline.avatar) person.image = absoluteUrl(baseUrl, byline.avatar);
  return person;
}

const SCRIPT_UNSAFE: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/**
 * JSON for inside a <script> element. `<` is escaped so `</script>` or `<!--` in a headline
 * cannot end or confuse the element; U+2028/2029 for old JavaScript parsers. The result is
 * still exactly the same JSON value.
 */
export function serializeJsonLd(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (ch) => SCRIPT_UNSAFE[ch] ?? ch);
}
