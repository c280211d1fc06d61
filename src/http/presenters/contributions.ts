// A reader's contribution as the desk reads it (its queue, decisions and the desk stream's
// `contribution` event): the sender's address hash never leaves through here.

import type { Contribution } from "../../core/contributions.js";

/** A reader's contribution as the desk sees it: the sender's address hash never leaves. */
export interface ContributionJson {
  id: string;
  kind: Contribution["kind"];
  text: string;
  name: string;
  contact: string | null;
  status: Contribution["status"];
  receivedAt: string;
  decidedAt: string | null;
  answerPostId: string | null;
  personalDataErasedAt: string | null;
  senderBlocked: boolean;
  /** The attached photo's size; read it from `…/contributions/:id/photo`. */
  photo: { width: number; height: number } | null;
}

export function presentContribution(c: Contribution): ContributionJson {
  return {
    id: c.id,
    kind: c.kind,
    text: c.text,
    name: c.name,
    contact: c.contact,
    status: c.status,
    receivedAt: c.receivedAt,
    decidedAt: c.decidedAt,
    answerPostId: c.answerPostId,
    personalDataErasedAt: c.erasedAt,
    senderBlocked: c.senderBlocked,
    photo: c.photo ? { width: c.photo.width, height: c.photo.height } : null,
  };
}
