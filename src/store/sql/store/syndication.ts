// The SqlStore's part for following other blogs: the follows, their leases and progress, and
// which local post stands for each source post. The queries live in ../syndication.ts.

import type { Store, SyndicationStore } from "../../../core/ports.js";
import type { BlogFollow, FollowedSource } from "../../../core/syndication.js";
import * as syndication from "../syndication.js";
import type { SqlPart } from "./scope.js";

export function withSyndication<Base extends SqlPart>(base: Base) {
  return class SyndicationPart extends base implements SyndicationStore {
    findFollow(blogId: string): Promise<BlogFollow | undefined> {
      return syndication.findFollow(this.db, blogId);
    }

    listFollows(): Promise<BlogFollow[]> {
      return syndication.listFollows(this.db);
    }

    saveFollow(follow: BlogFollow): Promise<void> {
      return syndication.saveFollow(this.db, follow);
    }

    deleteFollow(blogId: string): Promise<boolean> {
      return syndication.deleteFollow(this.db, blogId);
    }

    takeFollowLease(blogId: string, owner: string, now: string, until: string): Promise<boolean> {
      return syndication.takeFollowLease(this.db, blogId, owner, now, until);
    }

    releaseFollowLease(blogId: string, owner: string): Promise<void> {
      return syndication.releaseFollowLease(this.db, blogId, owner);
    }

    advanceFollow(
      blogId: string,
      follow: FollowedSource,
      seq: number,
      at: string,
    ): Promise<boolean> {
      return syndication.advanceFollow(this.db, blogId, follow, seq, at);
    }

    resumeFollowAt(blogId: string, follow: FollowedSource, seq: number): Promise<void> {
      return syndication.resumeFollowAt(this.db, blogId, follow, seq);
    }

    recordFollowStatus(
      blogId: string,
      sourceUrl: string,
      status: Parameters<Store["recordFollowStatus"]>[2],
    ): Promise<void> {
      return syndication.recordFollowStatus(this.db, blogId, sourceUrl, status);
    }

    findSyndicated(blogId: string, sourceUrl: string, sourcePostId: string) {
      return syndication.findSyndicated(this.db, blogId, sourceUrl, sourcePostId);
    }

    listSyndicated(blogId: string, sourceUrl: string) {
      return syndication.listSyndicated(this.db, blogId, sourceUrl);
    }

    saveSyndicated(blogId: string, sourceUrl: string, sourcePostId: string, postId: string) {
      return syndication.saveSyndicated(this.db, blogId, sourceUrl, sourcePostId, postId);
    }

    forgetSyndicated(blogId: string, sourceUrl: string, sourcePostId: string) {
      return syndication.forgetSyndicated(this.db, blogId, sourceUrl, sourcePostId);
    }

    countSyndicated(blogId: string, sourceUrl: string): Promise<number> {
      return syndication.countSyndicated(this.db, blogId, sourceUrl);
    }
  };
}
