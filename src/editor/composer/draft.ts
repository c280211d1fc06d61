// One post being written: every change kept on this device at once, autosaved as a server
// draft (create once, then PATCH with its version, debounced) and flushed when the composer is
// left; publishing, scheduling or updating it, and what happens when that fails. Offline, a
// publish goes to the outbox with the Idempotency-Key this post was given when it was started;
// a stale version is a conflict the person resolves; a post deleted meanwhile leaves its text
// to keep as a new draft. Nothing here throws words away.

import type { JSONContent } from "@tiptap/core";
import { ApiError, describeError, NetworkError, TimeoutError } from "../api/client";
import { posts } from "../api/newsroom";
import type { BylineChoice, Post, PostBody, PostStatus } from "../api/types";
import { docToBlocks, firstWords } from "../blocks/convert";
import type { DocNode } from "../blocks/doc";
import { t } from "../i18n/messages";
import { outbox } from "../offline/field-mode";
import { localDrafts } from "../offline/local-drafts";
import { idempotencyKey } from "../offline/outbox";
import { type Attribution, attributionBody } from "./attribution-fields";

export const AUTOSAVE_MS = 1500;

export type SaveStatus = "idle" | "saving" | "saved" | "offline" | "slow" | "error" | "conflict";

export interface Snapshot {
  title: string;
  doc: JSONContent;
  pinned: boolean;
  keyEvent: boolean;
  /** Absent: signed by whoever writes it. */
  bylines?: BylineChoice[];
  /** Set only when an editor moved a published post's displayed time. */
  publishedAt?: string;
  /** Set once the source or verification fields were changed here. */
  attribution?: Attribution;
  /** A correction note for readers, typed while editing a published post. */
  correction?: string;
  /** Set once the tags were changed here. */
  tags?: string[];
}

export interface DraftEvents {
  status(status: SaveStatus, message?: string): void;
  conflict(theirs: Post, mine: PostBody): void;
  saved(post: Post): void;
  /** The post is no longer on the server (deleted meanwhile); its text is still here. */
  gone(): void;
}

/** `queued`: kept in the outbox (offline); `timed-out`: the same, the server not answering. */
export type PublishOutcome = "done" | "queued" | "timed-out" | "conflict" | "failed";

export function bodyOf(snapshot: Snapshot, canPin: boolean): PostBody {
  return {
    title: snapshot.title.trim(),
    blocks: docToBlocks(snapshot.doc as DocNode),
    ...(canPin ? { pinned: snapshot.pinned, keyEvent: snapshot.keyEvent } : {}),
    ...(snapshot.bylines ? { bylines: snapshot.bylines } : {}),
    ...(snapshot.publishedAt ? { publishedAt: snapshot.publishedAt } : {}),
    ...(snapshot.attribution ? attributionBody(snapshot.attribution) : {}),
    ...(snapshot.tags ? { tags: snapshot.tags } : {}),
    ...(snapshot.correction?.trim() ? { correction: snapshot.correction.trim() } : {}),
  };
}

export function labelOf(body: Pick<PostBody, "title" | "blocks">): string {
  const words = body.title || firstWords(body.blocks ?? []) || t("draft.untitledUpdate");
  return words.length > 60 ? `${words.slice(0, 57)}…` : words;
}

/** The composers open in this tab: their keys are not "unsent work", and a reload is warned of
 * only if one of them holds words kept nowhere else. */
const open = new Set<DraftController>();

/** Whether the local copy under `key` belongs to a composer open in this tab. */
export function isOpenHere(key: string): boolean {
  for (const controller of open) if (controller.localKey === key) return true;
  return false;
}

if (typeof addEventListener === "function") {
  addEventListener("beforeunload", (event) => {
    for (const controller of open) {
      if (controller.atRisk) {
        event.preventDefault();
        return;
      }
    }
  });
}

/** The publish key a new post's local copy was kept under (`…|new:KEY`), or a fresh one. */
function publishKeyOf(localKey: string): string {
  const at = localKey.lastIndexOf("|new:");
  return at >= 0 ? localKey.slice(at + "|new:".length) : idempotencyKey();
}

export class DraftController {
  postId: string | undefined;
  version: number | undefined;
  postStatus: PostStatus | undefined;
  /** The Idempotency-Key of this post's publish: made once, kept across retries and queueing. */
  publishKey: string;
  private draftKey = idempotencyKey();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private latest: Snapshot | null = null;
  private saving: Promise<void> | null = null;
  private paused = false;
  /** Counts changes; which of them the server and this device hold. */
  private revision = 0;
  private serverRevision = 0;
  private keptRevision = 0;

  /** A copy restored under a key of the older shape, dropped once it is kept under ours. */
  private inherited: string | undefined;

