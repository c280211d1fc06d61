// Readers' comments under the posts of the live page (not the lite page, AMP or feeds): the
// approved threads, a form that works without a script (its answer is a 303 back to a
// fragment: `#comment-held` and `#comment-reported` are notices the stylesheet shows only as
// the page's target), a reply form under each thread and a report button on each comment.
// A `<template>` of one comment, in the blog's language, is what assets/comments.js fills for
// comments that arrive live, so the script writes no words of its own.

import type { Blog } from "../core/blog.js";
import type { CommentThread, PublicComment } from "../core/comments.js";
import { COMMENT_NAME_MAX, COMMENT_TEXT_MAX } from "../core/comments.js";
import { shownDateTime } from "./dates.js";
import { html, raw, type SafeHtml } from "./html.js";
import { t } from "./i18n/messages.js";

/** Whether the live page shows comments at all. */
export function commentsShown(blog: Blog): boolean {
  return blog.comments === "pre" || blog.comments === "post";
}

export function renderComments(blog: Blog, threads: readonly CommentThread[]): SafeHtml {
  const lang = blog.language;
  const open = !blog.commentsClosed;
  return html`<section id="comments" class="comments" aria-labelledby="comments-title" data-comments-open="${open ? "1" : "0"}">
<h2 id="comments-title">${t(lang, "comments.title")}</h2>
<p id="comment-held" class="comment-notice" role="status">${t(lang, "comments.held")}</p>
<p id="comment-reported" class="comment-notice" role="status">${t(lang, "comments.reported")}</p>
<ol id="comment-list" class="comment-list">${threads.map((thread) => renderThread(blog, thread, open))}</ol>
<p id="no-comments" class="no-comments"${threads.length > 0 && raw(" hidden")}>${t(lang, "comments.none")}</p>
${open ? renderForm(blog) : html`<p class="comments-closed">${t(lang, "comments.closed")}</p>`}
<template id="comment-template">${renderComment(blog, TEMPLATE_COMMENT, open)}</template>
</section>`;
}

/** The stand-in comment of the template; comments.js replaces its id, name, text and time. */
const TEMPLATE_COMMENT: PublicComment = {
  id: "COMMENT_ID",
  parentId: null,
  name: "",
  text: "",
  createdAt: new Date(0).toISOString(),
};

function renderThread(blog: Blog, thread: CommentThread, open: boolean): SafeHtml {
  return renderComment(blog, thread, open, thread.replies);
}

function renderComment(
  blog: Blog,
  comment: PublicComment,
  open: boolean,
  replies?: readonly PublicComment[],
): SafeHtml {
  const lang = blog.language;
  const topLevel = comment.parentId === null;
  return html`<li id="comment-${comment.id}" class="comment"><article aria-label="${comment.name}"><p class="comment-meta"><span class="comment-name">${comment.name}</span> <time datetime="${comment.createdAt}">${shownDateTime(comment.createdAt, blog)}</time></p><p class="comment-text">${comment.text}</p><form class="comment-report" method="post" action="/api/comments/${comment.id}/reports"><button type="submit">${t(lang, "comments.report")}</button></form></article>${topLevel && html`<ol class="comment-replies">${(replies ?? []).map((reply) => renderComment(blog, reply, open))}</ol>${open && renderReplyForm(blog, comment.id)}`}</li>`;
}

function renderForm(blog: Blog): SafeHtml {
  const lang = blog.language;
  return html`<form id="comment-form" class="comment-form" method="post" action="/api/blogs/${blog.slug}/comments">
${blog.comments === "pre" && html`<p class="comment-moderated">${t(lang, "comments.preModerated")}</p>`}
${fields(blog, "comment")}
<button type="submit">${t(lang, "comments.send")}</button>
</form>`;
}

function renderReplyForm(blog: Blog, parentId: string): SafeHtml {
  const lang = blog.language;
  const prefix = `reply-${parentId}`;
  return html`<details class="comment-reply"><summary>${t(lang, "comments.reply")}</summary><form method="post" action="/api/blogs/${blog.slug}/comments"><input type="hidden" name="parentId" value="${parentId}">${fields(blog, prefix)}<button type="submit">${t(lang, "comments.sendReply")}</button></form></details>`;
}

/** Name, words and the trap field, with ids unique on the page. */
function fields(blog: Blog, prefix: string): SafeHtml {
  const lang = blog.language;
  return html`<p><label for="${prefix}-name">${t(lang, "comments.name")}</label><input id="${prefix}-name" name="name" required maxlength="${COMMENT_NAME_MAX}" autocomplete="nickname"></p><p><label for="${prefix}-text">${t(lang, "comments.text")}</label><textarea id="${prefix}-text" name="text" required maxlength="${COMMENT_TEXT_MAX}" rows="4"></textarea></p><div class="comment-trap"><label for="${prefix}-website">${t(lang, "comments.trap")}</label><input id="${prefix}-website" name="website" tabindex="-1" autocomplete="off"></div>`;
}
