// The desk stream: newsroom-only Server-Sent Events per blog. It forwards desk events
// (drafts, submissions, scheduled posts) from the broadcaster and keeps presence: who has this
// blog's desk open and which post each of them is editing, across every node: each node
// shares the people on its own connections through the broadcaster, repeats its share now and
// then, and shows its clients everyone's. A node that stops sharing (it died) drops out after
// a while. Nothing here is replayed: a desk client re-reads its lists when it reconnects.

import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { DeskClientEvent, DeskEvent, DeskPerson } from "../core/desk.js";
import { can, mayRead } from "../core/permissions.js";
import type { Broadcaster } from "../core/ports.js";
import type { Actor } from "../core/user.js";
import { HEARTBEAT, streamHeaders } from "./sse.js";

/** Who the connection's credentials (session or token) name now; null once they are gone. */
export type CredentialCheck = () => Promise<Actor | null>;

/**
 * Where a desk connection's events go: its own response, or its blog's tap on a stream shared
 * with other blogs (shared-stream.ts).
 */
export interface DeskOutlet {
  write(frame: string): unknown;
  readonly writableLength: number;
  end(): void;
  destroy(): void;
  on(event: "close", listener: () => void): unknown;
}

interface DeskConnection {
  actor: Actor;
  res: DeskOutlet;
  check: CredentialCheck | undefined;
  checking: boolean;
  /** A change arrived during a check, which may have read the state before it: check again. */
  again: boolean;
}

export interface DeskHubOptions {
  broadcaster: Broadcaster;
  encode: (event: DeskClientEvent) => { event: string; data: string };
  heartbeatMs?: number;
  maxBufferedBytes?: number;
  /** How often this node repeats its share of each desk's presence for the other nodes. */
  shareEveryMs?: number;
  /** How often every desk connection's credentials are checked again (a backstop for a
   * `user-changed` broadcast that never arrived, and for sessions that simply expired). */
  recheckMs?: number;
}

/** Another node's people on one desk, trusted until `until` (ms since the epoch). */
interface Share {
  people: DeskPerson[];
  until: number;
}

export class DeskHub {
  /** This node, as its presence shares name it. */
  readonly #node = randomUUID();
  readonly #desks = new Map<string, Set<DeskConnection>>();
  /** What each user is editing, per blog: blogId → userId → postId. */
  readonly #editing = new Map<string, Map<string, string>>();
  /** The other nodes' people: blogId → node → share. */
  readonly #remote = new Map<string, Map<string, Share>>();
  readonly #shareEveryMs: number;
  readonly #unsubscribe: () => void;
  readonly #heartbeat: NodeJS.Timeout;
  readonly #sharing: NodeJS.Timeout;
  readonly #recheck: NodeJS.Timeout;

