// Readers' contributions as the desk calls them (editors and admins): the moderation queue
// and what is done with one. See docs/NEWSROOM-API.md.

import { api, enc } from "./client";

export type ContributionStatus = "new" | "answered" | "rejected";

export interface Contribution {
  id: string;
  kind: "question" | "eyewitness";
  text: string;
  name: string;
  contact: string | null;
  status: ContributionStatus;
  receivedAt: string;
  decidedAt: string | null;
  answerPostId: string | null;
  personalDataErasedAt: string | null;
  senderBlocked: boolean;
  /** The attached photo's size; the photo itself is at `photoPath`. */
  photo: { width: number; height: number } | null;
}

/** A reader's photo copied into the media library for an answer, credited to the reader. */
export interface PublishedPhoto {
  src: string;
  width: number;
  height: number;
  credit: string;
}

/** Where the desk reads a contribution's photo (signed in; never cached). */
export const photoPath = (slug: string, id: string) =>
  `/api/blogs/${enc(slug)}/contributions/${enc(id)}/photo`;

const queuePath = (slug: string) => `/api/blogs/${enc(slug)}/contributions`;
const onePath = (slug: string, id: string) => `${queuePath(slug)}/${enc(id)}`;

export const contributions = {
  list: async (slug: string, status: ContributionStatus | "all") =>
    (
      await api.get<{ contributions: Contribution[] }>(
        `${queuePath(slug)}?status=${status}&limit=100`,
      )
    ).contributions,
  answer: (slug: string, id: string, postId: string) =>
    api.post<Contribution>(`${onePath(slug, id)}/answer`, { postId }),
  reject: (slug: string, id: string) => api.post<Contribution>(`${onePath(slug, id)}/reject`),
  block: (slug: string, id: string) => api.post<Contribution>(`${onePath(slug, id)}/block`),
  erase: (slug: string, id: string) =>
    api.delete<Contribution>(`${onePath(slug, id)}/personal-data`),
  publishPhoto: (slug: string, id: string) =>
    api.post<PublishedPhoto>(`${onePath(slug, id)}/photo/publish`),
};
