// Webhooks' part of the Store contract (contract.ts runs it on every backend): news queues a
// delivery for each enabled endpoint that wants it, inside the change's transaction; workers
// claiming at once never get the same delivery; a lease keeps others off until it runs out;
// only the lease holder writes the outcome.

import { describe, expect, it } from "vitest";
import { newId } from "../../src/core/ids.js";
import type { WebhookEndpoint, WebhookNews } from "../../src/core/webhooks.js";
import type { DatabaseStore } from "../../src/store/index.js";

const AT = "2026-12-06T18:00:00.000Z";
const later = (seconds: number) => new Date(Date.parse(AT) + seconds * 1000).toISOString();

function endpoint(overrides: Partial<WebhookEndpoint> = {}): WebhookEndpoint {
  return {
    id: newId(),
    url: "https://hooks.invalid/x",
    description: "",
    blogIds: null,
    events: ["post.published", "post.deleted"],
    enabled: true,
    secret: "whsec_c2VjcmV0",
    createdAt: AT,
    updatedAt: AT,
    ...overrides,
  };
}

const news = (blogId: string, type: WebhookNews["type"] = "post.published"): WebhookNews => ({
  type,
  blogId,
  postId: newId(),
});

export function describeWebhooksContract(store: () => DatabaseStore): void {
  describe("webhooks", () => {
    /** Endpoints made by one test, removed (with their deliveries) at its end. */
    async function withEndpoints(
      made: WebhookEndpoint[],
      work: () => Promise<void>,
    ): Promise<void> {
      for (const e of made) await store().insertWebhookEndpoint(e);
      try {
        await work();
      } finally {
        for (const e of made) await store().deleteWebhookEndpoint(e.id);
      }
    }

    it("queues news for each enabled endpoint that wants its kind and blog, and none when rolled back", async () => {
      const blog = newId();
      const every = endpoint();
      const chosen = endpoint({ blogIds: [blog] });
      const elsewhere = endpoint({ blogIds: [newId()] });
      const off = endpoint({ enabled: false });
      const deletesOnly = endpoint({ events: ["post.deleted"] });
      await withEndpoints([every, chosen, elsewhere, off, deletesOnly], async () => {
        expect(await store().enqueueWebhookNews([news(blog)], AT)).toBe(2);
        await expect(
          store().transaction(async (tx) => {
            await tx.enqueueWebhookNews([news(blog)], AT);
            throw new Error("refused");
          }),
        ).rejects.toThrow("refused");
        const counts = await Promise.all(
          [every, chosen, elsewhere, off, deletesOnly].map(
            async (e) => (await store().listWebhookDeliveries(e.id, { limit: 10 })).length,
          ),
        );
        expect(counts).toEqual([1, 1, 0, 0, 0]);
      });
    });

    it("gives each due delivery to one of many workers claiming at once", async () => {
      const hook = endpoint();
      await withEndpoints([hook], async () => {
        const blog = newId();
        await store().enqueueWebhookNews(
          Array.from({ length: 20 }, () => news(blog)),
          AT,
        );
        const claims = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            store().claimWebhookDeliveries(`worker-${i}`, later(1), later(61), 5),
          ),
        );
        const ids = claims.flat().map((d) => d.id);
        expect(ids).toHaveLength(20);
        expect(new Set(ids).size).toBe(20);
        // Held under their leases: nothing more to take until they run out.
        expect(await store().claimWebhookDeliveries("late", later(30), later(90), 50)).toEqual([]);
        const retaken = await store().claimWebhookDeliveries("heir", later(62), later(122), 50);
        expect(retaken).toHaveLength(20);
      });
    });

    it("lets only the lease holder write the outcome, and leaves a retry alone until it is due", async () => {
      const hook = endpoint();
      await withEndpoints([hook], async () => {
        await store().enqueueWebhookNews([news(newId())], AT);
        const [delivery] = await store().claimWebhookDeliveries("holder", AT, later(60), 1);
        if (!delivery) throw new Error("nothing claimed");
        const outcome = {
          status: "pending" as const,
          attempts: 1,
          nextAttemptAt: later(30),
          firstAttemptAt: AT,
          lastAttemptAt: AT,
          lastStatus: 500,
          lastError: "Answered 500",
          deliveredAt: null,
        };
        expect(await store().finishWebhookAttempt(delivery.id, "someone else", outcome)).toBe(
          false,
        );
        expect(await store().finishWebhookAttempt(delivery.id, "holder", outcome)).toBe(true);
        expect(await store().claimWebhookDeliveries("w", later(10), later(70), 5)).toEqual([]);
        const [due] = await store().claimWebhookDeliveries("w", later(31), later(91), 5);
        expect(due).toMatchObject({ id: delivery.id, attempts: 1, lastStatus: 500 });
      });
    });

    it("skips the endpoints a worker is busy with", async () => {
      const busy = endpoint();
      const free = endpoint();
      await withEndpoints([busy, free], async () => {
        await store().enqueueWebhookNews([news(newId())], AT);
        const claimed = await store().claimWebhookDeliveries("w", AT, later(60), 5, [busy.id]);
        expect(claimed.map((d) => d.endpointId)).toEqual([free.id]);
      });
    });
  });
}
