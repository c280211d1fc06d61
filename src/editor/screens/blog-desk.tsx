// A blog's desk: the composer on the left, the live timeline and queues on the right, who is
// here, the posts waiting in this device's outbox, and unsent work kept on this device.

import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { blogs } from "../api/newsroom";
import { type Blog, canEditBlogs, type Post, type User } from "../api/types";
import { docToBlocks } from "../blocks/convert";
import type { DocNode } from "../blocks/doc";
import { Composer } from "../composer/composer";
import { isOpenHere, labelOf } from "../composer/draft";
import { t } from "../i18n/messages";
import { useBlogLive } from "../live/use-blog-live";
import { useOnline } from "../offline/field-mode";
import { type LocalDraft, localDrafts } from "../offline/local-drafts";
import { byOwner, idempotencyKey, type Owned } from "../offline/outbox";
import { navigate, onLinkClick } from "../router";
import { Notice, useConfirm } from "../ui/dialog";
import { DeskZone, deskTime, zoneOf } from "../ui/time";
import { EmbedButton } from "./embed-panel";
import { DraftsOfOthers } from "./kept-for-others";
import { OutboxPanel } from "./outbox-panel";
import { TimelinePanel } from "./timeline-panel";

interface Editing {
  key: string;
  post?: Post;
  restore?: LocalDraft;
}

export function BlogDesk(props: { slug: string; user: User }) {
  const { slug, user } = props;
  const live = useBlogLive(slug);
  const online = useOnline();
  const [editing, setEditing] = useState<Editing>({ key: idempotencyKey() });
  const [notice, setNotice] = useState<string | null>(null);
  const confirm = useConfirm();
  // One's own copy goes at a click; one whose writer is unknown may be someone else's words.
  const discardDraft = async (draft: LocalDraft) => {
    const yes =
      draft.userId !== undefined ||
      (await confirm.ask({
        title: t("blogDesk.discardUnsentTitle"),
        message: t("blogDesk.discardUnsentMessage", { title: draftLabel(draft) }),
        confirm: t("blogDesk.discard"),
        danger: true,
      }));
    if (yes) await localDrafts.delete(draft.key);
  };
  const unsent = useUnsent(slug, user.id, editing.key);
  // The post open in the composer, as the server knows it (a new post gets its id on autosave).
  const [openPost, setOpenPost] = useState<string | null>(null);

  const readers = useReaderCount(slug);
  const editingNow = useRef<string | null>(null);
  const setPresence = (postId: string | null) => {
    setOpenPost(postId);
    if (editingNow.current === postId) return;
    editingNow.current = postId;
    void blogs.setPresence(slug, postId).catch(() => {});
  };
  // The server forgets what someone edits when their desk stream drops (a network blip, or
  // the browser's shared stream remade for a tab that opened another blog): say it again.
  useEffect(() => {
    if (live.connection === "connected" && editingNow.current)
      void blogs.setPresence(slug, editingNow.current).catch(() => {});
  }, [live.connection, slug]);
  const { blog } = live;
  const connected = online && live.connection === "connected";
  if (live.error) return <Notice text={live.error} tone="error" />;
  if (!blog) return <p class="muted">{t("blogDesk.loading")}</p>;
  const here = live.people;
  const zone = zoneOf(blog);

  // Every time on this desk reads on the blog's clock, its zone named.
  return inBlogZone(
    blog,
    // The screen's main landmark: its header is the blog's, not a second banner beside the app's.
    <main class="blog-desk">
      <header class="blog-head">
        <div>
          <h1>{blog.title}</h1>
          <p class="muted">
            <span class={`badge badge-${blog.status}`}>
              {blog.status === "live" ? t("blogDesk.live") : t("blogDesk.closed")}
            </span>{" "}
            {blog.reporterMode === "approval" && (
              <>
                {t("blogDesk.reportersPostsNeedApproval")}
                {" · "}
              </>
            )}
            <a href={`/live/${blog.slug}`} target="_blank" rel="noopener">
              {t("blogDesk.openReaderPage")}
            </a>
            {" · "}
            <EmbedButton slug={blog.slug} title={blog.title} />
            {canEditBlogs(user) && (
              <>
                {" · "}
                <a href={`/admin/blogs/${blog.slug}/settings`} onClick={onLinkClick}>
                  {t("blogDesk.blogSettings")}
                </a>
                {blog.contributions?.enabled && (
                  <>
                    {" · "}
                    <a href={`/admin/blogs/${blog.slug}/contributions`} onClick={onLinkClick}>
                      {t("blogDesk.readerContributions")}
                    </a>
                  </>
                )}
                {" · "}
                <a href={`/admin/blogs/${blog.slug}/numbers`} onClick={onLinkClick}>
                  {t("blogDesk.numbers")}
                </a>
                {blog.comments && blog.comments !== "off" && (
                  <>
                    {" · "}
                    <a href={`/admin/blogs/${blog.slug}/comments`} onClick={onLinkClick}>
                      {t("blogDesk.comments")}
                    </a>
                  </>
                )}
              </>
            )}
          </p>
        </div>
        <p
          class={`connection connection-${connected ? "connected" : "reconnecting"}`}
          role="status"
        >
          {connected
            ? t("blogDesk.liveUpdatesOn")
            : online
              ? t("blogDesk.reconnecting")
              : t("blogDesk.offlineLiveUpdatesPaused")}
          {readers !== null && (
            <span class="readers">
              {" · "}
              {t("blogDesk.readersNow", { count: readers })}
            </span>
          )}
        </p>
      </header>
      <section class="presence" aria-label={t("blogDesk.onThisDesk")}>
        <strong>{t("blogDesk.onThisDeskLabel")}</strong>{" "}
        {here.length === 0 && <span class="muted">{t("blogDesk.justYou")}</span>}
        {here.map((person) => (
          <span class="person" key={person.userId}>
            {person.name}
            {person.userId === user.id && <> {t("blogDesk.you")}</>}
            {person.editing && (
              <>
                {" "}
                {t("blogDesk.editing", { post: describeEditing(person.editing, live.timeline) })}
              </>
            )}
          </span>
        ))}
      </section>
      <Notice text={notice} />
      {unsent.mine
        .concat(unsent.unknown)
        .filter((d) => !isOpenHere(d.key))
        .slice(0, 3)
        .map((draft) => (
          <div class="restore" key={draft.key}>
            <span>
              {t(
                draft.userId === undefined
                  ? "blogDesk.unsentWorkKeptOn"
                  : "blogDesk.unsentWorkOnThis",
                {
                  time: deskTime(draft.savedAt, zone),
                  title: draftLabel(draft),
                },
              )}
            </span>
            <button
              type="button"
              onClick={() => setEditing({ key: idempotencyKey(), restore: draft })}
            >
              {draft.userId === undefined ? t("blogDesk.itIsMineRestore") : t("blogDesk.restore")}
            </button>
            <button type="button" class="quiet" onClick={() => void discardDraft(draft)}>
              {t("blogDesk.discard")}
            </button>
          </div>
        ))}
      <DraftsOfOthers
        count={unsent.others.length}
        onDiscard={async () => {
          for (const draft of unsent.others) await localDrafts.delete(draft.key);
        }}
      />
      {confirm.element}
      <OutboxPanel slug={slug} userId={user.id} />
      <div class="desk-columns">
        {blog.status === "closed" ? (
          <p class="notice">{t("blogDesk.thisBlogIsClosed")}</p>
        ) : (
          <Composer
            key={editing.key}
            blog={blog}
            user={user}
            {...(editing.post ? { post: editing.post } : {})}
            {...(editing.restore ? { restore: editing.restore } : {})}
            latest={openPost ? live.timeline.published.get(openPost) : undefined}
            deleted={openPost ? live.deletions.get(openPost) : undefined}
            people={here}
            onDone={(message) => {
              setNotice(message);
              setEditing({ key: idempotencyKey() });
            }}
            onEditing={setPresence}
          />
        )}
        <TimelinePanel
          blog={blog}
          user={user}
          live={live}
          onEdit={(post) => {
            setNotice(null);
            setEditing({ key: idempotencyKey(), post });
            scrollTo({ top: 0 });
          }}
        />
      </div>
    </main>,
  );
}

