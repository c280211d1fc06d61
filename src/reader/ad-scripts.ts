// The publisher's ad script on live pages with ad slots (ad-slots-view.ts). Reader pages run
// under a policy that allows scripts from this site alone; an operator who sets
// AD_SCRIPT_ORIGINS (config/ad-scripts.ts) lets those origins run scripts, show frames and
// images, and be fetched from, on the live page of a blog with an ad slots rule and nowhere
// else: not the post's own page, lite, AMP, the embeds, the search or day pages, nor the
// newsroom. AD_SCRIPT_URL is then loaded there with `<script async>`: it fills the slots on the
// page and hears of new ones by `dispatch:slot` (docs/DISTRIBUTION.md).

import type { Blog } from "../core/blog.js";

export interface AdScripts {
  /** Origins as the policy names them: "https://ads.example.com", "https://*.adnet.example". */
  origins: readonly string[];
  /** The script the pages load, from one of the origins; unset: the publisher adds none. */
  url?: string;
}

/** What an ad script needs besides running: its frames, its images and its requests. */
const WIDENED = ["script-src", "frame-src", "img-src", "connect-src"];

/**
 * `policy` with the ad origins added where ad scripts need them. A directive the policy
 * leaves to default-src (connect-src) is written out with default-src's sources first, so
 * that the page's own requests (its event stream) stay allowed.
 */
export function widenForAds(policy: string, origins: readonly string[]): string {
  if (origins.length === 0) return policy;
  const directives = policy.split("; ");
  const fallback = directives.find((directive) => directive.startsWith("default-src "));
  const sources = (fallback ?? "default-src 'self'").slice("default-src ".length);
  const extra = origins.join(" ");
  const widened = directives.map((directive) =>
    WIDENED.includes(directive.split(" ")[0] ?? "") ? `${directive} ${extra}` : directive,
  );
  for (const name of WIDENED) {
    if (!directives.some((directive) => directive.split(" ")[0] === name)) {
      widened.push(`${name} ${sources} ${extra}`);
    }
  }
  return widened.join("; ");
}

/** The live page's policy for `blog`: widened only when the blog has slots to fill. */
export function livePagePolicy(policy: string, blog: Blog, ads: AdScripts | undefined): string {
  return blog.adSlots && ads ? widenForAds(policy, ads.origins) : policy;
}

/** The script the live page loads, when the blog has slots and the operator named one. */
export function adScriptFor(blog: Blog, ads: AdScripts | undefined): string | undefined {
  return blog.adSlots && ads?.url ? ads.url : undefined;
}
