// Attribution and verification on a post: the source line a newsroom credits ("via Reuters",
// "Interior ministry statement", with an optional link) and how far the claim is verified
// (confirmed, unconfirmed, disputed, with an optional note). Reporters may credit a source and
// flag their own post unconfirmed; only editors and admins confirm or dispute.

import { z } from "zod";
import { linkProblem } from "./content/inline.js";
import { DomainError } from "./errors.js";
import { can } from "./permissions.js";
import { text } from "./text.js";
import type { Actor } from "./user.js";

export const VERIFICATION_STATES = ["confirmed", "unconfirmed", "disputed"] as const;
export type VerificationState = (typeof VERIFICATION_STATES)[number];

export interface PostSource {
  text: string;
  url?: string;
}

export interface Verification {
  state: VerificationState;
  note?: string;
}

export const PostSourceInput = z
  .object({
    text: text()
      .trim()
      .min(1, "Name the source, e.g. via Reuters")
      .max(200, "A source line has at most 200 characters"),
    url: z
      .string()
      .max(2000)
      .refine(
        (v) => /^https?:\/\//i.test(v) && linkProblem(v) === null,
        "A source link must be a full https:// or http:// URL",
      )
      .optional(),
  })
  .strict()
  .describe("Who the post's information comes from: `text` such as `via Reuters`, `url` a link");

export const VerificationInput = z
  .object({
    state: z.enum(VERIFICATION_STATES, {
      message: "Use confirmed, unconfirmed or disputed",
    }),
    note: text().trim().max(500, "A verification note has at most 500 characters").optional(),
  })
  .strict()
  .describe(
    "How far the post is verified, with an optional note readers see; editors and admins confirm or dispute, reporters may mark their own post unconfirmed",
  );

/** A stored source line, without empty parts. */
export function cleanSource(input: z.infer<typeof PostSourceInput> | null): PostSource | null {
  if (!input) return null;
  return input.url ? { text: input.text, url: input.url } : { text: input.text };
}

export function cleanVerification(
  input: z.infer<typeof VerificationInput> | null,
): Verification | null {
  if (!input) return null;
  return input.note ? { state: input.state, note: input.note } : { state: input.state };
}

/**
 * Confirming or disputing a claim is the desk's call; a reporter may only flag a post
 * unconfirmed or leave the verification as it stands.
 */
export function ensureMayVerify(
  actor: Actor,
  next: Verification | null,
  current: Verification | null,
): void {
  if (can(actor, "post.pin")) return;
  if (!next || next.state === "unconfirmed") {
    // Clearing a confirmation or dispute the desk made is changing it too.
    if (!current || current.state === "unconfirmed") return;
  }
  if (sameVerification(next, current)) return;
  throw new DomainError(
    "forbidden",
    "Only editors and admins can confirm or dispute a post, or change a verification they set; reporters may mark a post unconfirmed",
    { field: "verification" },
  );
}

export function sameVerification(a: Verification | null, b: Verification | null): boolean {
  return (a?.state ?? null) === (b?.state ?? null) && (a?.note ?? "") === (b?.note ?? "");
}

/** The audit log's `{from, to}` when an edit changed the verification (its note too). */
export function verificationChange(
  before: Verification | null | undefined,
  after: Verification | null | undefined,
): { from: VerificationState | null; to: VerificationState | null } | null {
  if (sameVerification(before ?? null, after ?? null)) return null;
  return { from: before?.state ?? null, to: after?.state ?? null };
}

export function sameSource(a: PostSource | null, b: PostSource | null): boolean {
  return (a?.text ?? null) === (b?.text ?? null) && (a?.url ?? null) === (b?.url ?? null);
}

/** The reader's word for each state: text, never colour alone. */
export const VERIFICATION_LABELS: Record<VerificationState, string> = {
  confirmed: "Confirmed",
  unconfirmed: "Unconfirmed",
  disputed: "Disputed",
};
