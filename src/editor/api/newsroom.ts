// The calls the screens make, by what they do in the newsroom. Paths and bodies follow
// CONTRACT.md and docs/NEWSROOM-API.md exactly.

import { api, DEADLINES_MS, enc, request } from "./client";
import type {
  AuditEntry,
  AuditFilter,
  Blog,
  Contributor,
  DeskNumbers,
  Figure,
  FigureValue,
  FollowStatus,
  MediaItem,
  MediaUpload,
  Post,
  PostBody,
  PostPage,
  PostSearch,
  PostStatus,
  ReaderComment,
  Role,
  Session,
  Token,
  User,
  Webhook,
  WebhookDelivery,
  WebhookInput,
} from "./types";

const blogPath = (slug: string) => `/api/blogs/${enc(slug)}`;
const postPath = (slug: string, id: string) => `${blogPath(slug)}/posts/${enc(id)}`;

export const session = {
  signIn: (email: string, password: string) =>
    api.post<Session>("/api/session", { email, password }, { quietAuth: true }),
  /** Who is signed in here, if anyone: signed out is an answer (null), not a failed request. */
  current: async (): Promise<Session | null> => {
    const answer = await api.get<Session | { user: null }>("/api/session?optional=true", {
      quietAuth: true,
    });
    return answer.user ? (answer as Session) : null;
  },
  signOut: () => api.delete<void>("/api/session"),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<void>("/api/session/password", { currentPassword, newPassword }, { quietAuth: true }),
};

export const blogs = {
  list: async () => (await api.get<{ blogs: Blog[] }>("/api/blogs")).blogs,
  get: (slug: string) => api.get<Blog>(blogPath(slug)),
  create: (body: { slug: string; title: string; summary?: string }) =>
    api.post<Blog>("/api/blogs", body),
  update: (slug: string, body: Partial<Blog>) => api.patch<Blog>(blogPath(slug), body),
  readers: async (slug: string) =>
    (await api.get<{ readers: number }>(`${blogPath(slug)}/readers`)).readers,
  setPresence: (slug: string, editing: string | null) =>
    api.post<void>(`${blogPath(slug)}/presence`, { editing }),
  /** Readers over time, top updates and embeds by host page (editors and admins). */
  numbers: (slug: string, hours: number) =>
    api.get<DeskNumbers>(`${blogPath(slug)}/numbers?hours=${hours}`),
};

/** Readers' comments waiting for an editor or reported, and their moderation (editors). */
export const comments = {
  queue: async (slug: string, state: "pending" | "reported") =>
    (
      await api.get<{ comments: ReaderComment[] }>(
        `${blogPath(slug)}/comments/queue?state=${state}`,
      )
    ).comments,
  moderate: (slug: string, id: string, decision: "approve" | "reject") =>
    api.post<ReaderComment>(`${blogPath(slug)}/comments/${enc(id)}/${decision}`, {}),
};

/** A blog's key figures (editors and admins write; the box is public). */
export const figures = {
  list: async (slug: string) =>
    (await api.get<{ figures: Figure[] }>(`${blogPath(slug)}/figures`)).figures,
  add: (slug: string, body: { label: string; position?: number; values: FigureValue[] }) =>
    api.post<Figure>(`${blogPath(slug)}/figures`, body),
  update: (
    slug: string,
    id: string,
    body: { label?: string; position?: number; values?: FigureValue[] },
  ) => api.patch<Figure>(`${blogPath(slug)}/figures/${enc(id)}`, body),
  remove: (slug: string, id: string) => api.delete<void>(`${blogPath(slug)}/figures/${enc(id)}`),
};

/** A blog following another Dispatch blog (editors and admins). */
export const follow = {
  status: (slug: string) => api.get<FollowStatus>(`${blogPath(slug)}/follow`),
  set: (slug: string, source: string, keyEventsOnly: boolean) =>
    request<FollowStatus>("PUT", `${blogPath(slug)}/follow`, { source, keyEventsOnly }),
  stop: (slug: string) => api.delete<void>(`${blogPath(slug)}/follow`),
};

