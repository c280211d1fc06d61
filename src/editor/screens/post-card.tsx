// One post on the desk's timeline or in a queue: how readers see it (the server's HTML), who
// wrote it and when, and the actions the person's role allows.

import type { ComponentChildren } from "preact";
import type { Post, VerificationState } from "../api/types";
import { PostBody } from "../composer/preview";
import { type MessageKey, t } from "../i18n/messages";
import { useDeskTime } from "../ui/time";
import { Bylines } from "./bylines";

const STATUS_LABEL: Record<Post["status"], MessageKey> = {
  published: "postCard.status.published",
  draft: "postCard.status.draft",
  scheduled: "postCard.status.scheduled",
  submitted: "postCard.status.submitted",
};

const VERIFICATION_LABEL: Record<VerificationState, MessageKey> = {
  confirmed: "postCard.verification.confirmed",
  unconfirmed: "postCard.verification.unconfirmed",
  disputed: "postCard.verification.disputed",
};

/** "Returned by Eda Editor at 14:02: Need a second source". */

export function ReturnNoteLine(props: { note: NonNullable<Post["returnNote"]> }) {
  const { note, by, at } = props.note;
  const deskTime = useDeskTime();
  return (
    <p class="return-note">
      {note
        ? t("postCard.returnedWithNote", { name: by.name, time: deskTime(at), note })
        : t("postCard.returned", { name: by.name, time: deskTime(at) })}
    </p>
  );
}

export function PostCard(props: {
  post: Post;
  editingBy?: string[];
  children?: ComponentChildren;
  /** Starts the card's id; a post shown twice (found by a search too) keeps ids unique. */
  idPrefix?: string;
}) {
  const { post } = props;
  const deskTime = useDeskTime();
  const when =
    post.status === "scheduled"
      ? t("postCard.scheduledFor", { time: deskTime(post.publishAt) })
      : post.status === "submitted" && post.publishAt
        ? t("postCard.requestedFor", { time: deskTime(post.publishAt) })
        : deskTime(post.publishedAt ?? post.updatedAt);
  const heading =
    post.title || t("postCard.updateAt", { time: deskTime(post.publishedAt ?? post.updatedAt) });
  return (
    <article
      class={`post desk-post${post.pinned ? " is-pinned" : ""}${post.keyEvent ? " is-key-event" : ""}`}
      id={`${props.idPrefix ?? "desk-post"}-${post.id}`}
      aria-label={heading}
      data-status={post.status}
    >
      <h3 class="post-title">{heading}</h3>
      <p class="post-meta">
        <span class="label">{t(STATUS_LABEL[post.status])}</span>{" "}
        <time dateTime={post.publishedAt ?? post.updatedAt}>{when}</time>
        <Bylines post={post} />
        {post.pinned && <span class="label label-pinned">{t("postCard.pinned")}</span>}
        {post.keyEvent && <span class="label label-key">{t("postCard.keyEvent")}</span>}
        {post.origin && /^https?:\/\//.test(post.origin.url) && (
          <span class="post-origin">
            {t("postCard.from")}{" "}
            <a href={post.origin.url}>{post.origin.blog || post.origin.host}</a>
          </span>
        )}
        {post.verification && (
          <span class={`label label-verification is-${post.verification.state}`}>
            {post.verification.note
              ? t("postCard.verificationWithNote", {
                  state: t(VERIFICATION_LABEL[post.verification.state]),
                  note: post.verification.note,
                })
              : t(VERIFICATION_LABEL[post.verification.state])}
          </span>
        )}
        {props.editingBy?.length ? (
          <span class="label label-editing">
            {t("postCard.beingEditedBy", { names: props.editingBy.join(", ") })}
          </span>
        ) : null}
      </p>
      {post.returnNote && <ReturnNoteLine note={post.returnNote} />}
      <PostBody html={post.html} />
      {post.source && (
        <p class="post-source">
          {t("postCard.source")}{" "}
          {post.source.url && /^https?:\/\//i.test(post.source.url) ? (
            <a href={post.source.url}>{post.source.text}</a>
          ) : (
            post.source.text
          )}
        </p>
      )}
      {post.tags?.length ? (
        <p class="post-tags">{t("postCard.tags", { tags: post.tags.join(", ") })}</p>
      ) : null}
      {props.children && <div class="post-actions">{props.children}</div>}
    </article>
  );
}
