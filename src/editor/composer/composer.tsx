// The composer: title, the Tiptap body, and the buttons that send a post out (Publish or
// Submit for approval, Save draft, Schedule, Update for a post already out), with pin and key
// event for editors, a preview, the save state, uploads and the conflict dialog.

import type { JSONContent } from "@tiptap/core";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { DEADLINES_MS } from "../api/client";
import {
  type Blog,
  type BylineChoice,
  canEditBlogs,
  type Person,
  type Post,
  type PostBody,
  type User,
} from "../api/types";
import { blocksToDoc, docToBlocks, publishProblems } from "../blocks/convert";
import type { DocNode } from "../blocks/doc";
import { type MessageKey, t } from "../i18n/messages";
import type { Deletion } from "../live/use-blog-live";
import type { LocalDraft } from "../offline/local-drafts";
import { ReturnNoteLine } from "../screens/post-card";
import { Notice } from "../ui/dialog";
import { deskTime, fromLocalInput, toLocalInput, zoneLabel, zoneOf } from "../ui/time";
import { PostOptions, PublishBar } from "./actions";
import { type Attribution, AttributionFields, attributionOf } from "./attribution-fields";
import { BylinePicker, choicesOf } from "./byline-picker";
import { ConflictDialog, YourTextBox } from "./conflict";
import { useDiscardDraft } from "./discard";
import { DisplayedTime } from "./displayed-time";
import { DraftController, type SaveStatus } from "./draft";
import { linkCardsOf, showLinkCards } from "./nodes";
import { Preview } from "./preview";
import { TagsField } from "./tags-field";
import { Toolbar } from "./toolbar";
import { importPasted, uploadInto } from "./uploads";
import { useEditor } from "./use-editor";

const STATUS_TEXT: Record<SaveStatus, MessageKey | null> = {
  idle: null,
  saving: "composer.status.saving",
  saved: "composer.status.saved",
  offline: "composer.status.offline",
  slow: "composer.status.slow",
  error: "composer.status.error",
  conflict: "composer.status.conflict",
};

const HEADINGS: Record<Post["status"], MessageKey> = {
  draft: "composer.heading.draft",
  published: "composer.heading.published",
  scheduled: "composer.heading.scheduled",
  submitted: "composer.heading.submitted",
};

export interface ComposerProps {
  blog: Blog;
  user: User;
  post?: Post;
  restore?: LocalDraft;
  /** The newest version of the open post the desk's live events brought: its link cards show. */
  latest?: Post | undefined;
  /** Set when the post open here was deleted meanwhile (by a colleague, or from the list). */
  deleted?: Deletion | undefined;
  /** Who is on the desk, and what they edit: a conflict names who saved. */
  people: Person[];
  /** The post went out, was queued, or editing was closed. */
  onDone(message: string | null): void;
  onEditing(postId: string | null): void;
}

