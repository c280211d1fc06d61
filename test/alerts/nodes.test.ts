// Key-event alerts from three `dispatch serve` nodes on one PostgreSQL database, each request
// checked by the push-service stand-in (VAPID signature and claims with jose, the payload
// decrypted with http_ece): one key event makes exactly one notification per subscriber with
// the blog's title and the post's permalink; a post that is not a key event notifies nobody;
// marking a post later notifies once, and unmarking and marking it again not at all; a 410
// forgets the subscription; an unsubscribed browser hears nothing more.

import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../helpers/postgres.js";
import { type NodeProcess, removeCompiledCli } from "../helpers/processes.js";
import { type PushService, type Subscriber, startPushService } from "./push-service.js";
import { adminToken, api, cleanups, node, paragraph, pause, runCleanups } from "./support.js";

afterAll(async () => {
  await runCleanups();
  removeCompiledCli();
});

const CONTACT = "mailto:desk@alerts.example";
const PUBLIC_URL = "https://live.alerts.example";
const SUBSCRIBERS = 12;
/** Time for a second sending of anything, were one to come (a worker polls every second). */
const SETTLE_MS = 3000;

/** Edits a post as it stands now (its current version). */
async function patchPost(n: NodeProcess, token: string, id: string, body: object) {
  const current = await api(n, token, "GET", `/api/blogs/storm/posts/${id}`);
  return api(n, token, "PATCH", `/api/blogs/storm/posts/${id}`, {
    ...body,
    version: current.json.version,
  });
}

function countBy(service: PushService, url: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const n of service.notifications) {
    if (n.payload.url === url) counts.set(n.subscriberId, (counts.get(n.subscriberId) ?? 0) + 1);
  }
  return counts;
}

