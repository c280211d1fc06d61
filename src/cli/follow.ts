// `dispatch follow SLUG SOURCE_URL [--key-events-only]` and `dispatch unfollow SLUG`: the same
// operations as PUT and DELETE /api/blogs/:slug/follow, run by the operator (audited as the
// command line). The source is checked with the server's own guarded fetcher and settings
// (FETCH_ALLOW_PRIVATE); a running `dispatch serve` takes the follow up within a second.

import type { Config } from "../config/index.js";
import { systemClock } from "../core/clock.js";
import { followBlog, unfollowBlog } from "../core/operations/follow.js";
import type { Actor } from "../core/user.js";
import { openNewsroomStore } from "../main.js";
import { GuardedFetcher } from "../outbound/guarded-fetch.js";
import { blockWordsFor } from "../reader/i18n/block-words.js";
import { InProcessBroadcaster } from "../realtime/in-process-broadcaster.js";
import { sourceProbe } from "../syndication/source.js";

const OPERATOR: Actor = { id: "operator", name: "Command line", role: "admin" };

async function withNewsroom<T>(
  config: Config,
  work: (newsroom: Parameters<typeof followBlog>[0]) => Promise<T>,
): Promise<T> {
  const store = await openNewsroomStore(config);
  const broadcaster = new InProcessBroadcaster();
  try {
    await store.migrate();
    return await work({ store, broadcaster, clock: systemClock, blockWords: blockWordsFor });
  } finally {
    await broadcaster.close();
    await store.close();
  }
}

export function followCommand(
  config: Config,
  slug: string,
  source: string,
  keyEventsOnly: boolean,
): Promise<number> {
  return withNewsroom(config, async (newsroom) => {
    const own = config.publicUrl ? [new URL(config.publicUrl).host.toLowerCase()] : [];
    const fetcher = new GuardedFetcher({ allowPrivate: config.fetchAllowPrivate });
    const status = await followBlog(
      newsroom,
      OPERATOR,
      slug,
      { source, keyEventsOnly },
      { probe: sourceProbe(fetcher), ownHosts: [...own, `${config.host}:${config.port}`] },
    );
    const follow = status.follow;
    console.log(
      `${slug} now follows ${follow?.sourceTitle} (${follow?.sourceUrl})${keyEventsOnly ? ", key events only" : ""}`,
    );
    return 0;
  });
}

export function unfollowCommand(config: Config, slug: string): Promise<number> {
  return withNewsroom(config, async (newsroom) => {
    await unfollowBlog(newsroom, OPERATOR, slug);
    console.log(`${slug} follows no other blog; the posts that came from it stay`);
    return 0;
  });
}
