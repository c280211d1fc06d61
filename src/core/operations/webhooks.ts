// Administering webhooks: admins register endpoints (address, blogs, kinds of news), change,
// disable and remove them, replace their signing secret (shown once, like a token), read each
// endpoint's deliveries and send one again. Every change is audited in its transaction. The
// address is checked by `checkAddress`, which the caller supplies (the server refuses
// private and loopback addresses unless the operator allows them).

import { z } from "zod";
import { DomainError } from "../errors.js";
import { newId } from "../ids.js";
import { ensure } from "../permissions.js";
import type { Newsroom, Store } from "../ports.js";
import { text } from "../text.js";
import type { Actor } from "../user.js";
import { parseInput } from "../validation.js";
import {
  newWebhookSecret,
  WEBHOOK_EVENT_TYPES,
  type WebhookDelivery,
  type WebhookEndpoint,
} from "../webhooks.js";
import { commitChanges } from "./commit.js";

/** Refuses (throws a DomainError on `url`) an address the server will not send to. */
export type AddressCheck = (url: string) => Promise<void>;

const WebhookUrl = text()
  .trim()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "https:" || url.protocol === "http:") && !url.username;
    } catch {
      return false;
    }
  }, "Give a full http:// or https:// address, without a user name or password");

const Blogs = z.union([z.literal("all"), z.array(text().min(1).max(200)).min(1).max(500)]);
const Events = z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1, "Choose at least one kind of news");