describe("key-event alerts from three nodes on one PostgreSQL database", () => {
  it("notifies each subscriber once per key event, and never otherwise", async () => {
    const push = await startPushService();
    cleanups.push(() => push.close());
    push.expectSubject = CONTACT;
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const env = {
      DATABASE_URL: database.url,
      FETCH_ALLOW_PRIVATE: "1",
      ALERTS_CONTACT: CONTACT,
      PUBLIC_URL,
      NODE_EXTRA_CA_CERTS: push.caFile,
    };
    const token = await adminToken(env);
    const nodes = await Promise.all([node(env), node(env), node(env)]);
    const at = (i: number) => nodes[i % 3] as NodeProcess;
    const made = await api(at(0), token, "POST", "/api/blogs", {
      slug: "storm",
      title: "Storm Ines: live",
    });
    expect(made.status).toBe(201);

    // Every node offers the one key the first of them made and kept.
    const keys = await Promise.all(
      nodes.map((n) => api(n, null, "GET", "/api/blogs/storm/alerts")),
    );
    expect(keys.every((k) => k.status === 200)).toBe(true);
    const publicKey = keys[0]?.json.publicKey as string;
    expect(Buffer.from(publicKey, "base64url")).toHaveLength(65);
    expect(new Set(keys.map((k) => k.json.publicKey))).toEqual(new Set([publicKey]));
    expect(keys[0]?.json.subscribers).toBeUndefined();

    const subscribers: Subscriber[] = Array.from({ length: SUBSCRIBERS }, () => push.subscriber());
    const subscribed = await Promise.all(
      subscribers.map((s, i) =>
        api(at(i), null, "POST", "/api/blogs/storm/alerts/subscriptions", s.json),
      ),
    );
    expect(subscribed.map((r) => r.status)).toEqual(subscribers.map(() => 201));
    const desk = await api(at(1), token, "GET", "/api/blogs/storm/alerts");
    expect(desk.json.subscribers).toBe(SUBSCRIBERS);

    // An ordinary update: nobody is told.
    const plain = await api(at(0), token, "POST", "/api/blogs/storm/posts", {
      blocks: [paragraph("Rain all afternoon")],
    });
    expect(plain.status).toBe(201);
    // The key event, published on another node.
    const key = await api(at(1), token, "POST", "/api/blogs/storm/posts", {
      title: "Evacuation ordered for the river district",
      blocks: [paragraph("Residents have until 6pm to leave.")],
      keyEvent: true,
    });
    expect(key.status).toBe(201);
    const keyUrl = `${PUBLIC_URL}/live/storm/posts/${key.json.id}`;
    await push.waitFor(SUBSCRIBERS, 60_000);
    // An edit of the key event tells nobody again.
    const edited = await patchPost(at(2), token, key.json.id, {
      blocks: [paragraph("Residents have until 7pm to leave.")],
    });
    expect(edited.status).toBe(200);
    await pause(SETTLE_MS);
    expect(push.rejected).toEqual([]);
    expect(push.notifications).toHaveLength(SUBSCRIBERS);
    const counts = countBy(push, keyUrl);
    expect([...counts.keys()].sort()).toEqual(subscribers.map((s) => s.id).sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    for (const n of push.notifications) {
      expect(n.payload).toEqual({
        title: "Storm Ines: live",
        body: "Evacuation ordered for the river district",
        url: keyUrl,
        tag: key.json.id,
      });
      expect(n.vapidKey).toBe(publicKey);
      expect(n.claims.sub).toBe(CONTACT);
      expect(n.headers.urgency).toBe("high");
      expect(Number(n.headers.ttl)).toBeGreaterThan(0);
    }
    expect(push.notifications.some((n) => n.payload.url.endsWith(plain.json.id))).toBe(false);

    // A post marked a key event later tells each subscriber once; unmarked and marked again,
    // never a second time.
    const later = await api(at(2), token, "POST", "/api/blogs/storm/posts", {
      blocks: [paragraph("The bridge on the ring road has closed in both directions.")],
    });
    const laterUrl = `${PUBLIC_URL}/live/storm/posts/${later.json.id}`;
    await pause(SETTLE_MS);
    expect(countBy(push, laterUrl).size).toBe(0);
    const marked = await patchPost(at(0), token, later.json.id, {
      keyEvent: true,
    });
    expect(marked.status).toBe(200);
    await push.waitFor(2 * SUBSCRIBERS, 60_000);
    for (const keyEvent of [false, true]) {
      const patched = await patchPost(at(1), token, later.json.id, {
        keyEvent,
      });
      expect(patched.status).toBe(200);
    }
    await pause(SETTLE_MS);
    const laterCounts = countBy(push, laterUrl);
    expect(laterCounts.size).toBe(SUBSCRIBERS);
    expect([...laterCounts.values()].every((n) => n === 1)).toBe(true);
    // Untitled: the post's first words.
    expect(push.notifications.at(-1)?.payload.body).toBe(
      "The bridge on the ring road has closed in both directions.",
    );

    // A browser the push service says is gone (410) is forgotten; one that unsubscribed is
    // not contacted.
    const [gone, leaving] = subscribers as [Subscriber, Subscriber];
    push.answer = (id) => (id === gone.id ? 410 : 201);
    const left = await api(at(2), null, "DELETE", "/api/blogs/storm/alerts/subscriptions", {
      endpoint: leaving.endpoint,
    });
    expect(left.status).toBe(204);
    // Idempotent: gone already.
    const again = await api(at(0), null, "DELETE", "/api/blogs/storm/alerts/subscriptions", {
      endpoint: leaving.endpoint,
    });
    expect(again.status).toBe(204);
    const requestsBefore = push.requests;
    const third = await api(at(0), token, "POST", "/api/blogs/storm/posts", {
      title: "Dam spillway opened",
      blocks: [paragraph("Water levels downstream will rise overnight.")],
      keyEvent: true,
    });
    const thirdUrl = `${PUBLIC_URL}/live/storm/posts/${third.json.id}`;
    await push.waitFor(3 * SUBSCRIBERS - 2, 60_000);
    await pause(SETTLE_MS);
    const thirdCounts = countBy(push, thirdUrl);
    expect(thirdCounts.size).toBe(SUBSCRIBERS - 2);
    expect(thirdCounts.has(gone.id)).toBe(false);
    expect(thirdCounts.has(leaving.id)).toBe(false);
    // The one asked and refused (410), the others delivered; the unsubscribed never asked.
    expect(push.requests - requestsBefore).toBe(SUBSCRIBERS - 1);
    const count = await api(at(1), token, "GET", "/api/blogs/storm/alerts");
    expect(count.json.subscribers).toBe(SUBSCRIBERS - 2);

    // The next key event does not ask the forgotten browser at all.
    const requestsThen = push.requests;
    await api(at(1), token, "POST", "/api/blogs/storm/posts", {
      title: "Schools closed tomorrow",
      blocks: [paragraph("All schools in the district.")],
      keyEvent: true,
    });
    await push.waitFor(4 * SUBSCRIBERS - 4, 60_000);
    await pause(SETTLE_MS);
    expect(push.requests - requestsThen).toBe(SUBSCRIBERS - 2);
    expect(push.rejected).toEqual([]);
  }, 300_000);
});
