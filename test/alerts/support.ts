// Shared plumbing for the alert tests: `dispatch serve` nodes trusting the push-service
// stand-in's certificate, an admin token made through the store, JSON calls and waiting.

import { systemClock } from "../../src/core/clock.js";
import { addUser, createToken } from "../../src/core/operations/users.js";
import { openStore } from "../../src/store/index.js";
import { type NodeProcess, startNode } from "../helpers/processes.js";
import { killHard } from "../reliability/crash-load.js";

export const cleanups: (() => Promise<void>)[] = [];

export async function runCleanups(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
}

export async function adminToken(env: Record<string, string>): Promise<string> {
  const store = await openStore({
    dataDir: env.DISPATCH_DATA_DIR ?? ".",
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
  });
  await store.migrate();
  const newsroom = { store, clock: systemClock };
  await addUser(newsroom, { email: "alerts@nodes.example", role: "admin", name: "Alerts" });
  const { token } = await createToken(newsroom, "alerts@nodes.example");
  await store.close();
  return token;
}

export async function api(
  node: NodeProcess,
  token: string | null,
  method: string,
  route: string,
  body?: unknown,
) {
  const response = await fetch(`${node.url}${route}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: tests assert on arbitrary JSON answers
  const json: any = text ? JSON.parse(text) : null;
  return { status: response.status, json };
}

export async function node(env: Record<string, string>): Promise<NodeProcess> {
  const started = await startNode(env, [], { startTimeoutMs: 90_000 });
  cleanups.push(() => killHard(started));
  return started;
}

export async function until(
  check: () => boolean | Promise<boolean>,
  ms: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const paragraph = (text: string) => ({ type: "paragraph", text });
