// Ad and promo slots between updates on the live page: empty, labelled containers that a
// publisher's ad script fills. Each is a labelled group, not a landmark: a page of many slots
// would otherwise fill a screen reader's landmark list with ads of one name. Each reserves its height through a class (`ad-h-250`) from the
// stylesheet, because the page's policy allows no inline style; filling a slot with content of
// that height therefore never moves the posts a reader is reading. Slots sit after every Nth
// post counted from the top of the page as rendered; blocks.js adds one above them each time
// N more posts have arrived live, so a post arriving never moves an existing slot. Never on
// the lite page, AMP, feeds or a post's own page.

import type { AdSlots, Blog } from "../core/blog.js";
import { html, type SafeHtml } from "./html.js";
import { t } from "./i18n/messages.js";

/** The slot after the `index`th post (0-based) of the page, if the rule puts one there. */
export function adSlotAfter(
  blog: Blog,
  index: number,
  count: number,
  rule: AdSlots | null | undefined,
): SafeHtml | undefined {
  if (!rule) return undefined;
  const position = index + 1;
  // Only between posts: a slot at the very foot would sit against the pager.
  if (position % rule.every !== 0 || position >= count) return undefined;
  return renderAdSlot(blog, rule, position / rule.every);
}

export function renderAdSlot(blog: Blog, rule: AdSlots, slot: number): SafeHtml {
  return html`<div class="ad-slot ad-h-${String(rule.height)}" data-slot="${String(slot)}" role="group" aria-label="${t(blog.language, "ads.label")}"></div>`;
}

/** The rule on the stream's element, for blocks.js to keep slots as posts arrive. */
export function adSlotAttributes(blog: Blog): SafeHtml {
  const rule = blog.adSlots;
  if (!rule) return html``;
  return html` data-ad-every="${String(rule.every)}" data-ad-height="${String(rule.height)}" data-ad-label="${t(blog.language, "ads.label")}"`;
}
