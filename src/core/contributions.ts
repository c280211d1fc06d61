// Readers' contributions: a question, or what a reader is seeing where they are, sent from the
// reader page into the desk's moderation queue. Nothing of one is public until an editor
// quotes it in a post. The sender's contact and the keyed hash of their address are personal
// data: kept only until the retention period ends or someone asks for them to be erased.

import { z } from "zod";
import { text } from "./text.js";

export const CONTRIBUTION_KINDS = ["question", "eyewitness"] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];

export const CONTRIBUTION_STATUSES = ["new", "answered", "rejected"] as const;
export type ContributionStatus = (typeof CONTRIBUTION_STATUSES)[number];

export const CONTRIBUTION_TEXT_MAX = 2000;

export interface Contribution {
  id: string;
  blogId: string;
  kind: ContributionKind;
  text: string;
  /** The name the reader chose to be quoted with. */
  name: string;
  /** How the newsroom may reach them (e-mail, phone…); null when not given or erased. */
  contact: string | null;
  /** The keyed hash of the address it came from, for blocking; null once erased. */
  sender: string | null;
  status: ContributionStatus;
  receivedAt: string;
  /** When an editor answered or rejected it. */
  decidedAt: string | null;
  /** The post that answered it. */
  answerPostId: string | null;
  /** When its personal data was erased (on request or at the end of the retention period). */
  erasedAt: string | null;
  /** Whether its sender is blocked (read with it; not a column of its own). */
  senderBlocked: boolean;
  /** The photo the reader attached, kept private to the newsroom; null when none or erased. */
  photo: ContributionPhoto | null;
}

/**
 * A reader's photo: processed like any upload (type read from the bytes, metadata stripped)
 * but kept in its own folder of the media store, which `/media/` never serves. Only editors
 * see it, until one publishes it in an answer as an ordinary image.
 */
export interface ContributionPhoto {
  id: string;
  width: number;
  height: number;
}

/** The media store's folder holding a reader's photo's variants; `/media/` refuses it. */
export const CONTRIBUTION_PHOTO_FOLDER = "contribution-photos";

export function contributionPhotoFolder(photoId: string): string {
  return `${CONTRIBUTION_PHOTO_FOLDER}/${photoId}`;
}

/** The photo's largest JPEG variant: what the desk is shown. */
export function contributionPhotoKey(photoId: string): string {
  return `${contributionPhotoFolder(photoId)}/1600.jpg`;
}

/** A blog's switch for taking contributions, with the words the form opens with. */
export const ContributionSettings = z
  .object({
    enabled: z.boolean(),
    prompt: text().trim().max(300, "A prompt has at most 300 characters").optional(),
  })
  .strict();

export type ContributionSettings = z.infer<typeof ContributionSettings>;

/** What a reader sends; the challenge's fields are checked by contribution-challenge.ts. */
export const ContributionInput = z
  .object({
    kind: z.enum(CONTRIBUTION_KINDS, "Say whether this is a question or what you are seeing"),
    text: text()
      .trim()
      .min(1, "Write your question or what you are seeing")
      .max(CONTRIBUTION_TEXT_MAX, `At most ${CONTRIBUTION_TEXT_MAX} characters`),
    name: text()
      .trim()
      .min(1, "Give the name we may quote you with")
      .max(80, "A name has at most 80 characters"),
    contact: text().trim().max(200, "At most 200 characters").optional(),
    challenge: z.string("The form's challenge is missing").max(400),
    nonce: z.string("The challenge was not solved").max(64),
  })
  .strict();

export type ContributionInput = z.infer<typeof ContributionInput>;

/** Whether a blog takes readers' contributions now: switched on and not closed. */
export function takesContributions(blog: {
  status: string;
  contributions?: ContributionSettings | null;
}): boolean {
  return blog.status === "live" && blog.contributions?.enabled === true;
}
