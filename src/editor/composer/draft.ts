// One post being written: autosaving it as a server draft (create once, then PATCH with its
// version, debounced), publishing, scheduling or updating it, and what happens when that
// fails. Offline, drafts are kept on this device and a publish goes to the outbox with the
// Idempotency-Key this post was given when it was started; a stale version is a conflict the
// person resolves. Nothing here throws words away.

import type { JSONContent } from "@tiptap/core";
import { ApiError, describeError, NetworkError } from "../api/client";
import { posts } from "../api/newsroom";
import type { Post, PostBody, PostStatus } from "../api/types";
import { docToBlocks, firstWords } from "../blocks/convert";
import type { DocNode } from "../blocks/doc";
import { localDrafts, outbox } from "../offline/field-mode";
import { idempotencyKey } from "../offline/outbox";

export const AUTOSAVE_MS = 1500;

export type SaveStatus = "idle" | "saving" | "saved" | "offline" | "error" | "conflict";

export interface Snapshot {
  title: string;
  doc: JSONContent;
  pinned: boolean;
  keyEvent: boolean;
}

export interface DraftEvents {
  status(status: SaveStatus, message?: string): void;
  conflict(theirs: Post, mine: PostBody): void;
  saved(post: Post): void;
}

export type PublishOutcome = "done" | "queued" | "conflict" | "failed";

export function bodyOf(snapshot: Snapshot, canPin: boolean): PostBody {
  return {
    title: snapshot.title.trim(),
    blocks: docToBlocks(snapshot.doc as DocNode),
    ...(canPin ? { pinned: snapshot.pinned, keyEvent: snapshot.keyEvent } : {}),
  };
}

export function labelOf(body: Pick<PostBody, "title" | "blocks">): string {
  const words = body.title || firstWords(body.blocks ?? []) || "Untitled update";
  return words.length > 60 ? `${words.slice(0, 57)}…` : words;
}

export class DraftController {
  postId: string | undefined;
  version: number | undefined;
  postStatus: PostStatus | undefined;
  /** The Idempotency-Key of this post's publish: made once, kept across retries and queueing. */
  readonly publishKey: string;
  private readonly draftKey = idempotencyKey();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private latest: Snapshot | null = null;
  private saving: Promise<void> | null = null;
  private paused = false;

  constructor(
    private readonly slug: string,
    private readonly canPin: boolean,
    private readonly events: DraftEvents,
    post?: Post,
    /** The local copy this post was restored from: a new post keeps its publish key. */
    restoredKey?: string,
  ) {
    if (post) this.adopt(post);
    const prefix = `${slug}|new:`;
    this.publishKey = restoredKey?.startsWith(prefix)
      ? restoredKey.slice(prefix.length)
      : idempotencyKey();
  }

  get localKey(): string {
    return `${this.slug}|${this.postId ?? `new:${this.publishKey}`}`;
  }

  /** Autosaves go to the server only for new posts and drafts; a live post changes on Update. */
  get autosaves(): boolean {
    return this.postStatus === undefined || this.postStatus === "draft";
  }

  adopt(post: Post): void {
    this.postId = post.id;
    this.version = post.version;
    this.postStatus = post.status;
  }

  changed(snapshot: Snapshot): void {
    this.latest = snapshot;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.saveDraft(), AUTOSAVE_MS);
  }

  /** Saves now: to the server when it can, on this device when it cannot. */
  async saveDraft(force = false): Promise<void> {
    clearTimeout(this.timer);
    const snapshot = this.latest;
    if (!snapshot || this.paused) return;
    await this.saving;
    await this.keepLocally(snapshot);
    const body = bodyOf(snapshot, this.canPin);
    if (!this.autosaves && !force) return this.events.status("idle");
    if (!body.blocks?.length) return this.events.status("idle");
    if (!navigator.onLine) return this.events.status("offline");
    this.events.status("saving");
    const localKey = this.localKey;
    this.saving = (async () => {
      try {
        const post = this.postId
          ? await posts.update(this.slug, this.postId, { ...body, version: this.version })
          : await posts.create(this.slug, { ...body, status: "draft" }, this.draftKey);
        this.adopt(post);
        // The server has it now; a later edit is kept locally again under the post's id.
        await localDrafts.delete(localKey).catch(() => {});
        this.events.saved(post);
        this.events.status("saved");
      } catch (error) {
        this.failed(error, body);
      }
    })();
    await this.saving;
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

  /** After a conflict: go on from their version. */
  useTheirs(theirs: Post): void {
    this.paused = false;
    this.adopt(theirs);
    this.events.status("idle");
  }

  async discardLocal(key = this.localKey): Promise<void> {
    clearTimeout(this.timer);
    this.latest = null;
    await localDrafts.delete(key).catch(() => {});
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  private async send(body: PostBody): Promise<PublishOutcome> {
    const queue = async () => {
      await outbox.add({
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
      return "queued" as const;
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
      if (error instanceof NetworkError) return queue();
      this.failed(error, body);
      return error instanceof ApiError && error.code === "version_conflict" ? "conflict" : "failed";
    }
  }

  private failed(error: unknown, body: PostBody): void {
    if (error instanceof NetworkError) {
      this.events.status("offline");
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

  private async keepLocally(snapshot: Snapshot): Promise<void> {
    await localDrafts
      .put({
        key: this.localKey,
        slug: this.slug,
        ...(this.postId ? { postId: this.postId } : {}),
        ...(this.version ? { version: this.version } : {}),
        ...(this.postStatus ? { status: this.postStatus } : {}),
        title: snapshot.title,
        doc: snapshot.doc,
        pinned: snapshot.pinned,
        keyEvent: snapshot.keyEvent,
        savedAt: new Date().toISOString(),
      })
      .catch(() => {});
  }
}