  constructor(private readonly options: DeskHubOptions) {
    this.#shareEveryMs = options.shareEveryMs ?? 10_000;
    this.#unsubscribe = options.broadcaster.subscribeDesk((event) => {
      if (event.kind === "user-changed") this.#recheckUser(event.userId);
      else if (event.kind === "presence-share") this.#receiveShare(event);
      else if (event.kind === "editing") this.#applyEditing(event);
      else this.#send(event.blogId, event);
    });
    this.#heartbeat = setInterval(() => {
      for (const desk of this.#desks.values()) for (const c of desk) this.#write(c, HEARTBEAT);
    }, options.heartbeatMs ?? 15_000);
    this.#heartbeat.unref();
    this.#sharing = setInterval(() => this.#shareAll(), this.#shareEveryMs);
    this.#sharing.unref();
    this.#recheck = setInterval(() => {
      for (const desk of this.#desks.values()) for (const c of desk) void this.#checkAgain(c);
    }, options.recheckMs ?? 30_000);
    this.#recheck.unref();
  }

  /** `check` re-reads the connection's credentials; without it the stream is never re-checked. */
  attach(blogId: string, actor: Actor, res: ServerResponse, check?: CredentialCheck): void {
    res.writeHead(200, streamHeaders(res));
    res.write("retry: 3000\n\n");
    this.join(blogId, actor, res, check);
  }

  /** Puts a connection already open (and sent its retry hint) on the blog's desk. */
  join(blogId: string, actor: Actor, res: DeskOutlet, check?: CredentialCheck): void {
    const connection: DeskConnection = { actor, res, check, checking: false, again: false };
    const desk = this.#desks.get(blogId) ?? new Set<DeskConnection>();
    this.#desks.set(blogId, desk);
    desk.add(connection);
    res.on("close", () => {
      desk.delete(connection);
      if (!this.#isConnected(blogId, actor.id)) this.#editing.get(blogId)?.delete(actor.id);
      if (desk.size === 0) {
        this.#desks.delete(blogId);
        this.#editing.delete(blogId);
      }
      this.#presence(blogId);
    });
    this.#presence(blogId);
  }

  /**
   * Records which post this person is editing (null: none) and tells the desk. The request
   * saying so may reach any node; every node hears it, and the ones holding this person's
   * desk connections keep it, so it leaves with the last of them.
   */
  async setEditing(blogId: string, actor: Actor, postId: string | null): Promise<void> {
    await this.options.broadcaster.publishDesk({
      blogId,
      kind: "editing",
      userId: actor.id,
      postId,
    });
  }

  /** Open desk connections on this node (a shared stream counts once per blog on it). */
  connectionCount(): number {
    let count = 0;
    for (const desk of this.#desks.values()) count += desk.size;
    return count;
  }

  people(blogId: string): DeskPerson[] {
    return this.#people(blogId);
  }

  close(): void {
    // The other nodes drop this node's people at once rather than when its share expires.
    for (const blogId of this.#desks.keys()) this.#share(blogId, []);
    this.#unsubscribe();
    clearInterval(this.#heartbeat);
    clearInterval(this.#sharing);
    clearInterval(this.#recheck);
    for (const desk of this.#desks.values()) for (const c of desk) c.res.end();
    this.#desks.clear();
  }

  /** Everyone on the desk, on any node; someone on several nodes counts once. */
  #people(blogId: string): DeskPerson[] {
    const people = new Map<string, DeskPerson>();
    const now = Date.now();
    for (const share of this.#remote.get(blogId)?.values() ?? []) {
      if (share.until < now) continue;
      for (const person of share.people) {
        if (!people.get(person.userId)?.editing) people.set(person.userId, person);
      }
    }
    for (const person of this.#localPeople(blogId)) {
      if (!people.get(person.userId)?.editing) people.set(person.userId, person);
    }
    return [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Someone's access changed: their desk streams on this node are checked now. */
  #recheckUser(userId: string): void {
    for (const desk of this.#desks.values()) {
      for (const c of desk) if (c.actor.id === userId) void this.#checkAgain(c);
    }
  }

  /**
   * Ends a desk stream whose session or token no longer stands (signed out, reset, disabled,
   * revoked, expired) or whose role changed: newsroom-only events stop at once, and a client
   * still entitled reconnects with what its credentials now allow.
   */
  async #checkAgain(connection: DeskConnection): Promise<void> {
    if (!connection.check) return;
    if (connection.checking) {
      connection.again = true;
      return;
    }
    connection.checking = true;
    try {
      do {
        connection.again = false;
        const now = await connection.check();
        if (!now || now.role !== connection.actor.role) {
          connection.res.end();
          return;
        }
      } while (connection.again);
    } catch {
      // The store could not answer: the next check decides.
    } finally {
      connection.checking = false;
    }
  }

  /** Whether this person has the blog's desk open through this node. */
  #isConnected(blogId: string, userId: string): boolean {
    for (const connection of this.#desks.get(blogId) ?? []) {
      if (connection.actor.id === userId) return true;
    }
    return false;
  }

  /** The people on this node's own connections to the desk. */
  #localPeople(blogId: string): DeskPerson[] {
    const editing = this.#editing.get(blogId);
    const people = new Map<string, DeskPerson>();
    for (const { actor } of this.#desks.get(blogId) ?? []) {
      people.set(actor.id, {
        userId: actor.id,
        name: actor.name,
        editing: editing?.get(actor.id) ?? null,
      });
    }
    return [...people.values()];
  }

  /** Someone came, went or started editing here: the other nodes and our clients hear of it. */
  #presence(blogId: string): void {
    this.#share(blogId, this.#localPeople(blogId));
    this.#send(blogId, { blogId, kind: "presence", people: this.#people(blogId) });
  }

  #share(blogId: string, people: DeskPerson[]): void {
    const share: DeskEvent = { blogId, kind: "presence-share", node: this.#node, people };
    // Sharing is best effort: without the broadcaster each node still shows its own people.
    this.options.broadcaster.publishDesk(share).catch(() => {});
  }

  /** Repeats this node's shares, and lets shares of nodes that went quiet expire. */
  #shareAll(): void {
    for (const blogId of this.#desks.keys()) this.#share(blogId, this.#localPeople(blogId));
    const now = Date.now();
    for (const [blogId, shares] of this.#remote) {
      let expired = false;
      for (const [node, share] of shares) {
        if (share.until >= now) continue;
        shares.delete(node);
        expired = true;
      }
      if (shares.size === 0) this.#remote.delete(blogId);
      if (expired) this.#send(blogId, { blogId, kind: "presence", people: this.#people(blogId) });
    }
  }

  #applyEditing({ blogId, userId, postId }: Extract<DeskEvent, { kind: "editing" }>): void {
    if (!this.#isConnected(blogId, userId)) return;
    const editing = this.#editing.get(blogId) ?? new Map<string, string>();
    this.#editing.set(blogId, editing);
    if (postId) editing.set(userId, postId);
    else editing.delete(userId);
    this.#presence(blogId);
  }

  #receiveShare(event: Extract<DeskEvent, { kind: "presence-share" }>): void {
    if (event.node === this.#node) return;
    const { blogId } = event;
    const before = JSON.stringify(this.#people(blogId));
    const shares = this.#remote.get(blogId) ?? new Map<string, Share>();
    const known = shares.has(event.node);
    if (event.people.length === 0) shares.delete(event.node);
    else
      shares.set(event.node, { people: event.people, until: Date.now() + 3 * this.#shareEveryMs });
    if (shares.size === 0) this.#remote.delete(blogId);
    else this.#remote.set(blogId, shares);
    // A node we had not heard from on this desk (new, or restarted) hears from us at once.
    if (!known && event.people.length > 0 && this.#desks.has(blogId))
      this.#share(blogId, this.#localPeople(blogId));
    const people = this.#people(blogId);
    if (JSON.stringify(people) !== before) this.#send(blogId, { blogId, kind: "presence", people });
  }

  #send(blogId: string, event: DeskClientEvent): void {
    const desk = this.#desks.get(blogId);
    if (!desk?.size) return;
    const { event: name, data } = this.options.encode(event);
    const frame = `event: ${name}\ndata: ${data}\n\n`;
    for (const connection of desk)
      if (mayHear(connection.actor, event)) this.#write(connection, frame);
  }

  #write(connection: DeskConnection, frame: string): void {
    connection.res.write(frame);
    // A desk client that stops reading is cut off; it reconnects and re-reads its lists.
    if (connection.res.writableLength > (this.options.maxBufferedBytes ?? 512 * 1024))
      connection.res.destroy();
  }
}

/** A colleague's draft or submission is not news to a reporter (permissions.mayRead). */
function mayHear(actor: Actor, event: DeskClientEvent): boolean {
  if (event.kind === "desk-post") return mayRead(actor, event.post);
  if (event.kind === "contribution") return can(actor, "contribution.moderate");
  if (event.kind === "desk-comment") return can(actor, "comment.moderate");
  if (event.kind === "desk-delete" && event.privateTo !== undefined)
    return event.privateTo === actor.id || can(actor, "post.readOthersDrafts");
  return true;
}
