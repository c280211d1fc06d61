// Expected access to webhooks: admins only, for every route. The endpoints made here point at
// a name that never resolves (.invalid), so no attempt ever leaves the machine.

import { type AccessCase, ADMINS, blog, type Fixtures, must, post } from "./cases.js";

const URL = "https://hooks.invalid/dispatch";

let adminToken: Promise<string> | undefined;
const admin = (f: Fixtures) => {
  adminToken ??= f.server.tokenFor("admin");
  return adminToken;
};

async function endpoint(f: Fixtures, extra: Record<string, unknown> = {}): Promise<string> {
  const made = await must<{ id: string }>(
    f.server.api("POST", "/api/webhooks", {
      token: await admin(f),
      body: { url: URL, enabled: false, ...extra },
    }),
    201,
  );
  return made.id;
}

/** An endpoint with one delivery queued (then the endpoint disabled, so it is never sent). */
async function withDelivery(f: Fixtures): Promise<{ id: string; deliveryId: string }> {
  const slug = await blog(f);
  const id = await endpoint(f, { enabled: true, blogs: [slug], events: ["post.published"] });
  await post(f, slug, f.owner.token);
  const token = await admin(f);
  await must(
    f.server.api("PATCH", `/api/webhooks/${id}`, { token, body: { enabled: false } }),
    200,
  );
  const listed = await must<{ deliveries: { id: string }[] }>(
    f.server.api("GET", `/api/webhooks/${id}/deliveries`, { token }),
    200,
  );
  const deliveryId = listed.deliveries[0]?.id;
  if (!deliveryId) throw new Error("Fixture failed: no delivery queued");
  return { id, deliveryId };
}

const row = (name: string, ok: number, prepare: AccessCase["prepare"]): AccessCase[] => [
  { name, allowed: ADMINS, ok, prepare },
];

export const WEBHOOK_ACCESS: Record<string, AccessCase[]> = {
  "GET /api/webhooks": row("list", 200, async () => ({})),
  "POST /api/webhooks": row("register", 201, async () => ({
    body: { url: URL, enabled: false },
  })),
  "GET /api/webhooks/{id}": row("read", 200, async (f) => ({ params: { id: await endpoint(f) } })),
  "PATCH /api/webhooks/{id}": row("change", 200, async (f) => ({
    params: { id: await endpoint(f) },
    body: { description: "Changed" },
  })),
  "DELETE /api/webhooks/{id}": row("remove", 204, async (f) => ({
    params: { id: await endpoint(f) },
  })),
  "POST /api/webhooks/{id}/rotate-secret": row("rotate", 200, async (f) => ({
    params: { id: await endpoint(f) },
  })),
  "GET /api/webhooks/{id}/deliveries": row("deliveries", 200, async (f) => ({
    params: { id: await endpoint(f) },
  })),
  "POST /api/webhooks/{id}/deliveries/{deliveryId}/retry": row("send again", 202, async (f) => ({
    params: await withDelivery(f),
  })),
};
