// The "Comments" moderation screen of a blog (editors and admins): readers' comments waiting
// for an editor (pre-moderation, a blocked word, or enough reports), and those readers
// reported, each with Approve and Reject. Live: a new or newly reported comment arrives
// through the desk event stream (`desk-comment`), and one a colleague moderated leaves the
// lists; each time the blog comes (back) on the stream the lists are read afresh.

import { useEffect, useState } from "preact/hooks";
import { describeError } from "../api/client";
import { comments as commentsApi } from "../api/newsroom";
import type { ReaderComment } from "../api/types";
import { t } from "../i18n/messages";
import { connectBlog } from "../live/streams";
import { onLinkClick } from "../router";
import { Notice } from "../ui/dialog";
import { deskTime } from "../ui/time";

type Queue = "pending" | "reported";

const nothing = () => {};

/** Where a comment belongs now: waiting, reported (still out), or neither. */
function queueOf(comment: ReaderComment): Queue | null {
  if (comment.status === "pending") return "pending";
  if (comment.status === "approved" && comment.reports > 0) return "reported";
  return null;
}

export function CommentModeration(props: { slug: string }) {
  const { slug } = props;
  const [lists, setLists] = useState<Record<Queue, ReaderComment[]> | null>(null);
  const [message, setMessage] = useState<{ text: string; tone: "error" | "info" } | null>(null);
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    const load = () =>
      Promise.all([commentsApi.queue(slug, "pending"), commentsApi.queue(slug, "reported")]).then(
        ([pending, reported]) =>
          // Reported and waiting (hidden by reports) shows once, in the waiting list.
          setLists({ pending, reported: reported.filter((c) => c.status === "approved") }),
        (e) => setMessage({ text: describeError(e), tone: "error" }),
      );
    void load();
    return connectBlog(slug, {
      post: nothing,
      remove: nothing,
      blog: nothing,
      deskPost: nothing,
      deskRemove: nothing,
      presence: nothing,
      publicReset: () => void load(),
      opened: () => void load(),
      connection: (state) => setConnected(state === "connected"),
      deskComment: (comment) => setLists((current) => current && placed(current, comment)),
    });
  }, [slug]);

  const decide = async (comment: ReaderComment, decision: "approve" | "reject") => {
    try {
      const done = await commentsApi.moderate(slug, comment.id, decision);
      setLists((current) => current && placed(current, done));
      setMessage({
        text: t(decision === "approve" ? "comments.approved" : "comments.rejected"),
        tone: "info",
      });
    } catch (e) {
      setMessage({ text: describeError(e), tone: "error" });
    }
  };

  return (
    <main class="comment-moderation">
      <p>
        <a href={`/admin/blogs/${slug}`} onClick={onLinkClick}>
          {t("comments.backToDesk")}
        </a>
      </p>
      <h1>{t("comments.title")}</h1>
      <p class={`connection connection-${connected ? "connected" : "reconnecting"}`} role="status">
        {t(connected ? "comments.live" : "comments.reconnecting")}
      </p>
      <Notice text={message?.text ?? null} tone={message?.tone} />
      {!lists ? (
        <p class="muted">{t("comments.loading")}</p>
      ) : (
        (["pending", "reported"] as const).map((queue) => (
          <section class="card" aria-labelledby={`comments-${queue}-title`} key={queue}>
            <h2 id={`comments-${queue}-title`}>
              {t(queue === "pending" ? "comments.waiting" : "comments.reportedTitle", {
                count: lists[queue].length,
              })}
            </h2>
            {lists[queue].length === 0 ? (
              <p class="muted">
                {t(queue === "pending" ? "comments.noneWaiting" : "comments.noneReported")}
              </p>
            ) : (
              <ul class="comment-queue">
                {lists[queue].map((comment) => (
                  <CommentItem key={comment.id} comment={comment} onDecide={decide} />
                ))}
              </ul>
            )}
          </section>
        ))
      )}
    </main>
  );
}

function CommentItem(props: {
  comment: ReaderComment;
  onDecide: (comment: ReaderComment, decision: "approve" | "reject") => void;
}) {
  const { comment } = props;
  const why =
    comment.heldFor === "words"
      ? t("comments.heldForWords")
      : comment.heldFor === "reports"
        ? t("comments.heldForReports")
        : comment.heldFor === "moderation"
          ? t("comments.heldForModeration")
          : null;
  return (
    <li id={`desk-comment-${comment.id}`} class="queued-comment">
      <p class="meta">
        <strong>{comment.name}</strong> · {deskTime(comment.createdAt)}
        {comment.parentId && <> · {t("comments.isReply")}</>}
        {why && <> · {why}</>}
        {comment.reports > 0 && <> · {t("comments.reports", { count: comment.reports })}</>}
      </p>
      <p class="comment-words">{comment.text}</p>
      <div class="actions">
        <button
          type="button"
          class="primary"
          aria-label={t("comments.approveFrom", { name: comment.name })}
          onClick={() => props.onDecide(comment, "approve")}
        >
          {t("comments.approve")}
        </button>
        <button
          type="button"
          class="danger"
          aria-label={t("comments.rejectFrom", { name: comment.name })}
          onClick={() => props.onDecide(comment, "reject")}
        >
          {t("comments.reject")}
        </button>
      </div>
    </li>
  );
}

/** The lists with the comment where it now belongs (or in neither list). */
function placed(
  lists: Record<Queue, ReaderComment[]>,
  comment: ReaderComment,
): Record<Queue, ReaderComment[]> {
  const without = (list: ReaderComment[]) => list.filter((c) => c.id !== comment.id);
  const next = { pending: without(lists.pending), reported: without(lists.reported) };
  const queue = queueOf(comment);
  if (queue) next[queue] = [...next[queue], comment].sort((a, b) => (a.id < b.id ? -1 : 1));
  return next;
}
