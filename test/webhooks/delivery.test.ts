// Signed webhooks end to end on one real server (SQLite, real HTTP): endpoints registered over
// the API, every delivery received by a real receiver on 127.0.0.1 and checked with the
// Standard Webhooks reference library; retries, "send again", redirects, a hanging receiver,
// and deleted words never sent. FETCH_ALLOW_PRIVATE=1 lets the server reach the receivers.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";
import { type Receiver, startReceiver } from "./receiver.js";

let server: TestServer;
let admin: string;
const receivers: Receiver[] = [];

beforeAll(async () => {
  server = await startTestServer({
    env: {
      FETCH_ALLOW_PRIVATE: "1",
      WEBHOOK_RETRY_BASE_MS: "100",
      METRICS_TOKEN: "scraper-token-for-webhooks",
    },
  });
  admin = await server.tokenFor("admin");
});

afterAll(async () => {
  for (const r of receivers) await r.close();
  await server.close();
});

async function receiver(): Promise<Receiver> {
  const r = await startReceiver();
  receivers.push(r);
  return r;
}

let blogs = 0;
async function newBlog(): Promise<string> {
  blogs += 1;
  const slug = `hooks-${blogs}`;
  const made = await server.api("POST", "/api/blogs", {
    token: admin,
    body: { slug, title: `Hooks ${blogs}` },
  });
  expect(made.status).toBe(201);
  return slug;
}

async function register(url: string, body: Record<string, unknown>) {
  const made = await server.api("POST", "/api/webhooks", { token: admin, body: { url, ...body } });
  expect(made.status, JSON.stringify(made.json)).toBe(201);
  return made.json as { id: string; secret: string };
}

async function publish(slug: string, words: string) {
  const made = await server.api("POST", `/api/blogs/${slug}/posts`, {
    token: admin,
    body: { blocks: [paragraph(words)] },
  });
  expect(made.status).toBe(201);
  return made.json as { id: string; version: number };
}

async function deliveries(id: string) {
  const listed = await server.api("GET", `/api/webhooks/${id}/deliveries`, { token: admin });
  expect(listed.status).toBe(200);
  return listed.json.deliveries as {
    id: string;
    type: string;
    status: string;
    attempts: number;
    lastStatus: number | null;
  }[];
}

