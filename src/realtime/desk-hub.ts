// The desk stream: newsroom-only Server-Sent Events per blog. It forwards desk events
// (drafts, submissions, scheduled posts) from the broadcaster and keeps presence: who has this
// blog's desk open and which post each of them is editing. Nothing here is replayed: a desk
// client re-reads its lists when it reconnects. Presence is per node for now.

import type { ServerResponse } from "node:http";
import type { DeskEvent, DeskPerson } from "../core/desk.js";
import type { Broadcaster } from "../core/ports.js";
import type { Actor } from "../core/user.js";
import { HEARTBEAT, SSE_HEADERS } from "./sse.js";

interface DeskConnection {
  actor: Actor;
  res: ServerResponse;
}

export interface DeskHubOptions {
  broadcaster: Broadcaster;
  encode: (event: DeskEvent) => { event: string; data: string };
  heartbeatMs?: number;
  maxBufferedBytes?: number;
}

export class DeskHub {
  readonly #desks = new Map<string, Set<DeskConnection>>();
  /** What each user is editing, per blog: blogId → userId → postId. */
  readonly #editing = new Map<string, Map<string, string>>();
  readonly #unsubscribe: () => void;
  readonly #heartbeat: NodeJS.Timeout;

  constructor(private readonly options: DeskHubOptions) {
    this.#unsubscribe = options.broadcaster.subscribeDesk((event) =>
      this.#send(event.blogId, event),
    );
    this.#heartbeat = setInterval(() => {
      for (const desk of this.#desks.values()) for (const c of desk) this.#write(c, HEARTBEAT);
    }, options.heartbeatMs ?? 15_000);
    this.#heartbeat.unref();
  }

  attach(blogId: string, actor: Actor, res: ServerResponse): void {
    res.writeHead(200, SSE_HEADERS);
    res.write("retry: 3000\n\n");
    const connection: DeskConnection = { actor, res };
    const desk = this.#desks.get(blogId) ?? new Set<DeskConnection>();
    this.#desks.set(blogId, desk);
    desk.add(connection);
    res.on("close", () => {
      desk.delete(connection);
      if (!this.#people(blogId).some((p) => p.userId === actor.id))
        this.#editing.get(blogId)?.delete(actor.id);
      if (desk.size === 0) {
        this.#desks.delete(blogId);
        this.#editing.delete(blogId);
      } else this.#presence(blogId);
    });
    this.#presence(blogId);
  }

  /** Records which post this person is editing (null: none) and tells the desk. */
  setEditing(blogId: string, actor: Actor, postId: string | null): void {
    const editing = this.#editing.get(blogId) ?? new Map<string, string>();
    this.#editing.set(blogId, editing);
    if (postId) editing.set(actor.id, postId);
    else editing.delete(actor.id);
    this.#presence(blogId);
  }

  people(blogId: string): DeskPerson[] {
    return this.#people(blogId);
  }

  close(): void {
    this.#unsubscribe();
    clearInterval(this.#heartbeat);
    for (const desk of this.#desks.values()) for (const c of desk) c.res.end();
    this.#desks.clear();
  }

  #people(blogId: string): DeskPerson[] {
    const editing = this.#editing.get(blogId);
    const people = new Map<string, DeskPerson>();
    for (const { actor } of this.#desks.get(blogId) ?? []) {
      people.set(actor.id, {
        userId: actor.id,
        name: actor.name,
        editing: editing?.get(actor.id) ?? null,
      });
    }
    return [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  #presence(blogId: string): void {
    this.#send(blogId, { blogId, kind: "presence", people: this.#people(blogId) });
  }

  #send(blogId: string, event: DeskEvent): void {
    const desk = this.#desks.get(blogId);
    if (!desk?.size) return;
    const { event: name, data } = this.options.encode(event);
    const frame = `event: ${name}\ndata: ${data}\n\n`;
    for (const connection of desk) this.#write(connection, frame);
  }

  #write(connection: DeskConnection, frame: string): void {
    connection.res.write(frame);
    // A desk client that stops reading is cut off; it reconnects and re-reads its lists.
    if (connection.res.writableLength > (this.options.maxBufferedBytes ?? 512 * 1024))
      connection.res.destroy();
  }
}
