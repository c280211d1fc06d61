// Key-event alerts from one `dispatch serve` on SQLite, against the push-service stand-in:
// what a subscription must be (each bad field named), 429 and 5xx tried again with growing
// waits and given up after a bounded number of tries, a post deleted before its alert is sent
// never sent, and a push address on loopback refused (when subscribing, and when sending to one
// already kept) unless the operator allows private targets.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { MAX_ATTEMPTS } from "../../src/alerts/worker.js";
import { systemClock } from "../../src/core/clock.js";
import { deletePost, publishPost } from "../../src/core/operations/posts.js";
import type { Actor } from "../../src/core/user.js";
import { blockWordsFor } from "../../src/reader/i18n/block-words.js";
import { InProcessBroadcaster } from "../../src/realtime/in-process-broadcaster.js";
import { openStore, SQLITE_FILE_NAME } from "../../src/store/index.js";
import { removeCompiledCli } from "../helpers/processes.js";
import { killHard } from "../reliability/crash-load.js";
import { type Subscriber, startPushService } from "./push-service.js";
import {
  adminToken,
  api,
  cleanups,
  node,
  paragraph,
  pause,
  runCleanups,
  until,
} from "./support.js";

afterAll(async () => {
  await runCleanups();
  removeCompiledCli();
});

const SUBSCRIPTIONS = "/api/blogs/quake/alerts/subscriptions";

