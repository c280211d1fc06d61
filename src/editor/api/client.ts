import { t } from "../i18n/messages";

// fetch for the newsroom app: same-origin cookies, JSON in and out, the session's CSRF token on
// every request that is not a GET, and the contract's error body turned into an ApiError.
// A request that never reached the server is a NetworkError, which field mode acts on. Every
// request has a deadline: one the server does not answer in time is given up on as a
// TimeoutError (a NetworkError: what was being sent is kept on this device and sent again
// with the same Idempotency-Key, so it cannot go out twice), never left spinning.

let csrfToken: string | null = null;
const signedOutListeners = new Set<() => void>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server says the session is gone (401 outside sign-in). */
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | undefined,
    readonly body: unknown,
  ) {
    super(message);
  }
}

export class NetworkError extends Error {}

/** The server did not answer within the request's deadline. */
export class TimeoutError extends NetworkError {
  constructor(readonly seconds: number) {
    super(t("client.timedOut", { seconds }));
  }
}

/** How long the server has to answer: reads are quick, writes do more, uploads carry files. */
export const DEADLINES_MS = { read: 10_000, write: 15_000, upload: 120_000 };

export interface RequestOptions {
  headers?: Record<string, string>;
  /** A 401 here is an answer (wrong password), not a lost session. */
  quietAuth?: boolean;
  /** Overrides the deadline chosen by method and body (DEADLINES_MS). */
  deadlineMs?: number;
}

function deadlineFor(method: string, body: unknown): number {
  if (body instanceof FormData) return DEADLINES_MS.upload;
  return method === "GET" || method === "HEAD" ? DEADLINES_MS.read : DEADLINES_MS.write;
}

export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  if (method !== "GET" && method !== "HEAD" && csrfToken) headers["x-csrf-token"] = csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
  const deadline = options.deadlineMs ?? deadlineFor(method, body);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), deadline);
  let response: Response;
  let text: string;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: payload,
      credentials: "same-origin",
      signal: abort.signal,
    });
    // The deadline covers the whole answer, not just its headers.
    text = await response.text().catch((error: unknown) => {
      if (abort.signal.aborted) throw error;
      return "";
    });
  } catch (error) {
    if (abort.signal.aborted) throw new TimeoutError(Math.round(deadline / 1000));
    throw new NetworkError(error instanceof Error ? error.message : t("client.networkFailed"));
  } finally {
    clearTimeout(timer);
  }
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (response.ok) return json as T;
  const error = (json as { error?: { code?: string; message?: string; field?: string } } | null)
    ?.error;
  if (response.status === 401 && !options.quietAuth)
    for (const listener of signedOutListeners) listener();
  throw new ApiError(
    response.status,
    error?.code ?? `http_${response.status}`,
    error?.message ??
      (response.statusText || t("client.serverAnswered", { status: response.status })),
    error?.field,
    json,
  );
}

/**
 * Asks whether this browser is still signed in, and tells the app if not: the server ends a
 * desk stream when the session behind it ends (a password reset, a disabled account), and an
 * EventSource cannot say why. Failing to ask (offline) tells nothing.
 */
export async function confirmSignedIn(): Promise<void> {
  const answer = await request<{ user: unknown }>("GET", "/api/session?optional=true", undefined, {
    quietAuth: true,
  }).catch(() => null);
  if (answer && answer.user === null) for (const listener of signedOutListeners) listener();
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>("GET", path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>("POST", path, body, options),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>("PATCH", path, body, options),
  delete: <T>(path: string, options?: RequestOptions) =>
    request<T>("DELETE", path, undefined, options),
};

/** A person-readable sentence for any failure. */
export function describeError(error: unknown): string {
  if (error instanceof TimeoutError) return error.message;
  if (error instanceof NetworkError) return t("client.noConnection");
  if (error instanceof ApiError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

export const enc = encodeURIComponent;
