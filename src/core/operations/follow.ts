// Following another blog: setting a blog to follow a source (checked to be a Dispatch blog the
// server may reach), stopping, and what the follow stands at. Editors and admins only; each
// change is in the audit log. The posts themselves arrive through syndicate.ts.

import { validationError } from "../errors.js";
import { ensure } from "../permissions.js";
import type { Newsroom } from "../ports.js";
import {
  type BlogFollow,
  FollowInput,
  parseSourceAddress,
  type SourceAddress,
} from "../syndication.js";
import type { Actor } from "../user.js";
import { parseInput } from "../validation.js";
import { commitChanges } from "./commit.js";
import { getBlog } from "./read.js";

/** Reads the source blog; throws a DomainError (field `source`) when it cannot. */
export type SourceProbe = (source: SourceAddress) => Promise<{ title: string }>;

export interface FollowContext {
  probe: SourceProbe;
  /** This site's own hosts (`host:port` as in a URL), to refuse a blog following itself. */
  ownHosts: readonly string[];
}

export interface FollowStatus {
  following: boolean;
  follow?: BlogFollow;
  /** Posts this blog holds from the source. */
  posts?: number;
}

export async function followBlog(
  newsroom: Newsroom,
  actor: Actor,
  slug: string,
  input: unknown,
  context: FollowContext,
): Promise<FollowStatus> {
  ensure(actor, "blog.follow");
  const data = parseInput(FollowInput, input);
  const source = parseSourceAddress(data.source);
  const blog = await getBlog(newsroom, slug);
  const sourceHost = new URL(source.origin).host.toLowerCase();
  if (source.slug === blog.slug && context.ownHosts.includes(sourceHost)) {
    throw validationError("source", "A blog cannot follow itself");
  }
  const { title } = await context.probe(source);
  const keyEventsOnly = data.keyEventsOnly ?? false;
  return commitChanges(newsroom, async (recorder) => {
    const { tx } = recorder;
    const current = await tx.findFollow(blog.id);
    const same = current?.sourceUrl === source.url;
    // The same source with other settings starts over from its first event: what is kept is
    // then put right post by post (a post that is no longer wanted leaves, one now wanted comes).
    const follow: BlogFollow = {
      blogId: blog.id,
      sourceUrl: source.url,
      sourceTitle: title,
      keyEventsOnly,
      createdAt: same && current ? current.createdAt : recorder.at,
      createdBy: same && current ? current.createdBy : { id: actor.id, name: actor.name },
      lastEventId: same && current?.keyEventsOnly === keyEventsOnly ? current.lastEventId : null,
      eventsApplied: same && current ? current.eventsApplied : 0,
      connectedAt: null,
      lastError: null,
      lastErrorAt: null,
      lastEventAt: null,
    };
    await tx.saveFollow(follow);
    await recorder.audit(actor, "blog.follow", {
      blogId: blog.id,
      detail: { source: source.url, keyEventsOnly },
    });
    return { following: true, follow, posts: await tx.countSyndicated(blog.id, source.url) };
  });
}

/** Stops following; the posts that came from the source stay, marked. */
export async function unfollowBlog(newsroom: Newsroom, actor: Actor, slug: string): Promise<void> {
  ensure(actor, "blog.follow");
  const blog = await getBlog(newsroom, slug);
  await commitChanges(newsroom, async (recorder) => {
    const current = await recorder.tx.findFollow(blog.id);
    if (!current || !(await recorder.tx.deleteFollow(blog.id))) return;
    await recorder.audit(actor, "blog.unfollow", {
      blogId: blog.id,
      detail: { source: current.sourceUrl },
    });
  });
}

export async function followStatus(
  newsroom: Newsroom,
  actor: Actor,
  slug: string,
): Promise<FollowStatus> {
  ensure(actor, "blog.follow");
  const blog = await getBlog(newsroom, slug);
  const follow = await newsroom.store.findFollow(blog.id);
  if (!follow) return { following: false };
  // A node killed while connected left its mark; its lapsed lease says no one holds the stream.
  const now = newsroom.clock.now().toISOString();
  if (!follow.leaseUntil || follow.leaseUntil < now) follow.connectedAt = null;
  return {
    following: true,
    follow,
    posts: await newsroom.store.countSyndicated(blog.id, follow.sourceUrl),
  };
}