describe("key-event alerts from one node on SQLite", () => {
  it("checks subscriptions, retries within bounds, skips deleted posts and refuses loopback", async () => {
    const push = await startPushService();
    cleanups.push(() => push.close());
    push.expectSubject = "mailto:night@alerts.example";
    const dataDir = await mkdtemp(path.join(tmpdir(), "dispatch-alerts-"));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const base = {
      DISPATCH_DATA_DIR: dataDir,
      ALERTS_CONTACT: "mailto:night@alerts.example",
      ALERTS_RETRY_BASE_MS: "150",
      NODE_EXTRA_CA_CERTS: push.caFile,
    };
    const allowed = { ...base, FETCH_ALLOW_PRIVATE: "1" };
    const token = await adminToken(allowed);
    let one = await node(allowed);
    expect(
      (await api(one, token, "POST", "/api/blogs", { slug: "quake", title: "Quake" })).status,
    ).toBe(201);

    // Bad subscriptions, each refused naming its field.
    const good = push.subscriber().json;
    const bad: [unknown, number, string, string?][] = [
      [{ ...good, endpoint: "http://127.0.0.1/push" }, 422, "validation_failed", "endpoint"],
      [{ ...good, endpoint: "not a url" }, 422, "validation_failed", "endpoint"],
      [
        { ...good, keys: { ...good.keys, p256dh: "AAAA" } },
        422,
        "validation_failed",
        "keys.p256dh",
      ],
      [{ ...good, keys: { ...good.keys, auth: "c2hvcnQ" } }, 422, "validation_failed", "keys.auth"],
      [{ endpoint: good.endpoint }, 422, "validation_failed", "keys"],
      [{ ...good, extra: 1 }, 422, "validation_failed", "extra"],
    ];
    for (const [body, status, code, field] of bad) {
      const answer = await api(one, null, "POST", SUBSCRIPTIONS, body);
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect(answer.json.error, JSON.stringify(body)).toMatchObject({ code, field });
    }
    const nowhere = await api(one, null, "POST", "/api/blogs/nowhere/alerts/subscriptions", good);
    expect(nowhere.status).toBe(404);

    // Three browsers: one whose push service is busy for a while (503, then 429), one always
    // failing (500), one fine.
    const [busy, broken, fine] = [push.subscriber(), push.subscriber(), push.subscriber()] as [
      Subscriber,
      Subscriber,
      Subscriber,
    ];
    for (const s of [busy, broken, fine]) {
      expect((await api(one, null, "POST", SUBSCRIPTIONS, s.json)).status).toBe(201);
    }
    // The same browser again renews its keys and stays one subscriber.
    expect((await api(one, null, "POST", SUBSCRIPTIONS, fine.json)).status).toBe(201);
    expect((await api(one, token, "GET", "/api/blogs/quake/alerts")).json.subscribers).toBe(3);
    push.answer = (id) => {
      const n = push.asked.get(id) ?? 0;
      if (id === busy.id) return n === 1 ? 503 : n === 2 ? 429 : 201;
      return id === broken.id ? 500 : 201;
    };
    const key = await api(one, token, "POST", "/api/blogs/quake/posts", {
      title: "Magnitude 6.1 quake felt across the region",
      blocks: [paragraph("No damage reported so far.")],
      keyEvent: true,
    });
    expect(key.status).toBe(201);
    await push.waitFor(2, 30_000);
    await until(() => push.asked.get(broken.id) === MAX_ATTEMPTS, 60_000, "the last try");
    await pause(3000);
    expect(push.rejected).toEqual([]);
    expect(push.notifications.map((n) => n.subscriberId).sort()).toEqual([busy.id, fine.id].sort());
    expect(push.asked.get(busy.id)).toBe(3);
    expect(push.asked.get(fine.id)).toBe(1);
    // Given up after a bounded number of tries; the subscription itself stays.
    expect(push.asked.get(broken.id)).toBe(MAX_ATTEMPTS);
    expect(push.notifications[0]?.payload).toMatchObject({
      title: "Quake",
      body: "Magnitude 6.1 quake felt across the region",
      url: `/live/quake/posts/${key.json.id}`,
    });
    const db = new Database(path.join(dataDir, SQLITE_FILE_NAME), { readonly: true });
    cleanups.push(async () => {
      db.close();
    });
    const queued = () =>
      (db.prepare("select count(*) as n from alert_deliveries").get() as { n: number }).n;
    expect(queued()).toBe(0);
    push.answer = () => 201;

    // A key event deleted before any node sends its alert (all nodes down meanwhile): never sent.
    await killHard(one);
    const store = await openStore({ dataDir });
    const newsroom = {
      store,
      broadcaster: new InProcessBroadcaster(),
      clock: systemClock,
      blockWords: blockWordsFor,
    };
    const admin = await store.findUserByEmail("alerts@nodes.example");
    if (!admin) throw new Error("no admin");
    const actor: Actor = { id: admin.id, name: admin.name, role: admin.role };
    const doomed = await publishPost(newsroom, actor, "quake", {
      title: "Tsunami warning",
      blocks: [paragraph("Issued in error.")],
      keyEvent: true,
    });
    await deletePost(newsroom, actor, "quake", doomed.post.id);
    await store.close();
    const asked = push.requests;
    one = await node(allowed);
    await until(
      () =>
        (
          db.prepare("select count(*) as n from alerts where fanned_out_at is null").get() as {
            n: number;
          }
        ).n === 0,
      20_000,
      "the alert to be fanned out",
    );
    await until(() => queued() === 0, 20_000, "the deliveries to be dropped");
    await pause(1500);
    expect(push.requests).toBe(asked);

    // Without FETCH_ALLOW_PRIVATE a loopback push address is refused when subscribing, and the
    // ones kept before are never contacted.
    await killHard(one);
    const guarded = await node(base);
    const refused = await api(guarded, null, "POST", SUBSCRIPTIONS, push.subscriber().json);
    expect(refused.status).toBe(422);
    expect(refused.json.error).toMatchObject({ code: "fetch_refused", field: "endpoint" });
    const unsent = await api(guarded, token, "POST", "/api/blogs/quake/posts", {
      title: "Aftershock, magnitude 5.2",
      blocks: [paragraph("Felt in the capital.")],
      keyEvent: true,
    });
    expect(unsent.status).toBe(201);
    await until(
      () =>
        (
          db.prepare("select count(*) as n from alerts where fanned_out_at is null").get() as {
            n: number;
          }
        ).n === 0,
      20_000,
      "the alert to be fanned out",
    );
    await until(() => queued() === 0, 20_000, "the refused deliveries to be given up");
    await pause(1500);
    expect(push.requests).toBe(asked);
    expect(push.rejected).toEqual([]);
  }, 300_000);
});