export const posts = {
  /** One page of a status, newest first; `next` is the cursor of the page after it. */
  page: (slug: string, status: PostStatus, options: { before?: string; limit?: number } = {}) =>
    api.get<PostPage>(
      `${blogPath(slug)}/posts?status=${status}&limit=${options.limit ?? 100}${
        options.before ? `&before=${enc(options.before)}` : ""
      }`,
    ),
  /** The desk's search: any post by words, author and statuses (newsroom only). */
  search: (slug: string, query: PostSearch, before?: string) => {
    const params = new URLSearchParams();
    if (query.q?.trim()) params.set("q", query.q.trim());
    if (query.author?.trim()) params.set("author", query.author.trim());
    if (query.status) params.set("status", query.status);
    if (before) params.set("before", before);
    params.set("limit", "50");
    return api.get<PostPage>(`${blogPath(slug)}/posts/search?${params}`);
  },
  get: (slug: string, id: string) => api.get<Post>(postPath(slug, id)),
  create: (slug: string, body: PostBody, idempotencyKey?: string) =>
    api.post<Post>(`${blogPath(slug)}/posts`, body, {
      ...(idempotencyKey ? { headers: { "idempotency-key": idempotencyKey } } : {}),
    }),
  update: (slug: string, id: string, body: PostBody) => api.patch<Post>(postPath(slug, id), body),
  remove: (slug: string, id: string) => api.delete<void>(postPath(slug, id)),
  approve: (slug: string, id: string, version?: number) =>
    api.post<Post>(`${postPath(slug, id)}/approve`, version ? { version } : {}),
  sendBack: (slug: string, id: string, version?: number, note?: string) =>
    api.post<Post>(`${postPath(slug, id)}/return`, {
      ...(version ? { version } : {}),
      ...(note ? { note } : {}),
    }),
  /** A legal takedown (editors and admins): the post and its history erased from public view. */
  takedown: (slug: string, id: string, reason: string) =>
    api.post<void>(`${postPath(slug, id)}/takedown`, { reason }),
};

export function uploadImage(file: File): Promise<MediaUpload> {
  const form = new FormData();
  form.append("file", file, file.name || "image");
  return api.post<MediaUpload>("/api/media", form);
}

/** The media library: earlier uploads, newest first, found by their words (newsroom only). */
export const mediaLibrary = {
  page: (q: string, before?: string, limit = 40) => {
    const params = new URLSearchParams();
    if (q.trim()) params.set("q", q.trim());
    if (before) params.set("before", before);
    params.set("limit", String(limit));
    return api.get<{ media: MediaItem[]; next?: string }>(`/api/media?${params}`);
  },
};

/** Copies an image from another site into Dispatch (the server fetches it, guarded). */
export function importImage(url: string): Promise<MediaUpload> {
  // The server fetches and processes the image first: as long as an upload may take.
  return api.post<MediaUpload>("/api/media/import", { url }, { deadlineMs: DEADLINES_MS.upload });
}

export const users = {
  list: async () => (await api.get<{ users: User[] }>("/api/users")).users,
  add: (body: { email: string; role: Role; name?: string; password?: string }) =>
    api.post<{ user: User; password?: string }>("/api/users", body),
  update: (id: string, body: { name?: string; role?: Role; disabled?: boolean }) =>
    api.patch<User>(`/api/users/${enc(id)}`, body),
  /** A user's byline title and avatar: one's own, or (admins) anyone's. */
  updateProfile: (id: string, body: { title?: string; avatar?: string | null }) =>
    api.patch<User>(`/api/users/${enc(id)}/profile`, body),
  /** The colleagues the composer may sign a post with. */
  contributors: async () =>
    (await api.get<{ contributors: Contributor[] }>("/api/contributors")).contributors,
  /** A temporary password: the one given, or a generated one answered once. */
  resetPassword: (id: string, password?: string) =>
    api.post<{ user: User; password?: string }>(
      `/api/users/${enc(id)}/password`,
      password ? { password } : {},
    ),
};

export const tokens = {
  list: async () => (await api.get<{ tokens: Token[] }>("/api/tokens")).tokens,
  create: (label: string, userId?: string) =>
    api.post<{ token: string; id: string; label: string }>("/api/tokens", {
      label,
      ...(userId ? { userId } : {}),
    }),
  revoke: (id: string) => api.delete<void>(`/api/tokens/${enc(id)}`),
};

const hookPath = (id: string) => `/api/webhooks/${enc(id)}`;

export const webhooks = {
  list: async () => (await api.get<{ webhooks: Webhook[] }>("/api/webhooks")).webhooks,
  get: (id: string) => api.get<Webhook>(hookPath(id)),
  /** The answer holds the signing secret, shown this once. */
  create: (input: WebhookInput) => api.post<Webhook & { secret: string }>("/api/webhooks", input),
  update: (id: string, input: Partial<WebhookInput>) => api.patch<Webhook>(hookPath(id), input),
  remove: (id: string) => api.delete<void>(hookPath(id)),
  rotateSecret: (id: string) =>
    api.post<Webhook & { secret: string }>(`${hookPath(id)}/rotate-secret`, {}),
  deliveries: async (id: string) =>
    (await api.get<{ deliveries: WebhookDelivery[] }>(`${hookPath(id)}/deliveries`)).deliveries,
  sendAgain: (id: string, deliveryId: string) =>
    api.post<WebhookDelivery>(`${hookPath(id)}/deliveries/${enc(deliveryId)}/retry`, {}),
};

export const audit = {
  page: (filter: AuditFilter, before?: string, limit = 50) => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(filter)) if (value) params.set(name, value);
    if (before) params.set("before", before);
    params.set("limit", String(limit));
    return api.get<{ entries: AuditEntry[]; next?: string }>(`/api/audit?${params}`);
  },
};