async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`Still ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("webhook deliveries", () => {
  it("signs each kind of news as Standard Webhooks, with the API's JSON, for the blogs chosen", async () => {
    const r = await receiver();
    const slug = await newBlog();
    const other = await newBlog();
    const hook = await register(r.url, { blogs: [slug], description: "Push desk" });
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    // The secret is shown once: never in a later read.
    const read = await server.api("GET", `/api/webhooks/${hook.id}`, { token: admin });
    expect(JSON.stringify(read.json)).not.toContain(hook.secret);
    expect(read.json.blogs).toEqual([slug]);

    const post = await publish(slug, "Ferry service resumes");
    await publish(other, "Not for this endpoint");
    const edited = await server.api("PATCH", `/api/blogs/${slug}/posts/${post.id}`, {
      token: admin,
      body: { version: post.version, keyEvent: true },
    });
    expect(edited.status).toBe(200);
    await server.api("DELETE", `/api/blogs/${slug}/posts/${post.id}`, { token: admin });
    await server.api("PATCH", `/api/blogs/${slug}`, { token: admin, body: { status: "closed" } });
    await r.waitFor(4);
    await new Promise((res) => setTimeout(res, 300));
    const got = r.verified(hook.secret);
    expect(got.map((d) => d.type).sort()).toEqual(
      ["blog.closed", "post.deleted", "post.published", "post.updated"].sort(),
    );
    expect(new Set(got.map((d) => d.id)).size).toBe(4);
    const deleted = got.find((d) => d.type === "post.deleted");
    expect(deleted?.data).toEqual({
      blog: expect.objectContaining({ slug }),
      post: { id: post.id },
    });
    const closed = got.find((d) => d.type === "blog.closed");
    expect(closed?.data.blog).toMatchObject({ slug, status: "closed" });
    expect(r.received.every((d) => d.headers["content-type"] === "application/json")).toBe(true);
  });

  it("carries the post exactly as the API shows it", async () => {
    const r = await receiver();
    const slug = await newBlog();
    const hook = await register(r.url, { events: ["post.published"] });
    const post = await publish(slug, "Bridge reopens at noon");
    await r.waitFor(1);
    const [delivery] = r.verified(hook.secret);
    const api = await server.api("GET", `/api/blogs/${slug}/posts/${post.id}`);
    expect(delivery?.type).toBe("post.published");
    expect(delivery?.data.post).toEqual(api.json);
    expect(JSON.parse(r.received[0]?.body ?? "{}").timestamp).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("tells of a key figures change with the whole box as the API shows it", async () => {
    const r = await receiver();
    const slug = await newBlog();
    const hook = await register(r.url, { blogs: [slug], events: ["figures.updated"] });
    const made = await server.api("POST", `/api/blogs/${slug}/figures`, {
      token: admin,
      body: {
        label: "Evacuated",
        values: [
          {
            value: 3000,
            qualifier: "about",
            unit: "people",
            source: { name: "Civil protection" },
            asOf: "2026-05-01T09:00:00Z",
          },
        ],
      },
    });
    expect(made.status).toBe(201);
    await publish(slug, "Not figures news");
    await r.waitFor(1);
    const changed = await server.api("PATCH", `/api/blogs/${slug}/figures/${made.json.id}`, {
      token: admin,
      body: { label: "Evacuated from the valley" },
    });
    expect(changed.status).toBe(200);
    await r.waitFor(2);
    await new Promise((res) => setTimeout(res, 300));
    const got = r.verified(hook.secret);
    expect(got.map((d) => d.type)).toEqual(["figures.updated", "figures.updated"]);
    const api = await server.api("GET", `/api/blogs/${slug}/figures`);
    // Built when sent: both carry the box as it stood then, the last as the API shows it now.
    expect(got[1]?.data.figures).toEqual(api.json.figures);
    expect(got[1]?.data.blog).toMatchObject({ slug });
    expect(got[1]?.data.figures[0].label).toBe("Evacuated from the valley");
  });

  it("retries after two failures and the third attempt is delivered; Send again resends the same id", async () => {
    const r = await receiver();
    r.answer = (n) => (n < 2 ? 500 : 200);
    const slug = await newBlog();
    const hook = await register(r.url, { blogs: [slug], events: ["post.published"] });
    await publish(slug, "Third time lucky");
    await r.waitFor(3);
    const got = r.verified(hook.secret);
    expect(new Set(got.map((d) => d.id)).size).toBe(1);
    // Each attempt is signed afresh, with its own timestamp header.
    const [listed] = await eventually(
      () => deliveries(hook.id),
      (list) => list[0]?.status === "delivered",
    );
    expect(listed).toMatchObject({ attempts: 3, lastStatus: 200, status: "delivered" });
    const metrics = await fetch(`${server.url}/metrics`, {
      headers: { authorization: "Bearer scraper-token-for-webhooks" },
    }).then((r) => r.text());
    const count = (outcome: string) =>
      Number(
        new RegExp(`dispatch_webhook_attempts_total\\{outcome="${outcome}"\\} (\\d+)`).exec(
          metrics,
        )?.[1] ?? -1,
      );
    expect(count("retrying")).toBeGreaterThanOrEqual(2);
    expect(count("delivered")).toBeGreaterThanOrEqual(1);

    const again = await server.api(
      "POST",
      `/api/webhooks/${hook.id}/deliveries/${listed?.id}/retry`,
      { token: admin },
    );
    expect(again.status).toBe(202);
    await r.waitFor(4);
    expect(r.verified(hook.secret).map((d) => d.id)).toEqual(Array(4).fill(listed?.id));
  });

  it("never follows a redirect, to a private address or anywhere", async () => {
    const inside = await receiver();
    const r = await receiver();
    r.answer = () => ({ redirect: inside.url });
    const slug = await newBlog();
    const hook = await register(r.url, { blogs: [slug] });
    await publish(slug, "Redirected");
    const [listed] = await eventually(
      () => deliveries(hook.id),
      (list) => (list[0]?.attempts ?? 0) >= 2,
    );
    expect(listed).toMatchObject({ status: "pending", lastStatus: 302 });
    expect(inside.received).toHaveLength(0);
  });

  it("keeps publishing fast, and other endpoints served, while an endpoint never answers", async () => {
    const r = await receiver();
    r.answer = () => "hang";
    const healthy = await receiver();
    const slug = await newBlog();
    await register(r.url, { blogs: [slug] });
    await register(healthy.url, { blogs: [slug] });
    const times: number[] = [];
    for (let i = 0; i < 12; i++) {
      const started = performance.now();
      await publish(slug, `Update ${i}`);
      times.push(performance.now() - started);
    }
    const published = Date.now();
    // Deliveries are hanging in flight, yet each publish answered at once.
    expect(Math.max(...times)).toBeLessThan(1500);
    // The hanging endpoint holds two of the node's senders; the others serve the healthy one
    // well before the hanging attempts' 10 s limit frees anything.
    await healthy.waitFor(12, 8000);
    expect(Date.now() - published).toBeLessThan(8000);
    expect(r.received.length).toBeLessThanOrEqual(2);
    // Let go of the hanging attempts, so they do not hold this node's senders for the next tests.
    await r.close();
  });

  it("never sends words deleted while their delivery waited for a retry", async () => {
    const r = await receiver();
    // The first attempt is held until the post is deleted, then fails: the retry comes after.
    r.answer = (n) => (n === 0 ? "hang" : 200);
    const slug = await newBlog();
    const hook = await register(r.url, { blogs: [slug], events: ["post.published"] });
    const post = await publish(slug, "Name of the minor, since withdrawn");
    await r.waitFor(1);
    expect(r.received[0]?.body).toContain("withdrawn");
    const deleted = await server.api("DELETE", `/api/blogs/${slug}/posts/${post.id}`, {
      token: admin,
    });
    expect(deleted.status).toBe(204);
    r.release(500);
    await r.waitFor(2);
    const [, retried] = r.verified(hook.secret);
    expect(retried?.type).toBe("post.published");
    expect(retried?.data.post).toEqual({ id: post.id });
    expect(r.received[1]?.body).not.toContain("withdrawn");
  });
});

describe("registering an endpoint", () => {
  it("answers a rotated secret once and signs with it from then on", async () => {
    const r = await receiver();
    const slug = await newBlog();
    const hook = await register(r.url, { blogs: [slug], events: ["post.published"] });
    const rotated = await server.api("POST", `/api/webhooks/${hook.id}/rotate-secret`, {
      token: admin,
    });
    expect(rotated.status).toBe(200);
    expect(rotated.json.secret).not.toBe(hook.secret);
    await publish(slug, "Signed anew");
    await r.waitFor(1);
    expect(r.verified(rotated.json.secret)).toHaveLength(1);
    expect(() => r.verified(hook.secret)).toThrow();
  });

  it("audits registering, changing, replacing the secret and removing, and forgets removed endpoints", async () => {
    const r = await receiver();
    const hook = await register(r.url, { events: ["blog.updated"] });
    const changed = await server.api("PATCH", `/api/webhooks/${hook.id}`, {
      token: admin,
      body: { enabled: false, description: "Paused" },
    });
    expect(changed.json).toMatchObject({ enabled: false, description: "Paused", blogs: "all" });
    await server.api("POST", `/api/webhooks/${hook.id}/rotate-secret`, { token: admin });
    const removed = await server.api("DELETE", `/api/webhooks/${hook.id}`, { token: admin });
    expect(removed.status).toBe(204);
    const gone = await server.api("GET", `/api/webhooks/${hook.id}`, { token: admin });
    expect(gone.status).toBe(404);
    expect(gone.json.error.code).toBe("webhook_not_found");
    const log = await server.api("GET", "/api/audit?limit=4", { token: admin });
    expect(log.json.entries.map((e: { action: string }) => e.action)).toEqual([
      "webhook.delete",
      "webhook.rotate",
      "webhook.update",
      "webhook.create",
    ]);
    // Secrets never enter the log.
    expect(JSON.stringify(log.json)).not.toContain("whsec_");
  });

  it("refuses a blog that does not exist, naming it", async () => {
    const answer = await server.api("POST", "/api/webhooks", {
      token: admin,
      body: { url: "https://hooks.invalid/x", blogs: ["no-such-blog"] },
    });
    expect(answer.status).toBe(422);
    expect(answer.json.error).toMatchObject({ code: "validation_failed", field: "blogs[0]" });
  });

  it("refuses what is not an http(s) address, naming the field", async () => {
    for (const url of ["ftp://hooks.example/x", "not a url", "https://user:pw@hooks.example/"]) {
      const answer = await server.api("POST", "/api/webhooks", { token: admin, body: { url } });
      expect(answer.status).toBe(422);
      expect(answer.json.error).toMatchObject({ code: "validation_failed", field: "url" });
    }
  });
});

describe("without FETCH_ALLOW_PRIVATE", () => {
  let guarded: TestServer;
  beforeAll(async () => {
    guarded = await startTestServer();
  });
  afterAll(() => guarded.close());

  it("refuses loopback and private addresses, literal or by name", async () => {
    const token = await guarded.tokenFor("admin");
    for (const url of [
      "http://127.0.0.1:8080/hook",
      "http://[::1]/hook",
      "https://10.1.2.3/hook",
      "http://localhost:9/hook",
      "http://169.254.169.254/latest/meta-data",
    ]) {
      const answer = await guarded.api("POST", "/api/webhooks", { token, body: { url } });
      expect(answer.status, url).toBe(422);
      expect(answer.json.error).toMatchObject({ code: "fetch_refused", field: "url" });
    }
    const listed = await guarded.api("GET", "/api/webhooks", { token });
    expect(listed.json.webhooks).toEqual([]);
  });

  it("sends nothing to an endpoint whose name has come to mean a loopback address", async () => {
    const token = await guarded.tokenFor("admin");
    const r = await receiver();
    // As if the name had resolved to a public address when it was registered: written past
    // the registration check, straight into the store.
    const at = new Date().toISOString();
    await guarded.dispatch.store.insertWebhookEndpoint({
      id: "rebound",
      url: r.url.replace("127.0.0.1", "localhost"),
      description: "",
      blogIds: null,
      events: ["blog.opened"],
      enabled: true,
      secret: "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=",
      createdAt: at,
      updatedAt: at,
    });
    const made = await guarded.api("POST", "/api/blogs", {
      token,
      body: { slug: "rebound", title: "Rebound" },
    });
    expect(made.status).toBe(201);
    const [delivery] = await eventually(
      async () =>
        (await guarded.api("GET", "/api/webhooks/rebound/deliveries", { token })).json.deliveries,
      (list: { attempts: number; lastError: string; lastStatus: number | null }[]) =>
        (list[0]?.attempts ?? 0) >= 1,
    );
    expect(delivery?.lastError).toMatch(/not a public internet address/);
    expect(delivery?.lastStatus).toBeNull();
    expect(r.received).toHaveLength(0);
  });
});
