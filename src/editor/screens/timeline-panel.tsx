// The right-hand side of a blog's desk: the approval queue (editors), drafts and scheduled
// posts, and the live timeline of published posts, each with the actions the role allows:
// edit in place, delete (after confirming), pin, key event, approve and return, and for
// editors the legal takedown of a published post (with its reason).

import { useState } from "preact/hooks";
import { ApiError, describeError } from "../api/client";
import { posts } from "../api/newsroom";
import { type Blog, canEditBlogs, type Person, type Post, type User } from "../api/types";
import { labelOf } from "../composer/draft";
import { t } from "../i18n/messages";
import { deskPosts, publishedPosts } from "../live/timeline";
import type { BlogLive } from "../live/use-blog-live";
import { Notice, useConfirm } from "../ui/dialog";
import { DeskSearch } from "./desk-search";
import { OlderPostsFoot } from "./older-posts";
import { PostCard } from "./post-card";
import { PostLinks } from "./post-links";
import { ReturnDialog } from "./return-dialog";
import { TakedownDialog } from "./takedown-dialog";

export function TimelinePanel(props: {
  blog: Blog;
  user: User;
  live: BlogLive;
  onEdit: (post: Post) => void;
}) {
  const { blog, user, live } = props;
  const editor = canEditBlogs(user);
  const confirm = useConfirm();
  const [message, setMessage] = useState<{ text: string; tone: "error" | "info" } | null>(null);
  const [returning, setReturning] = useState<Post | null>(null);
  const [takingDown, setTakingDown] = useState<Post | null>(null);

  const editingBy = (post: Post) =>
    live.people
      .filter((p: Person) => p.editing === post.id && p.userId !== user.id)
      .map((p) => p.name);
  // A reporter may change posts they are bylined on, as the server allows.
  const mine = (post: Post) =>
    post.bylines?.some((b) => b.userId === user.id) ||
    post.author.id === user.id ||
    post.author.name === user.name;
  const mayChange = (post: Post) => editor || mine(post);
  // In a blog that needs approval, what is out is the desk's: a reporter cannot change it.
  const mayEdit = (post: Post) =>
    mayChange(post) && (editor || blog.reporterMode !== "approval" || post.status !== "published");

  const act = async (work: () => Promise<Post | undefined>, done: string) => {
    try {
      const post = await work();
      if (post) live.apply(post);
      setMessage({ text: done, tone: "info" });
    } catch (error) {
      const theirs =
        error instanceof ApiError ? (error.body as { post?: Post } | null)?.post : undefined;
      if (theirs) live.apply(theirs);
      setMessage({
        text:
          error instanceof ApiError && error.code === "version_conflict"
            ? t("timelinePanel.changedMeanwhile")
            : describeError(error),
        tone: "error",
      });
    }
  };

  const remove = async (post: Post) => {
    const yes = await confirm.ask({
      title: t("timelinePanel.deleteTitle"),
      message: t("timelinePanel.deleteMessage", {
        title: labelOf(post),
        published: post.status === "published",
      }),
      confirm: t("timelinePanel.deletePost"),
      danger: true,
    });
    if (!yes) return;
    await act(async () => {
      await posts.remove(blog.slug, post.id);
      live.forget(post.id);
    }, t("timelinePanel.postDeleted"));
  };

  const toggle = (post: Post, field: "pinned" | "keyEvent") =>
    act(
      () => posts.update(blog.slug, post.id, { [field]: !post[field], version: post.version }),
      field === "pinned"
        ? t(post.pinned ? "timelinePanel.unpinned" : "timelinePanel.pinned")
        : t("timelinePanel.keyEventChanged"),
    );

  const actions = (post: Post) => (
    <>
      {mayEdit(post) && (
        <button type="button" onClick={() => props.onEdit(post)}>
          {t("timelinePanel.edit")}
        </button>
      )}
      {editor && post.status === "published" && (
        <>
          <button
            type="button"
            aria-pressed={post.pinned}
            onClick={() => void toggle(post, "pinned")}
          >
            {post.pinned ? t("timelinePanel.unpin") : t("timelinePanel.pin")}
          </button>
          <button
            type="button"
            aria-pressed={post.keyEvent}
            onClick={() => void toggle(post, "keyEvent")}
          >
            {t("timelinePanel.keyEvent")}
          </button>
        </>
      )}
      <PostLinks slug={blog.slug} post={post} />
      {mayChange(post) && (
        <button type="button" class="danger" onClick={() => void remove(post)}>
          {t("timelinePanel.delete")}
        </button>
      )}
      {editor && post.status === "published" && (
        <button type="button" class="danger" onClick={() => setTakingDown(post)}>
          {t("timelinePanel.takeDown")}
        </button>
      )}
    </>
  );

  const submitted = deskPosts(live.timeline, "submitted");
  const drafts = deskPosts(live.timeline, "draft").filter((p) => editor || mine(p));
  const scheduled = deskPosts(live.timeline, "scheduled");
  const published = publishedPosts(live.timeline, live.older.floor);

  return (
    <div class="timeline-panel">
      <Notice text={message?.text ?? null} tone={message?.tone} />
      <DeskSearch slug={blog.slug} live={live} actions={actions} editingBy={editingBy} />
      {editor && (
        <section class="queue" aria-labelledby="queue-title">
          <h2 id="queue-title">{t("timelinePanel.approvalQueue", { count: submitted.length })}</h2>
          {submitted.length === 0 && (
            <p class="muted">{t("timelinePanel.nothingWaitingForApproval")}</p>
          )}
          {submitted.map((post) => (
            <PostCard key={post.id} post={post} editingBy={editingBy(post)}>
              <button
                type="button"
                class="primary"
                onClick={() =>
                  void act(
                    () => posts.approve(blog.slug, post.id, post.version),
                    t("timelinePanel.approvedAndPublished"),
                  )
                }
              >
                {t("timelinePanel.approve")}
              </button>
              <button type="button" onClick={() => setReturning(post)}>
                {t("timelinePanel.return")}
              </button>
              {actions(post)}
            </PostCard>
          ))}
        </section>
      )}
      {!editor && submitted.filter(mine).length > 0 && (
        <section aria-labelledby="waiting-title">
          <h2 id="waiting-title">{t("timelinePanel.waitingForApproval")}</h2>
          {submitted.filter(mine).map((post) => (
            <PostCard key={post.id} post={post}>
              {actions(post)}
            </PostCard>
          ))}
        </section>
      )}
      {(drafts.length > 0 || scheduled.length > 0) && (
        <section aria-labelledby="drafts-title">
          <h2 id="drafts-title">{t("timelinePanel.draftsAndScheduled")}</h2>
          {[...scheduled, ...drafts].map((post) => (
            <PostCard key={post.id} post={post} editingBy={editingBy(post)}>
              {actions(post)}
            </PostCard>
          ))}
        </section>
      )}
      <section class="timeline" aria-labelledby="timeline-title">
        <h2 id="timeline-title">
          {t("timelinePanel.liveTimeline", { count: published.length, more: live.older.more })}
        </h2>
        {published.length === 0 && <p class="muted">{t("timelinePanel.noPostsPublishedYet")}</p>}
        {published.map((post) => (
          <PostCard key={post.id} post={post} editingBy={editingBy(post)}>
            {actions(post)}
          </PostCard>
        ))}
        <OlderPostsFoot older={live.older} onLoad={live.loadOlder} shown={published.length} />
      </section>
      {confirm.element}
      {takingDown && (
        <TakedownDialog
          label={labelOf(takingDown)}
          onCancel={() => setTakingDown(null)}
          onTakeDown={(reason) => {
            const post = takingDown;
            setTakingDown(null);
            void act(async () => {
              await posts.takedown(blog.slug, post.id, reason);
              live.forget(post.id);
            }, t("timelinePanel.takenDown"));
          }}
        />
      )}
      {returning && (
        <ReturnDialog
          label={labelOf(returning)}
          onCancel={() => setReturning(null)}
          onReturn={(note) => {
            const post = returning;
            setReturning(null);
            void act(
              () => posts.sendBack(blog.slug, post.id, post.version, note || undefined),
              t("timelinePanel.returnedToTheReporter"),
            );
          }}
        />
      )}
    </div>
  );
}
