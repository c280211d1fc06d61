// The payloads of the event streams: each change of a blog's public state as readers' streams
// (and the change log's replays) carry it, and each newsroom desk event.

import type { Change } from "../../core/change.js";
import type { DeskClientEvent } from "../../core/desk.js";
import { presentBlog } from "./blogs.js";
import { presentDeskComment } from "./comments.js";
import { presentContribution } from "./contributions.js";
import { presentFigures } from "./figures.js";
import { presentPost } from "./posts.js";

/** The SSE event name and the JSON of its `data:` line for one change. */
export function presentChange(change: Change): { event: Change["kind"]; data: string } {
  switch (change.kind) {
    case "post":
      return { event: "post", data: JSON.stringify(presentPost(change.post)) };
    case "delete":
      return { event: "delete", data: JSON.stringify({ id: change.postId }) };
    case "blog":
      return { event: "blog", data: JSON.stringify(presentBlog(change.blog)) };
    case "figures":
      return { event: "figures", data: JSON.stringify(presentFigures(change.figures)) };
    case "poll": {
      const { postId, pollId, totals, total, closed } = change;
      return { event: "poll", data: JSON.stringify({ postId, pollId, totals, total, closed }) };
    }
    case "comment":
      return { event: "comment", data: JSON.stringify(change.comment) };
    case "comment-removal":
      // One event name for both, so a page listens for one: a removal names the comment only.
      return { event: "comment", data: JSON.stringify({ id: change.commentId, removed: true }) };
  }
}

/** The SSE event name and JSON for a newsroom desk event. */
export function presentDeskEvent(event: DeskClientEvent): {
  event: DeskClientEvent["kind"];
  data: string;
} {
  switch (event.kind) {
    case "desk-post":
      return { event: event.kind, data: JSON.stringify(presentPost(event.post)) };
    case "desk-delete":
      return {
        event: event.kind,
        data: JSON.stringify({ id: event.postId, ...(event.deletedBy ?? {}) }),
      };
    case "presence":
      return { event: event.kind, data: JSON.stringify({ people: event.people }) };
    case "contribution":
      return { event: event.kind, data: JSON.stringify(presentContribution(event.contribution)) };
    case "desk-comment":
      return { event: event.kind, data: JSON.stringify(presentDeskComment(event.comment)) };
  }
}
