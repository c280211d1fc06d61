// The desk's numbers for one blog over the last hours (core/numbers.ts): readers per minute
// summed over the nodes, the updates most opened and shared, and the host pages that load
// the embed. Editors and admins only: it says how the coverage is doing, not what it says.

import { blocksToPlainText } from "../content/render.js";
import {
  type DeskNumbers,
  hourOf,
  minuteOf,
  presentEmbedHost,
  readersByMinute,
  type TopUpdate,
} from "../numbers.js";
import { ensure } from "../permissions.js";
import type { Newsroom } from "../ports.js";
import type { Actor } from "../user.js";
import { getBlog } from "./read.js";

/** Updates listed; counted ones beyond are left out. */
const TOP_UPDATES = 10;
/** Host pages listed. */
const TOP_HOSTS = 20;
/** How much of an untitled update names it. */
const LABEL_LENGTH = 80;

export async function readDeskNumbers(
  newsroom: Pick<Newsroom, "store" | "clock">,
  actor: Actor,
  slug: string,
  hours: number,
): Promise<DeskNumbers & { blogId: string }> {
  ensure(actor, "blog.readNumbers");
  const blog = await getBlog(newsroom, slug);
  const now = newsroom.clock.now().getTime();
  const to = minuteOf(now);
  // `hours` of whole minutes, the current one last; counters go by the hour it started in.
  const from = minuteOf(now - hours * 3_600_000 + 60_000);
  const fromHour = hourOf(Date.parse(from));
  const [sums, counted, hosts] = await Promise.all([
    newsroom.store.sumReaders(blog.id, from),
    // A few more than listed: deleted or taken-down posts are left out below.
    newsroom.store.topPosts(blog.id, fromHour, TOP_UPDATES * 2),
    newsroom.store.embedHosts(blog.id, fromHour, TOP_HOSTS),
  ]);
  const topUpdates: TopUpdate[] = [];
  for (const count of counted) {
    if (topUpdates.length >= TOP_UPDATES) break;
    const post = await newsroom.store.findPost(blog.id, count.postId);
    // Only what readers can still see: a deleted, unpublished or taken-down post's words
    // have no place even on the desk's list.
    if (post?.status !== "published") continue;
    const title = post.title.trim() || excerpt(blocksToPlainText(post.blocks));
    topUpdates.push({ postId: post.id, title, opens: count.opens, shares: count.shares });
  }
  return {
    blogId: blog.id,
    from,
    to,
    readers: readersByMinute(from, to, sums),
    topUpdates,
    embeds: hosts.map((h) => presentEmbedHost(h.host, h.loads)),
  };
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= LABEL_LENGTH ? flat : `${flat.slice(0, LABEL_LENGTH - 1).trimEnd()}…`;
}