export function Composer(props: ComposerProps) {
  const { blog, user, post, restore, deleted, people, onDone, onEditing } = props;
  const canPin = canEditBlogs(user);
  const submits = blog.reporterMode === "approval" && user.role === "reporter";
  const initial = useMemo<JSONContent>(
    () => (restore?.doc as JSONContent) ?? (blocksToDoc(post?.blocks ?? []) as JSONContent),
    [],
  );
  const [title, setTitle] = useState(restore?.title ?? post?.title ?? "");
  const [pinned, setPinned] = useState(restore?.pinned ?? post?.pinned ?? false);
  const [keyEvent, setKeyEvent] = useState(restore?.keyEvent ?? post?.keyEvent ?? false);
  const [doc, setDoc] = useState<JSONContent>(initial);
  // Undefined until changed here, so an edit never rewrites bylines no one touched.
  const [bylines, setBylines] = useState<BylineChoice[] | undefined>(restore?.bylines);
  const [attribution, setAttribution] = useState<Attribution | undefined>(restore?.attribution);
  const [tags, setTags] = useState<string[] | undefined>(restore?.tags);
  const [shownAt, setShownAt] = useState("");
  const [correction, setCorrection] = useState("");
  const [bylineNames, setBylineNames] = useState("");
  const [status, setStatus] = useState<{ state: SaveStatus; message?: string }>({ state: "idle" });
  // Other trouble to show (a failed upload); what blocks publishing is checked below.
  const [problems, setProblems] = useState<string[]>([]);
  // The way of sending last refused: its checks run again on every change, so a notice goes
  // as soon as the person fixes what it names, not at the next click.
  const [checking, setChecking] = useState<"now" | "schedule" | null>(null);
  const [conflict, setConflict] = useState<{ theirs: Post; mine: PostBody } | null>(null);
  const [mineCopy, setMineCopy] = useState<PostBody | null>(null);
  const [previewing, setPreviewing] = useState(false);
  // "Publish at" is typed on the blog's clock, wherever this desk is.
  const zone = zoneOf(blog);
  const [scheduleAt, setScheduleAt] = useState(toLocalInput(post?.publishAt, zone));
  const [busy, setBusy] = useState(false);
  // The post was deleted under us (null: it is not); `detached`: its text went on as a new draft.
  const [gone, setGone] = useState<Partial<Deletion> | null>(null);
  const [detached, setDetached] = useState(false);
  // A draft of this post is on the server (opened as one, or autosaved): it can be discarded.
  const [draftOnServer, setDraftOnServer] = useState(
    post?.status === "draft" || (restore?.postId !== undefined && restore.status === "draft"),
  );

  const onEditingRef = useRef(onEditing);
  onEditingRef.current = onEditing;
  const controller = useMemo(() => {
    const base =
      post ??
      (restore?.postId
        ? ({
            id: restore.postId,
            version: restore.version ?? 1,
            status: restore.status ?? "draft",
          } as Post)
        : undefined);
    return new DraftController(
      user.id,
      blog.slug,
      canPin,
      {
        status: (state, message) => setStatus({ state, ...(message ? { message } : {}) }),
        conflict: (theirs, mine) => setConflict({ theirs, mine }),
        saved: (saved) => {
          setDraftOnServer(saved.status === "draft");
          onEditingRef.current(saved.id);
        },
        gone: () => setGone((known) => known ?? {}),
      },
      base,
      restore?.key,
    );
  }, []);

  const snapshot = (
    over: Partial<{
      title: string;
      doc: JSONContent;
      pinned: boolean;
      keyEvent: boolean;
      bylines: BylineChoice[];
      attribution: Attribution;
      tags: string[];
    }> = {},
  ) => {
    const publishedAt = fromLocalInput(shownAt, zone);
    return {
      title,
      doc,
      pinned,
      keyEvent,
      ...(bylines ? { bylines } : {}),
      ...(attribution ? { attribution } : {}),
      ...(tags ? { tags } : {}),
      ...(publishedAt ? { publishedAt } : {}),
      ...(correction.trim() ? { correction } : {}),
      ...over,
    };
  };
  const changed = (over: Parameters<typeof snapshot>[0]) => controller.changed(snapshot(over));

  const editingStatus = detached
    ? "draft"
    : (post?.status ?? (restore?.postId ? (restore.status ?? "draft") : undefined));
  const live = editingStatus !== undefined && editingStatus !== "draft";
  const primaryLabel = live
    ? editingStatus === "submitted"
      ? t("composer.updateSubmission")
      : t("composer.updatePost")
    : submits
      ? t("composer.submitForApproval")
      : t("composer.publish");

  const publishRef = useRef<() => void>(() => {});
  const uploadFiles = (files: File[], at?: number) => {
    if (editor) uploadInto(editor, files, at ?? editor.state.selection.to, (m) => setProblems([m]));
  };
  const { mount, editor } = useEditor(initial, t("composer.postBody"), {
    onChange: (next) => {
      setDoc(next);
      changed({ doc: next });
      if (editor) importPasted(editor);
    },
    onSubmit: () => publishRef.current(),
    onImages: (files, at) => uploadFiles(files, at),
    zone,
  });

  useEffect(() => {
    if (post) onEditing(post.id);
    else if (restore?.postId) onEditing(restore.postId);
    // A restored copy is the newest text: it is saved as if just typed.
    if (restore) changed({});
    return () => {
      controller.leave();
      onEditingRef.current(null);
    };
  }, []);

  // Link cards the server reads after publishing arrive with the desk's live events.
  const cardSource = props.latest ?? post;
  useEffect(() => {
    if (editor) showLinkCards(editor, linkCardsOf(cardSource?.blocks));
  }, [editor, cardSource]);

  useEffect(() => {
    if (!deleted || detached) return;
    controller.orphan();
    setGone(deleted);
  }, [deleted]);

  const keepAsNewDraft = async () => {
    setGone(null);
    setDetached(true);
    setConflict(null);
    await controller.keepAsNewDraft(snapshot());
  };

  const finish = (outcome: string, done: string) => {
    if (outcome === "done") onDone(done);
    else if (outcome === "queued") onDone(t("composer.queuedOffline"));
    else if (outcome === "timed-out")
      onDone(t("composer.timedOut", { seconds: DEADLINES_MS.write / 1000 }));
  };

  const problemsFor = (mode: "now" | "schedule"): string[] => {
    const found = publishProblems(doc as DocNode);
    const publishAt = fromLocalInput(scheduleAt, zone);
    if (mode === "schedule" && (!publishAt || Date.parse(publishAt) <= Date.now()))
      found.push(t("composer.chooseFutureTime"));
    return found;
  };
  const blocking = checking ? problemsFor(checking) : [];

  const publish = async (mode: "now" | "schedule") => {
    const found = problemsFor(mode);
    const publishAt = mode === "schedule" ? fromLocalInput(scheduleAt, zone) : null;
    setProblems([]);
    setChecking(found.length ? mode : null);
    if (found.length || busy) return;
    setBusy(true);
    try {
      const outcome = await controller.publish(
        snapshot(),
        mode === "schedule"
          ? { status: "scheduled", publishAt: publishAt ?? "" }
          : live
            ? { status: "update" }
            : { status: "published" },
      );
      finish(
        outcome,
        mode === "schedule"
          ? submits
            ? t("composer.submittedForTime", { time: deskTime(publishAt, zone) })
            : t("composer.postScheduled")
          : live
            ? t("composer.postUpdated")
            : submits
              ? t("composer.submittedForApproval")
              : t("composer.postPublished"),
      );
    } finally {
      setBusy(false);
    }
  };
  publishRef.current = () => void publish("now");

  const blocks = docToBlocks(doc as DocNode);
  const discarding = useDiscardDraft(
    controller,
    () => onDone(t("composer.draftDiscarded")),
    (message) => setProblems([message]),
  );

  const statusText = STATUS_TEXT[status.state];
  return (
    <section class="composer" aria-label={post ? t("composer.editPost") : t("composer.newPost")}>
      <div class="composer-head">
        <h2>{t(editingStatus ? HEADINGS[editingStatus] : "composer.newPost")}</h2>
        <p class="save-state" role="status" aria-live="polite">
          {statusText && t(statusText)}
        </p>
      </div>
      <label class="field">
        {t("composer.title")}
        <input
          type="text"
          value={title}
          maxLength={300}
          placeholder={t("composer.optionalHeadlineForThis")}
          onInput={(event) => {
            setTitle(event.currentTarget.value);
            changed({ title: event.currentTarget.value });
          }}
          onKeyDown={(event) => {
            if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) publishRef.current();
          }}
        />
      </label>
      <Toolbar editor={editor} zone={zone} onPickImages={(files) => uploadFiles(files)} />
      <div class="composer-editor" ref={mount} />
      {post?.returnNote && !detached && <ReturnNoteLine note={post.returnNote} />}
      {status.state === "error" && <Notice text={status.message ?? null} tone="error" />}
      {gone && (
        <div class="notice notice-error gone" role="alert">
          <p>
            {gone.by
              ? t("composer.deletedBy", {
                  you: gone.by.id === user.id,
                  name: gone.by.name,
                  time: deskTime(gone.at, zone),
                })
              : t("composer.thisPostHasBeen")}{" "}
            {t("composer.yourTextIsStill")}
          </p>
          <button type="button" class="primary" onClick={() => void keepAsNewDraft()}>
            {t("composer.keepMyTextAs")}
          </button>
        </div>
      )}
      {[...blocking, ...problems].map((problem) => (
        <Notice key={problem} text={problem} tone="error" />
      ))}
      {mineCopy && <YourTextBox mine={mineCopy} onDismiss={() => setMineCopy(null)} />}
      <BylinePicker
        user={user}
        value={bylines ?? choicesOf(post?.bylines)}
        known={post?.bylines ?? []}
        onNames={setBylineNames}
        onChange={(next) => {
          setBylines(next);
          changed({ bylines: next });
        }}
      />
      <AttributionFields
        value={attribution ?? attributionOf(post)}
        canVerify={canPin}
        onChange={(next) => {
          setAttribution(next);
          changed({ attribution: next });
        }}
      />
      <TagsField
        slug={blog.slug}
        value={tags ?? post?.tags ?? []}
        onChange={(next) => {
          setTags(next);
          changed({ tags: next });
        }}
      />
      {canPin && post?.status === "published" && post.publishedAt && !detached && (
        <DisplayedTime
          publishedAt={post.publishedAt}
          zone={zone}
          value={shownAt}
          onChange={setShownAt}
        />
      )}
      {post?.status === "published" && !detached && (
        <label class="field">
          {t("composer.correctionNote")}
          <input
            type="text"
            value={correction}
            maxLength={1000}
            placeholder={t("composer.optionalReadersSeeIt")}
            onInput={(event) => setCorrection(event.currentTarget.value)}
          />
        </label>
      )}
      <PostOptions
        canPin={canPin}
        pinned={pinned}
        keyEvent={keyEvent}
        previewing={previewing}
        onPinned={(value) => {
          setPinned(value);
          changed({ pinned: value });
        }}
        onKeyEvent={(value) => {
          setKeyEvent(value);
          changed({ keyEvent: value });
        }}
        onPreview={() => setPreviewing(!previewing)}
      />
      {previewing && <Preview title={title} blocks={blocks} author={bylineNames || user.name} />}
      <PublishBar
        primaryLabel={primaryLabel}
        busy={busy}
        live={live}
        canSchedule={!live || editingStatus === "scheduled"}
        scheduleAt={scheduleAt}
        scheduleZone={zoneLabel(zone, new Date(fromLocalInput(scheduleAt, zone) ?? Date.now()))}
        scheduleLabel={t(submits ? "composer.submitForThisTime" : "composer.schedule")}
        closeLabel={
          post || restore || draftOnServer
            ? t(live ? "composer.stopEditing" : "composer.close")
            : null
        }
        onDiscard={draftOnServer && !live && !gone ? () => void discarding.discard() : null}
        onPublish={() => void publish("now")}
        onSaveDraft={() => void controller.saveDraft(true)}
        onScheduleAt={setScheduleAt}
        onSchedule={() => void publish("schedule")}
        // Closing keeps unsaved words: on the server (a draft) or on this device.
        onClose={() => void controller.saveDraft().finally(() => onDone(null))}
      />
      {discarding.element}
      {conflict && (
        <ConflictDialog
          theirs={conflict.theirs}
          mine={conflict.mine}
          savedBy={people
            .filter((p) => p.editing === conflict.theirs.id && p.userId !== user.id)
            .map((p) => p.name)}
          onKeepMine={async () => {
            const { theirs, mine } = conflict;
            setConflict(null);
            setBusy(true);
            const outcome = await controller.overwrite(theirs, mine).finally(() => setBusy(false));
            if (mine.status || live)
              finish(outcome, t(live ? "composer.postUpdated" : "composer.postPublished"));
          }}
          onUseTheirs={() => {
            const { theirs, mine } = conflict;
            setConflict(null);
            setMineCopy(mine);
            controller.useTheirs(theirs);
            const next = blocksToDoc(theirs.blocks) as JSONContent;
            editor?.commands.setContent(next, { emitUpdate: false });
            setDoc(next);
            setTitle(theirs.title);
            setPinned(theirs.pinned);
            setKeyEvent(theirs.keyEvent);
            setAttribution(attributionOf(theirs));
            setTags(theirs.tags ?? []);
          }}
        />
      )}
    </section>
  );
}
