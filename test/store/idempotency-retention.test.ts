// Idempotency keys are remembered for IDEMPOTENCY_RETENTION_DAYS, then forgotten: on a real
// SQLite store, with the newsroom's clock moved forward.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBlog } from "../../src/core/operations/blogs.js";
import {
  forgetOldIdempotencyKeys,
  IDEMPOTENCY_RETENTION_DAYS,
  publishPost,
} from "../../src/core/operations/posts.js";
import { addUser } from "../../src/core/operations/users.js";
import type { Newsroom } from "../../src/core/ports.js";
import { setPasswordCostForTests } from "../../src/core/secrets.js";
import type { Actor } from "../../src/core/user.js";
import { blockWordsFor } from "../../src/reader/i18n/block-words.js";
import { InProcessBroadcaster } from "../../src/realtime/in-process-broadcaster.js";
import { TEST_PASSWORD_COST } from "../helpers/server.js";
import { type TempStore, tempSqliteStore } from "../helpers/temp-store.js";

// Users made here are hashed as cheaply as the test server's (helpers/server.ts says why).
setPasswordCostForTests(TEST_PASSWORD_COST);

const DAY_MS = 24 * 3600 * 1000;
let temp: TempStore;
let newsroom: Newsroom;
let now: number;
let actor: Actor;

beforeEach(async () => {
  temp = await tempSqliteStore("dispatch-keys-");
  now = Date.parse("2026-05-01T08:00:00.000Z");
  newsroom = {
    store: temp.store,
    broadcaster: new InProcessBroadcaster(),
    clock: { now: () => new Date(now) },
    blockWords: blockWordsFor,
  };
  const { user } = await addUser(newsroom, {
    email: "field@keys.example",
    role: "editor",
    name: "Field Desk",
  });
  actor = { id: user.id, name: user.name, role: user.role };
  await createBlog(newsroom, actor, { slug: "keys", title: "Keys" });
});

afterEach(() => temp.remove());

const post = { blocks: [{ type: "paragraph", text: "Sent from the field" }] };

describe("idempotency keys over time", () => {
  it("still recognise a retry just inside the retention", async () => {
    const first = await publishPost(newsroom, actor, "keys", post, { idempotencyKey: "k-1" });
    now += (IDEMPOTENCY_RETENTION_DAYS - 1) * DAY_MS;
    expect(await forgetOldIdempotencyKeys(newsroom)).toBe(0);
    const retry = await publishPost(newsroom, actor, "keys", post, { idempotencyKey: "k-1" });
    expect(retry.replayed).toBe(true);
    expect(retry.post.id).toBe(first.post.id);
  });

  it("are forgotten after the retention, so the key makes a new post", async () => {
    const first = await publishPost(newsroom, actor, "keys", post, { idempotencyKey: "k-2" });
    now += (IDEMPOTENCY_RETENTION_DAYS + 1) * DAY_MS;
    expect(await forgetOldIdempotencyKeys(newsroom)).toBe(1);
    const later = await publishPost(newsroom, actor, "keys", post, { idempotencyKey: "k-2" });
    expect(later.replayed).toBe(false);
    expect(later.post.id).not.toBe(first.post.id);
  });

  it("are forgotten after the retention even before the sweep has run", async () => {
    const first = await publishPost(newsroom, actor, "keys", post, { idempotencyKey: "k-3" });
    now += (IDEMPOTENCY_RETENTION_DAYS + 1) * DAY_MS;
    const later = await publishPost(newsroom, actor, "keys", post, { idempotencyKey: "k-3" });
    expect(later.replayed).toBe(false);
    expect(later.post.id).not.toBe(first.post.id);
    // The key now stands for the new post: a retry of it is recognised again.
    const retry = await publishPost(newsroom, actor, "keys", post, { idempotencyKey: "k-3" });
    expect(retry.replayed).toBe(true);
    expect(retry.post.id).toBe(later.post.id);
    expect(await forgetOldIdempotencyKeys(newsroom)).toBe(0);
  });
});
