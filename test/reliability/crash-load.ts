// The load a crash test puts on Dispatch, as a newsroom would: reporters that publish without
// pause and, when the connection breaks, retry with the same Idempotency-Key until the post is
// acknowledged; a reader that resumes with Last-Event-ID after every restart; and a hard kill
// (SIGKILL) of the node and any workers it forked. Everything targets 127.0.0.1 and is bounded
// in time, so a node that never comes back fails the test instead of hanging it.

import http from "node:http";
import { systemClock } from "../../src/core/clock.js";
import { addUser, createToken } from "../../src/core/operations/users.js";
import { setPasswordCostForTests } from "../../src/core/secrets.js";
import { openStore } from "../../src/store/index.js";
import { descendants, type NodeProcess } from "../helpers/processes.js";
import { TEST_PASSWORD_COST } from "../helpers/server.js";
import { connectSse, type SseClient, type SseEvent } from "../helpers/sse.js";

// Users made here are hashed as cheaply as the test server's (helpers/server.ts says why).
setPasswordCostForTests(TEST_PASSWORD_COST);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Migrates the database `dispatch serve` will find in `env` and makes two newsroom users
 * there (an editor, then a reporter; idempotency keys are each user's own); returns their
 * API tokens. Done before the node starts, as `dispatch user add` would be.
 */
export async function prepareNewsroom(env: Record<string, string>): Promise<string[]> {
  const store = await openStore({
    dataDir: env.DISPATCH_DATA_DIR ?? ".",
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
  });
  await store.migrate();
  const newsroom = { store, clock: systemClock };
  const tokens: string[] = [];
  for (const [email, role] of [
    ["desk@crash.example", "editor"],
    ["field@crash.example", "reporter"],
  ] as const) {
    await addUser(newsroom, { email, role, name: email.split("@")[0] });
    tokens.push((await createToken(newsroom, email)).token);
  }
  await store.close();
  return tokens;
}

/** A small seeded generator, so a failing run's kill moments can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export interface Acknowledged {
  key: string;
  text: string;
  postId: string;
  /** The answer said Idempotent-Replayed: an earlier attempt had been written, then cut off. */
  replayed: boolean;
}

/** A publish request that did not get its post acknowledged (and was sent again). */
export interface Failure {
  /** The answer's status, or null when the connection failed (refused, reset, cut off). */
  status: number | null;
  /** How long the request took to fail. */
  ms: number;
  retryAfter: string | undefined;
  /** The error body's code, when the answer had one. */
  code: string | undefined;
}

interface Answer {
  status: number;
  replayed: boolean;
  retryAfter: string | undefined;
  body: string;
}

/** One POST on a connection of its own; rejects on any network failure or after `timeoutMs`. */
function postOnce(url: string, headers: Record<string, string>, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: "POST",
      agent: false,
      timeout: 5000,
      headers: { "content-type": "application/json", ...headers },
    });
    request.on("timeout", () => request.destroy(new Error("no answer within 5 s")));
    request.on("error", reject);
    request.on("response", (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        text += chunk;
      });
      response.on("error", reject);
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          replayed: response.headers["idempotent-replayed"] === "true",
          retryAfter: response.headers["retry-after"],
          body: text,
        }),
      );
    });
    request.end(body);
  });
}

/**
 * A reporter publishing post after post to one blog. A post whose request fails on the way
 * (refused, reset, cut off mid-answer, or a 5xx) is sent again with the same key until it is
 * acknowledged; only then does the reporter move on to the next one.
 */
export class Reporter {
  readonly acknowledged: Acknowledged[] = [];
  /** Requests that failed and were sent again. */
  readonly failures: Failure[] = [];
  #stopping = false;
  #abandoned = false;
  #running: Promise<void> | undefined;

  constructor(
    private readonly origin: string,
    private readonly slug: string,
    private readonly token: string,
    private readonly name: string,
  ) {}

  start(): void {
    this.#running = this.#publishUntilStopped();
  }

  /** Finishes the post in hand (acknowledged, however many retries it takes), then stops. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await this.#running;
  }

  /** Gives up at once, post in hand or not: for a test that failed and is cleaning up. */
  abandon(): void {
    this.#stopping = true;
    this.#abandoned = true;
    this.#running?.catch(() => {});
  }

  async #publishUntilStopped(): Promise<void> {
    for (let n = 0; !this.#stopping; n++) {
      const key = `${this.name}-${n}`;
      const text = `${this.name} post ${n}`;
      this.acknowledged.push(await this.#publishUntilAcknowledged(key, text));
    }
  }