export const WebhookEndpointInput = z
  .object({
    url: WebhookUrl,
    description: text().trim().max(500).optional(),
    blogs: Blogs.optional(),
    events: Events.optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

export const WebhookEndpointPatch = WebhookEndpointInput.partial().strict();

/** An endpoint with its blogs named by slug ("all": every blog). */
export interface WebhookEndpointView {
  endpoint: WebhookEndpoint;
  blogs: "all" | string[];
}

export async function listWebhookEndpoints(
  newsroom: Newsroom,
  actor: Actor,
): Promise<WebhookEndpointView[]> {
  ensure(actor, "webhook.manage");
  const endpoints = await newsroom.store.listWebhookEndpoints();
  const slugs = await blogSlugs(newsroom.store);
  return endpoints.map((endpoint) => view(endpoint, slugs));
}

export async function getWebhookEndpoint(
  newsroom: Newsroom,
  actor: Actor,
  id: string,
): Promise<WebhookEndpointView> {
  ensure(actor, "webhook.manage");
  const endpoint = await findOrFail(newsroom.store, id);
  return view(endpoint, await blogSlugs(newsroom.store));
}

/** Registers an endpoint; its secret is answered now and never again. */
export async function createWebhookEndpoint(
  newsroom: Newsroom,
  actor: Actor,
  input: unknown,
  checkAddress: AddressCheck,
): Promise<WebhookEndpointView & { secret: string }> {
  ensure(actor, "webhook.manage");
  const data = parseInput(WebhookEndpointInput, input);
  await checkAddress(data.url);
  const blogIds = await resolveBlogs(newsroom.store, data.blogs ?? "all");
  const made = await commitChanges(newsroom, async ({ tx, at, audit }) => {
    const endpoint: WebhookEndpoint = {
      id: newId(Date.parse(at)),
      url: data.url,
      description: data.description ?? "",
      blogIds,
      events: [...new Set(data.events ?? WEBHOOK_EVENT_TYPES)],
      enabled: data.enabled ?? true,
      secret: newWebhookSecret(),
      createdAt: at,
      updatedAt: at,
    };
    await tx.insertWebhookEndpoint(endpoint);
    await audit(actor, "webhook.create", { detail: { webhookId: endpoint.id, url: endpoint.url } });
    return endpoint;
  });
  return { ...view(made, await blogSlugs(newsroom.store)), secret: made.secret };
}

export async function updateWebhookEndpoint(
  newsroom: Newsroom,
  actor: Actor,
  id: string,
  input: unknown,
  checkAddress: AddressCheck,
): Promise<WebhookEndpointView> {
  ensure(actor, "webhook.manage");
  const patch = parseInput(WebhookEndpointPatch, input);
  if (patch.url !== undefined) await checkAddress(patch.url);
  const blogIds =
    patch.blogs === undefined ? undefined : await resolveBlogs(newsroom.store, patch.blogs);
  const changed = await commitChanges(newsroom, async ({ tx, at, audit }) => {
    const current = await findOrFail(tx, id);
    const next: WebhookEndpoint = {
      ...current,
      ...(patch.url !== undefined ? { url: patch.url } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(blogIds !== undefined ? { blogIds } : {}),
      ...(patch.events !== undefined ? { events: [...new Set(patch.events)] } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
      updatedAt: at,
    };
    await tx.updateWebhookEndpoint(next);
    await audit(actor, "webhook.update", {
      detail: { webhookId: id, url: next.url, fields: Object.keys(patch) },
    });
    return next;
  });
  return view(changed, await blogSlugs(newsroom.store));
}

export async function deleteWebhookEndpoint(
  newsroom: Newsroom,
  actor: Actor,
  id: string,
): Promise<void> {
  ensure(actor, "webhook.manage");
  await commitChanges(newsroom, async ({ tx, audit }) => {
    const current = await findOrFail(tx, id);
    await tx.deleteWebhookEndpoint(id);
    await audit(actor, "webhook.delete", { detail: { webhookId: id, url: current.url } });
  });
}

/** Replaces the signing secret: the new one is answered now and never again. */
export async function rotateWebhookSecret(
  newsroom: Newsroom,
  actor: Actor,
  id: string,
): Promise<WebhookEndpointView & { secret: string }> {
  ensure(actor, "webhook.manage");
  const rotated = await commitChanges(newsroom, async ({ tx, at, audit }) => {
    const current = await findOrFail(tx, id);
    const next = { ...current, secret: newWebhookSecret(), updatedAt: at };
    await tx.updateWebhookEndpoint(next);
    await audit(actor, "webhook.rotate", { detail: { webhookId: id, url: next.url } });
    return next;
  });
  return { ...view(rotated, await blogSlugs(newsroom.store)), secret: rotated.secret };
}

export async function listWebhookDeliveries(
  newsroom: Newsroom,
  actor: Actor,
  id: string,
  page: { before?: string; limit: number },
): Promise<WebhookDelivery[]> {
  ensure(actor, "webhook.manage");
  await findOrFail(newsroom.store, id);
  return newsroom.store.listWebhookDeliveries(id, page);
}

/** Queues a delivery again, due now, for a new series of attempts ("Send again"). */
export async function resendWebhookDelivery(
  newsroom: Newsroom,
  actor: Actor,
  id: string,
  deliveryId: string,
): Promise<WebhookDelivery> {
  ensure(actor, "webhook.manage");
  const { store, clock } = newsroom;
  await findOrFail(store, id);
  if (!(await store.resendWebhookDelivery(id, deliveryId, clock.now().toISOString()))) {
    throw new DomainError("delivery_not_found", `No delivery ${deliveryId} for this webhook`);
  }
  return (await store.findWebhookDelivery(id, deliveryId)) as WebhookDelivery;
}

async function findOrFail(store: Store, id: string): Promise<WebhookEndpoint> {
  const endpoint = await store.findWebhookEndpoint(id);
  if (!endpoint) throw new DomainError("webhook_not_found", `No webhook ${id}`);
  return endpoint;
}

async function blogSlugs(store: Store): Promise<Map<string, string>> {
  return new Map((await store.listBlogs()).map((blog) => [blog.id, blog.slug]));
}

async function resolveBlogs(store: Store, blogs: "all" | string[]): Promise<string[] | null> {
  if (blogs === "all") return null;
  const ids: string[] = [];
  for (const [i, slug] of blogs.entries()) {
    const blog = await store.findBlogBySlug(slug);
    if (!blog) {
      throw new DomainError("validation_failed", `There is no blog "${slug}"`, {
        field: `blogs[${i}]`,
      });
    }
    ids.push(blog.id);
  }
  return [...new Set(ids)];
}

function view(endpoint: WebhookEndpoint, slugs: Map<string, string>): WebhookEndpointView {
  return {
    endpoint,
    blogs:
      endpoint.blogIds === null
        ? "all"
        : endpoint.blogIds.flatMap((blogId) => {
            const slug = slugs.get(blogId);
            return slug ? [slug] : [];
          }),
  };
}
