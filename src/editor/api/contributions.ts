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
}

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
};