  constructor(
    /** Who writes: the copies kept here and the posts queued are theirs alone. */
    private readonly userId: string,
    private readonly slug: string,
    private readonly canPin: boolean,
    private readonly events: DraftEvents,
    post?: Post,
    /** The local copy this post was restored from: a new post keeps its publish key. */
    restoredKey?: string,
  ) {
    if (post) this.adopt(post);
    this.publishKey = restoredKey ? publishKeyOf(restoredKey) : idempotencyKey();
    if (restoredKey && restoredKey !== this.localKey) this.inherited = restoredKey;
    open.add(this);
  }

  /** Per person as well: two people editing one post on this device keep a copy each. */
  get localKey(): string {
    return `${this.userId}|${this.slug}|${this.postId ?? `new:${this.publishKey}`}`;
  }

  /** Autosaves go to the server only for new posts and drafts; a live post changes on Update. */
  get autosaves(): boolean {
    return this.postStatus === undefined || this.postStatus === "draft";
  }

  /** The latest change is neither on the server nor kept on this device. */
  get atRisk(): boolean {
    return this.revision !== this.serverRevision && this.revision !== this.keptRevision;
  }

  adopt(post: Post): void {
    this.postId = post.id;
    this.version = post.version;
    this.postStatus = post.status;
  }

  changed(snapshot: Snapshot): void {
    this.latest = snapshot;
    this.revision += 1;
    if (this.keepLocally(snapshot)) this.keptRevision = this.revision;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.saveDraft(), AUTOSAVE_MS);
  }

  /** Saves now: to the server when it can; every change is already kept on this device. */
  async saveDraft(force = false): Promise<void> {
    clearTimeout(this.timer);
    await this.saving;
    const snapshot = this.latest;
    if (!snapshot || this.paused) return;
    if (this.revision === this.serverRevision) return this.events.status("saved");
    const body = bodyOf(snapshot, this.canPin);
    if (!this.autosaves && !force) return this.events.status("idle");
    if (!body.blocks?.length) return this.events.status("idle");
    if (!navigator.onLine) return this.events.status("offline");
    this.events.status("saving");
    const revision = this.revision;
    const localKey = this.localKey;
    this.saving = (async () => {
      try {
        const post = this.postId
          ? await posts.update(this.slug, this.postId, { ...body, version: this.version })
          : await posts.create(this.slug, { ...body, status: "draft" }, this.draftKey);
        this.adopt(post);
        this.serverRevision = revision;
        await this.settleLocal(localKey, revision);
        this.events.saved(post);
        this.events.status("saved");
      } catch (error) {
        this.failed(error, body);
      }
    })();
    await this.saving;
  }

  /** The composer is being left (another post opened, another screen): flush what is new. */
  leave(): void {
    clearTimeout(this.timer);
    open.delete(this);
    if (this.autosaves && this.revision !== this.serverRevision) void this.saveDraft();
  }

  /** Publishes (or submits, schedules, updates): through the outbox when offline. */
  async publish(
    snapshot: Snapshot,
    mode: { status: "published" | "scheduled"; publishAt?: string } | { status: "update" },
  ): Promise<PublishOutcome> {
    clearTimeout(this.timer);
    this.latest = snapshot;
    await this.saving;
    const body: PostBody = bodyOf(snapshot, this.canPin);
    if (mode.status !== "update") body.status = mode.status;
    if (mode.status === "scheduled") body.publishAt = mode.publishAt ?? null;
    return this.send(body);
  }

  /** After a conflict: write ours over theirs, on top of the version we have now seen. */
  overwrite(theirs: Post, mine: PostBody): Promise<PublishOutcome> {
    this.paused = false;
    this.version = theirs.version;
    return this.send(mine);
  }

  /**
   * After a conflict: go on from their version. What we had is dropped from every save (the
   * person keeps it on screen to copy from): only what they now see may be written.
   */
  useTheirs(theirs: Post): void {
    this.paused = false;
    this.adopt(theirs);
    void this.discardLocal();
    this.events.status("idle");
  }

  /** The post was deleted meanwhile: nothing more goes to it; its text stays kept here. */
  orphan(): void {
    clearTimeout(this.timer);
    this.paused = true;
  }

  /** Keeps a deleted post's text as a new draft, under keys of its own. */
  async keepAsNewDraft(snapshot: Snapshot): Promise<void> {
    const oldKey = this.localKey;
    this.postId = undefined;
    this.version = undefined;
    this.postStatus = undefined;
    this.publishKey = idempotencyKey();
    this.draftKey = idempotencyKey();
    this.paused = false;
    this.changed(snapshot);
    await localDrafts.delete(oldKey).catch(() => {});
    await this.saveDraft(true);
  }

  /**
   * Throws this post away at the person's word: its server draft (once autosaved) and every
   * copy kept on this device. Only a draft: a post already out is deleted from the timeline.
   * If the server cannot be reached the draft stays, and saving carries on.
   */
  async discard(): Promise<void> {
    clearTimeout(this.timer);
    this.paused = true;
    await this.saving;
    const keys = [`${this.userId}|${this.slug}|new:${this.publishKey}`, this.localKey];
    if (this.inherited) keys.push(this.inherited);
    try {
      if (this.postId && this.postStatus === "draft") {
        await posts.remove(this.slug, this.postId).catch((error: unknown) => {
          // Deleted meanwhile (by a colleague): what the person asked for has happened.
          if (!(error instanceof ApiError && error.code === "post_not_found")) throw error;
        });
      }
    } catch (error) {
      this.paused = false;
      throw error;
    }
    for (const key of keys) await this.discardLocal(key);
    open.delete(this);
  }

  async discardLocal(key = this.localKey): Promise<void> {
    clearTimeout(this.timer);
    this.latest = null;
    this.serverRevision = this.revision;
    await localDrafts.delete(key).catch(() => {});
  }

  private async send(body: PostBody): Promise<PublishOutcome> {
    const queue = async (outcome: "queued" | "timed-out" = "queued") => {
      await outbox.add({
        userId: this.userId,
        slug: this.slug,
        kind: this.postId ? "update" : "create",
        body: body as Record<string, unknown>,
        label: labelOf(body),
        ...(this.postId
          ? { postId: this.postId, version: this.version ?? 1 }
          : { key: this.publishKey }),
      });
      await this.discardLocal();
      void outbox.flush();
      return outcome;
    };
    if (!navigator.onLine) return queue();
    this.events.status("saving");
    const localKey = this.localKey;
    try {
      const post = this.postId
        ? await posts.update(this.slug, this.postId, { ...body, version: this.version })
        : await posts.create(this.slug, body, this.publishKey);
      this.adopt(post);
      await this.discardLocal(localKey);
      this.events.saved(post);
      this.events.status("saved");
      return "done";
    } catch (error) {
      // A request that timed out may still have reached the server: the outbox sends it again
      // under the same Idempotency-Key (or version), so it is published once whatever happened.
      if (error instanceof NetworkError)
        return queue(error instanceof TimeoutError ? "timed-out" : "queued");
      this.failed(error, body);
      return error instanceof ApiError && error.code === "version_conflict" ? "conflict" : "failed";
    }
  }

  /**
   * The server holds `revision`: the copy kept here under `savedKey` goes if nothing changed
   * since; if something did and the post got its id, that newer copy moves to the new key.
   */
  private async settleLocal(savedKey: string, revision: number): Promise<void> {
    if (this.revision === revision) {
      await localDrafts.delete(savedKey).catch(() => {});
    } else if (savedKey !== this.localKey && this.latest) {
      if (this.keepLocally(this.latest)) this.keptRevision = this.revision;
      await localDrafts.delete(savedKey).catch(() => {});
    }
  }

  private failed(error: unknown, body: PostBody): void {
    if (error instanceof NetworkError) {
      this.events.status(error instanceof TimeoutError ? "slow" : "offline");
      return;
    }
    if (error instanceof ApiError && error.code === "post_not_found" && this.postId) {
      this.orphan();
      this.events.status("idle");
      this.events.gone();
      return;
    }
    const theirs =
      error instanceof ApiError ? (error.body as { post?: Post } | null)?.post : undefined;
    if (error instanceof ApiError && error.code === "version_conflict" && theirs) {
      this.paused = true;
      this.events.status("conflict");
      this.events.conflict(theirs, body);
      return;
    }
    this.events.status("error", describeError(error));
  }

  private keepLocally(snapshot: Snapshot): boolean {
    const kept = localDrafts.keep({
      key: this.localKey,
      userId: this.userId,
      slug: this.slug,
      ...(this.postId ? { postId: this.postId } : {}),
      ...(this.version ? { version: this.version } : {}),
      ...(this.postStatus ? { status: this.postStatus } : {}),
      title: snapshot.title,
      doc: snapshot.doc,
      pinned: snapshot.pinned,
      keyEvent: snapshot.keyEvent,
      ...(snapshot.bylines ? { bylines: snapshot.bylines } : {}),
      ...(snapshot.attribution ? { attribution: snapshot.attribution } : {}),
      ...(snapshot.tags ? { tags: snapshot.tags } : {}),
      savedAt: new Date().toISOString(),
    });
    // The restored copy's words now live under this person's key: the old one may go.
    if (kept && this.inherited) {
      void localDrafts.delete(this.inherited).catch(() => {});
      this.inherited = undefined;
    }
    return kept;
  }
}
