// A post's bylines as readers see them: each contributor's avatar (with their name as its
// alt text), name and title, joined "A, B and C". live.js builds the same markup for posts
// that arrive live; keep the two in step.

import { type Byline, shownBylines } from "../core/byline.js";
import type { Post } from "../core/post.js";
import { html, type SafeHtml } from "./html.js";
import { joinList } from "./i18n/messages.js";

export function renderBylines(post: Post, language = "en"): SafeHtml {
  const bylines = shownBylines(post).map(renderByline);
  return html`<span class="author">${joinList(language, bylines)}</span>`;
}

function renderByline(byline: Byline): SafeHtml {
  return html`<span class="byline">${byline.avatar && html`<img class="avatar" src="${byline.avatar}" alt="${byline.name}" width="32" height="32" loading="lazy">`}<span class="byline-name">${byline.name}</span>${byline.title && html`<span class="byline-title">${byline.title}</span>`}</span>`;
}