  async #publishUntilAcknowledged(key: string, text: string): Promise<Acknowledged> {
    const body = JSON.stringify({ blocks: [{ type: "paragraph", text }] });
    const headers = { authorization: `Bearer ${this.token}`, "idempotency-key": key };
    // A node restarts in seconds (tens of them on a machine under load); one that is down
    // for this long has failed the test.
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (this.#abandoned) throw new Error(`${key} was abandoned`);
      if (Date.now() > deadline) throw new Error(`${key} was never acknowledged`);
      let answer: Answer;
      const sent = performance.now();
      try {
        answer = await postOnce(`${this.origin}/api/blogs/${this.slug}/posts`, headers, body);
      } catch {
        const ms = performance.now() - sent;
        this.failures.push({ status: null, ms, retryAfter: undefined, code: undefined });
        await sleep(25);
        continue;
      }
      if (answer.status === 201) {
        const post = JSON.parse(answer.body) as { id: string; html: string };
        if (post.html !== `<p>${text}</p>`) {
          throw new Error(`${key} was acknowledged with another post's words: ${post.html}`);
        }
        return { key, text, postId: post.id, replayed: answer.replayed };
      }
      if (answer.status < 500) {
        throw new Error(`${key} was refused: ${answer.status} ${answer.body}`);
      }
      this.failures.push({
        status: answer.status,
        ms: performance.now() - sent,
        retryAfter: answer.retryAfter,
        code: errorCode(answer.body),
      });
      await sleep(25);
    }
  }
}

function errorCode(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}

/**
 * A reader of one blog's event stream that, after each restart, reconnects with the id of
 * the last event it got, as a browser's EventSource does.
 */
export class ResumingReader {
  readonly #connections: SseClient[] = [];
  #closed = false;

  constructor(
    private readonly origin: string,
    private readonly slug: string,
  ) {}

  /** Everything received, over all connections, in the order it arrived. */
  get events(): SseEvent[] {
    return this.#connections.flatMap((connection) => connection.events);
  }

  get connections(): number {
    return this.#connections.length;
  }

  /** Connects again, saying where it got to (0 before anything was received: the whole log). */
  async resume(): Promise<void> {
    const lastEventId = this.events.at(-1)?.id ?? "0";
    const connection = await connectSse(`${this.origin}/api/blogs/${this.slug}/events`, {
      "last-event-id": lastEventId,
    });
    this.#connections.push(connection);
    if (connection.status !== 200) {
      throw new Error(`resuming after ${lastEventId} answered ${connection.status}`);
    }
  }

  /** Waits until the posts with these ids have all arrived. */
  async waitForPosts(ids: Set<string>, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const seen = new Set(this.postIds());
      const missing = [...ids].filter((id) => !seen.has(id));
      if (missing.length === 0) return;
      if (Date.now() > deadline) {
        throw new Error(`the reader never got ${missing.length} acknowledged posts`);
      }
      await sleep(50);
    }
  }

  postIds(): string[] {
    return this.events
      .filter((event) => event.event === "post")
      .map((event) => (JSON.parse(event.data) as { id: string }).id);
  }

  /**
   * Reconnects by itself whenever the stream ends or a reconnect is refused, a quarter of a
   * second later, as EventSource does, until close().
   */
  follow(): void {
    void (async () => {
      while (!this.#closed) {
        await this.#connections.at(-1)?.closed;
        await sleep(250);
        if (this.#closed) return;
        await this.resume().catch(() => {});
      }
    })();
  }

  close(): void {
    this.#closed = true;
    for (const connection of this.#connections) connection.close();
  }
}

/**
 * kill -9 of the whole service: the node and, with --workers, the workers it forked, at one
 * moment, as an OOM kill or a power cut would leave them. Nobody gets to shut down cleanly.
 */
export async function killHard(node: NodeProcess): Promise<void> {
  const pid = node.child.pid;
  if (pid === undefined || node.child.exitCode !== null || node.child.signalCode !== null) return;
  const tree = [pid, ...descendants(pid)];
  const exited = node.kill("SIGKILL");
  for (const child of tree.slice(1)) {
    try {
      process.kill(child, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  await exited;
}

/**
 * Every post of a blog through the public API, following `next` to the oldest, as a reader
 * paging back would see them.
 */
export async function allPublishedPosts(
  origin: string,
  slug: string,
): Promise<{ id: string; html: string }[]> {
  const posts: { id: string; html: string }[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 1000; page++) {
    const query = `limit=100${cursor ? `&before=${encodeURIComponent(cursor)}` : ""}`;
    const response = await fetch(`${origin}/api/blogs/${slug}/posts?${query}`);
    if (response.status !== 200) throw new Error(`listing posts answered ${response.status}`);
    const answer = (await response.json()) as {
      posts: { id: string; html: string }[];
      next?: string;
    };
    posts.push(...answer.posts);
    if (!answer.next) return posts;
    cursor = answer.next;
  }
  throw new Error("the post list never ended");
}
