// Putting the link cards read after a publish onto the post, as the system, through the same
// commit as every edit: the change log and live event, the caches, feeds and webhooks follow.
// Only links the post still has, still without a card, get one: an editor's change made while
// the page was being read wins, and a lost race on the version is given up quietly (an editor's
// save that overwrote a card leaves the link without one, which that save sends to be read). A card is
// not a change of the words: no "Updated" marker, no public version (link-cards.ts).

import type { LinkCard } from "../content/blocks.js";
import { renderBlocks } from "../content/render.js";
import { withCards } from "../link-cards.js";
import type { Newsroom } from "../ports.js";
import type { Post } from "../post.js";
import { commitChanges } from "./commit.js";
import { announce } from "./post-changes.js";

/** The post with its new cards, or null when there was nothing (left) to put them on. */
export async function attachLinkCards(
  newsroom: Newsroom,
  blogId: string,
  postId: string,
  cards: ReadonlyMap<string, LinkCard>,
): Promise<Post | null> {
  if (cards.size === 0) return null;
  return commitChanges(newsroom, async (recorder) => {
    const { tx } = recorder;
    const current = await tx.findPost(blogId, postId);
    if (current?.status !== "published" || current.deletedAt) return null;
    const blocks = withCards(current.blocks, cards);
    const attached = [...cards.keys()].filter((url) =>
      blocks.some(
        (block, i) => block.type === "embed" && block.url === url && block !== current.blocks[i],
      ),
    );
    if (attached.length === 0) return null;
    // The post's other words (a gallery's labels, an embed's button) stay in the blog's language.
    const blog = await tx.findBlogById(blogId);
    if (!blog) return null;
    const next: Post = {
      ...current,
      blocks,
      html: renderBlocks(blocks, newsroom.blockWords(blog.language), {
        at: newsroom.clock.now(),
        zone: blog,
      }),
      updatedAt: recorder.at,
      // The version stays: an editor with the post open saves over it without a conflict (a
      // card is no one's words), and the card survives that save as the link is unchanged.
      // The update still holds only if no one saved since this read (the version check).
    };
    if (!(await tx.updatePost(next, current.version))) return null;
    await announce(recorder, current, next);
    await recorder.audit(null, "post.unfurl", {
      blogId,
      postId,
      detail: { links: attached },
    });
    return next;
  });
}
