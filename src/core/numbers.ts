// The desk's numbers: how many readers a blog had minute by minute, which updates readers
// opened and shared, and which host pages embed the coverage. Counted without cookies or
// personal data: a count names a blog, a post or a host page's name, never a reader, an
// address or a browser. Each node counts in memory and adds its counts to the database in
// batches (src/numbers/), so every node's counts add up in one place.

/** A counted embed load whose page gave no Referer or Origin. */
export const UNKNOWN_HOST = "";
/** Embed loads from host pages beyond the per-flush cap, counted together. */
export const OTHER_HOSTS = "*";

/** The longest readers-over-time window the desk may ask for; older samples are pruned. */
export const NUMBERS_MAX_HOURS = 48;

/** One node's count of a blog's live readers in one minute. */
export interface ReadersSample {
  blogId: string;
  /** The minute's start, ISO 8601 UTC. */
  minute: string;
  /** The node (process) that counted: nodes' samples of one minute add up. */
  node: string;
  readers: number;
}

/** Opens of a post's permalink page and uses of its share controls in one hour. */
export interface PostTally {
  blogId: string;
  postId: string;
  /** The hour's start, ISO 8601 UTC. */
  hour: string;
  opens: number;
  shares: number;
}

/** Loads of a blog's embed from one host page in one hour. */
export interface EmbedTally {
  blogId: string;
  /** A host name, UNKNOWN_HOST or OTHER_HOSTS. */
  host: string;
  hour: string;
  loads: number;
}

/** What one flush adds to the database, in one write. */
export interface NumbersBatch {
  readers: ReadersSample[];
  posts: PostTally[];
  embeds: EmbedTally[];
}

export interface TopUpdate {
  postId: string;
  title: string;
  opens: number;
  shares: number;
}

export interface EmbedHost {
  kind: "host" | "unknown" | "others";
  host?: string;
  loads: number;
}

/** A blog's numbers over a window, as the desk shows them. */
export interface DeskNumbers {
  from: string;
  to: string;
  /** Every minute of the window, oldest first, with the readers of all nodes summed. */
  readers: { minute: string; readers: number }[];
  topUpdates: TopUpdate[];
  embeds: EmbedHost[];
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** The start of the minute holding `at`, as stored. */
export function minuteOf(at: number): string {
  return new Date(Math.floor(at / MINUTE_MS) * MINUTE_MS).toISOString();
}

/** The start of the hour holding `at`, as stored. */
export function hourOf(at: number): string {
  return new Date(Math.floor(at / HOUR_MS) * HOUR_MS).toISOString();
}

/**
 * The minutes from `from` to `to` (both minute starts), each with the readers summed over the
 * nodes: a minute no node sampled had no readers.
 */
export function readersByMinute(
  from: string,
  to: string,
  sums: ReadonlyMap<string, number>,
): { minute: string; readers: number }[] {
  const out: { minute: string; readers: number }[] = [];
  for (let at = Date.parse(from); at <= Date.parse(to); at += MINUTE_MS) {
    const minute = new Date(at).toISOString();
    out.push({ minute, readers: sums.get(minute) ?? 0 });
  }
  return out;
}

/** A host page as counted: its name alone, lower-case, from a Referer or Origin header. */
export function hostPageOf(header: string | undefined): string {
  if (!header || header === "null") return UNKNOWN_HOST;
  try {
    const host = new URL(header).hostname.toLowerCase();
    return host && host.length <= 253 ? host : UNKNOWN_HOST;
  } catch {
    return UNKNOWN_HOST;
  }
}

export function presentEmbedHost(host: string, loads: number): EmbedHost {
  if (host === UNKNOWN_HOST) return { kind: "unknown", loads };
  if (host === OTHER_HOSTS) return { kind: "others", loads };
  return { kind: "host", host, loads };
}
