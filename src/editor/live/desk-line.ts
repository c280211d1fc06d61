// The one event stream a browser's desk tabs share, held by whichever tab leads (desk-tabs.ts):
// `GET /api/desk/events?blogs=…`, every blog any tab shows on one connection, public and desk
// events alike, each tagged with its blog. Browsers give an origin six HTTP/1.1 connections;
// two streams per tab used to take them all with three desks open, and Publish then waited.
// The line reconnects by itself, naming where each blog stood, so nothing is missed; the
// browser's own reconnect would resume from one id for all blogs, so it is never left to it.

export interface LineEvent {
  blog: string;
  /** post, delete, blog, reset (public, with ids); desk-post, desk-delete, presence, contribution; attached. */
  name: string;
  /** The blog's change sequence, for public events; null for the others. */
  id: number | null;
  data: unknown;
}

const PUBLIC = new Set(["post", "delete", "blog", "reset"]);
// `attached`, not `open`: EventSource fires an `open` of its own, without data.
const NAMES = [
  ...PUBLIC,
  "desk-post",
  "desk-delete",
  "presence",
  "contribution",
  "desk-comment",
  "attached",
  "unknown",
];

export interface LineHandlers {
  event(event: LineEvent): void;
  /**
   * The connection dropped: every blog on it is down until it is `attached` again. `failed`
   * when the server ended it (not remade for other blogs): perhaps the session ended.
   */
  down(failed: boolean): void;
}

export class DeskLine {
  #source: EventSource | null = null;
  #blogs: string[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #failures = 0;

  constructor(
    /** Where a blog stands: the last public id this browser has, or null for live from now. */
    private readonly position: (slug: string) => number | null,
    private readonly on: LineHandlers,
  ) {
    // Back online: no need to sit out the rest of a wait.
    addEventListener("online", () => {
      if (!this.#source && this.#blogs.length > 0) this.#restart(0);
    });
  }

  /** Carries exactly these blogs; the connection is remade only when the set changes. */
  follow(blogs: Iterable<string>): void {
    const next = [...new Set(blogs)].sort();
    if (next.join() === this.#blogs.join()) return;
    this.#blogs = next;
    this.#restart(0);
  }

  stop(): void {
    this.#blogs = [];
    this.#restart(0);
  }

  #restart(ms: number, failed = false): void {
    clearTimeout(this.#timer);
    if (this.#source) {
      this.#source.close();
      this.#source = null;
      this.on.down(failed);
    }
    if (this.#blogs.length > 0) this.#timer = setTimeout(() => this.#connect(), ms);
  }

  #connect(): void {
    const list = this.#blogs.map((slug) => {
      const at = this.position(slug);
      return at === null ? slug : `${slug}:${at}`;
    });
    // Slugs are lower-case letters, digits and hyphens: nothing to encode.
    const source = new EventSource(`/api/desk/events?blogs=${list.join(",")}`);
    this.#source = source;
    source.onopen = () => {
      this.#failures = 0;
    };
    source.onerror = () => {
      if (this.#source !== source) return;
      // Spread over half to one and a half times the wait: a restarted server is not met by
      // every desk in the same millisecond.
      const wait = Math.min(10_000, 1000 * 2 ** this.#failures++) * (0.5 + Math.random());
      this.#restart(wait, true);
    };
    for (const name of NAMES) {
      source.addEventListener(name, (event) => {
        const message = event as MessageEvent<string>;
        const cut = message.data.indexOf("\n");
        if (cut < 0) return;
        let data: unknown;
        try {
          data = JSON.parse(message.data.slice(cut + 1));
        } catch {
          // A malformed event is skipped; the next list read puts things right.
          return;
        }
        // An event without an id keeps the last one EventSource saw: only public ones have theirs.
        const id = PUBLIC.has(name) && message.lastEventId ? Number(message.lastEventId) : null;
        this.on.event({ blog: message.data.slice(0, cut), name, id, data });
      });
    }
  }
}