function inBlogZone(blog: Blog, desk: ComponentChildren) {
  return <DeskZone.Provider value={zoneOf(blog)}>{desk}</DeskZone.Provider>;
}

/**
 * Words kept on this device for this blog, newest first, by whose they are: one's own are
 * offered back, another person's are only counted, and copies from before owners were noted
 * are offered with the question whether they are one's own (see kept-for-others.tsx).
 */
function useUnsent(slug: string, userId: string, editingKey: string): Owned<LocalDraft> {
  const [unsent, setUnsent] = useState<Owned<LocalDraft>>(byOwner([], userId));
  useEffect(() => {
    let stopped = false;
    const read = () =>
      localDrafts.all().then(
        (all) =>
          stopped ||
          setUnsent(
            byOwner(
              all.filter((d) => d.slug === slug).sort((a, b) => b.savedAt.localeCompare(a.savedAt)),
              userId,
            ),
          ),
        () => {},
      );
    void read();
    const unsubscribe = localDrafts.subscribe(() => void read());
    return () => {
      stopped = true;
      unsubscribe();
    };
  }, [slug, userId, editingKey]);
  return unsent;
}

/** The title, or the first words, of a copy kept on this device. */
function draftLabel(draft: LocalDraft): string {
  return labelOf({ title: draft.title, blocks: docToBlocks(draft.doc as DocNode) });
}

function describeEditing(id: string, timeline: ReturnType<typeof useBlogLive>["timeline"]): string {
  const post = timeline.published.get(id) ?? timeline.desk.get(id);
  if (!post) return t("blogDesk.aPost");
  return t("blogDesk.postTitled", { title: post.title || t("blogDesk.untitledUpdate") });
}

export function goToBlog(slug: string): void {
  navigate(`/blogs/${slug}`);
}

/** Readers with the blog open right now (all nodes), refreshed every 10 seconds. */
function useReaderCount(slug: string): number | null {
  const [readers, setReaders] = useState<number | null>(null);
  useEffect(() => {
    let stopped = false;
    const refresh = () =>
      blogs.readers(slug).then(
        (n) => stopped || setReaders(n),
        () => {},
      );
    void refresh();
    const timer = setInterval(refresh, 10_000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [slug]);
  return readers;
}
