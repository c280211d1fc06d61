// /api/session: signing in (public, throttled), reading the signed-in user and CSRF token,
// signing out, and changing one's password. The session cookie itself is set and cleared in
// ../../session-cookie.ts; recognising it on every request is ../../auth.ts. Signing in also
// sets the recognised-device cookie (../../device-cookie.ts).

import type { FastifyInstance, FastifyReply } from "fastify";
import { DomainError } from "../../../core/errors.js";
import { RecognisedDevices } from "../../../core/operations/recognised-devices.js";
import { changePassword, signIn, signOut } from "../../../core/operations/sessions.js";
import { SignInLimiter } from "../../../core/operations/sign-in-limiter.js";
import type { Newsroom } from "../../../core/ports.js";
import { requireActor } from "../../auth.js";
import { readDeviceCookie, setDeviceCookie } from "../../device-cookie.js";
import { presentSessionUser } from "../../presenters/people.js";
import { clearSessionCookie, setSessionCookie } from "../../session-cookie.js";
import { limiterAddress } from "./client-address.js";

export function registerSessionRoutes(
  app: FastifyInstance,
  newsroom: Newsroom,
  limiter: SignInLimiter = new SignInLimiter(newsroom),
  devices: RecognisedDevices = new RecognisedDevices(newsroom),
): void {
  app.post("/api/session", async (request, reply) => {
    const deviceCookie = readDeviceCookie(request);
    const signedIn = await withRetryAfter(reply, () =>
      signIn(newsroom, { limiter, devices }, request.body, {
        address: limiterAddress(request),
        ...(deviceCookie !== undefined ? { deviceCookie } : {}),
      }),
    );
    // Signing in over a live session replaces it rather than leaving it valid in the dark.
    if (request.session) await newsroom.store.deleteSession(request.session.session.id);
    setSessionCookie(request, reply, signedIn.cookie);
    setDeviceCookie(request, reply, signedIn.device);
    return { user: presentSessionUser(signedIn.user), csrfToken: signedIn.session.csrfToken };
  });

  // `?optional=true` asks "who am I, if anyone": signed out is then an answer (200, user
  // null), not a failure, so a browser opening the app signed out logs no failed load.
  // Without it, the 401 other clients rely on stays.
  app.get<{ Querystring: { optional?: string } }>("/api/session", async (request) => {
    const holder = request.session;
    if (!holder && request.query.optional === "true") return { user: null, csrfToken: null };
    if (!holder) throw new DomainError("unauthorized", "You are not signed in");
    return { user: presentSessionUser(holder.user), csrfToken: holder.session.csrfToken };
  });

  // Signing out twice, or with an expired cookie, is not an error: the browser ends up
  // signed out either way.
  app.delete("/api/session", async (request, reply) => {
    if (request.session) await signOut(newsroom, request.session);
    clearSessionCookie(request, reply);
    return reply.status(204).send();
  });

  app.post("/api/session/password", async (request, reply) => {
    const actor = requireActor(request);
    const keep = request.session?.session.id;
    await withRetryAfter(reply, () =>
      changePassword(newsroom, limiter, actor, request.body, {
        address: limiterAddress(request),
        ...(keep !== undefined ? { keepSessionId: keep } : {}),
      }),
    );
    return reply.status(204).send();
  });
}

/** Adds Retry-After to a `too_many_attempts` refusal; the error handler writes the body. */
async function withRetryAfter<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const retryAfter = error instanceof DomainError ? error.details?.retryAfter : undefined;
    if (typeof retryAfter === "number") reply.header("Retry-After", String(retryAfter));
    throw error;
  }
}
