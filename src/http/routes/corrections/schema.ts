// The shapes of a post's public history and of a takedown, for the handlers and the OpenAPI
// document (./openapi.ts).

import { z } from "zod";
import { Blocks } from "../../../core/content/blocks.js";
import type { PostVersion } from "../../../core/corrections.js";
import type { PostHistory } from "../../../core/operations/corrections.js";
import { presentPost } from "../../presenters/posts.js";
import { PostJson } from "../../schemas.js";

export const PostVersionJson = z.object({
  title: z.string(),
  blocks: Blocks,
  html: z.string().describe("The body as it was, rendered to safe HTML"),
  shownFrom: z.iso.datetime().describe("When these words went public"),
  replacedAt: z.iso.datetime().describe("When the change replaced them"),
  correction: z
    .string()
    .nullable()
    .describe("The correction note given with the change that replaced them"),
  source: z
    .object({ text: z.string(), url: z.string().optional() })
    .nullable()
    .describe("The source line the post credited then; null for none"),
});

export const PostHistoryJson = z.object({
  post: PostJson.describe("The post as it reads now"),
  versions: z
    .array(PostVersionJson)
    .describe("What the post said before each change after publishing, newest first"),
});

export function presentVersion(version: PostVersion): z.infer<typeof PostVersionJson> {
  return {
    title: version.title,
    blocks: version.blocks,
    html: version.html,
    shownFrom: version.shownFrom,
    replacedAt: version.replacedAt,
    correction: version.note,
    source: version.source,
  };
}

export function presentHistory(history: PostHistory) {
  return { post: presentPost(history.post), versions: history.versions.map(presentVersion) };
}
