// /api/blogs/:slug/follow: what the follow status looks like on the wire. The request body is
// core's FollowInput; the same schemas feed the OpenAPI document (openapi.ts).

import { z } from "zod";
import type { FollowStatus } from "../../../core/operations/follow.js";

export const FollowStatusJson = z
  .object({
    following: z.boolean(),
    source: z.string().optional().describe("The source blog's reader URL"),
    sourceTitle: z.string().optional(),
    keyEventsOnly: z.boolean().optional(),
    since: z.string().optional().describe("When the blog began following this source"),
    connected: z
      .boolean()
      .optional()
      .describe("Whether a Dispatch node holds the source's event stream open now"),
    connectedAt: z.string().optional(),
    lastError: z.object({ message: z.string(), at: z.string() }).optional(),
    lastEventId: z
      .number()
      .int()
      .nullable()
      .optional()
      .describe("The last of the source's events applied here (its change sequence)"),
    lastEventAt: z.string().optional(),
    eventsApplied: z.number().int().optional(),
    posts: z.number().int().optional().describe("Posts this blog holds from the source"),
  })
  .strict();
export type FollowStatusJson = z.infer<typeof FollowStatusJson>;

export function presentFollowStatus(status: FollowStatus): FollowStatusJson {
  const follow = status.follow;
  if (!status.following || !follow) return { following: false };
  return {
    following: true,
    source: follow.sourceUrl,
    sourceTitle: follow.sourceTitle,
    keyEventsOnly: follow.keyEventsOnly,
    since: follow.createdAt,
    connected: follow.connectedAt !== null,
    ...(follow.connectedAt ? { connectedAt: follow.connectedAt } : {}),
    ...(follow.lastError && follow.lastErrorAt
      ? { lastError: { message: follow.lastError, at: follow.lastErrorAt } }
      : {}),
    lastEventId: follow.lastEventId,
    ...(follow.lastEventAt ? { lastEventAt: follow.lastEventAt } : {}),
    eventsApplied: follow.eventsApplied,
    posts: status.posts ?? 0,
  };
}
