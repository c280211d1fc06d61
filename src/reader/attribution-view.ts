// A post's verification badge and source line as readers see them. live.js builds exactly
// this markup for posts that arrive live; keep the two in step. The state is a word in the
// badge ("Unconfirmed"), never a colour alone.

import type { Post } from "../core/post.js";
import { html, type SafeHtml } from "./html.js";
import { t } from "./i18n/messages.js";

/** "Unconfirmed: the note", just under the post's byline line; nothing when not stated. */
export function renderVerification(post: Post, lang: string): SafeHtml | false {
  const verification = post.verification;
  if (!verification) return false;
  const { state, note } = verification;
  return html`<p class="post-verification is-${state}" data-verification="${state}"><span class="verification-badge">${t(lang, `verification.${state}`)}</span>${note && html`<span class="verification-note">${note}</span>`}</p>`;
}

/** "Source: via Reuters", linked when the newsroom gave a link; after the post's body. */
export function renderSource(post: Pick<Post, "source">, lang: string): SafeHtml | false {
  const source = post.source;
  if (!source) return false;
  return html`<p class="post-source"><span class="post-source-label">${t(lang, "post.source")}</span> ${source.url ? html`<a href="${source.url}">${source.text}</a>` : source.text}</p>`;
}
