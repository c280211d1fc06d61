// The publish pattern both systems get, sent from the subscribers' own process so that
// publishing and receiving share one clock: single posts spaced evenly, then a burst of
// concurrent ones. Every request is an HTTP POST over keep-alive connections, opened before the burst.

import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";

export const PLAN = { singles: 50, spacingMs: 200, pauseMs: 1000, burst: 20 } as const;
export const PLAN_EVENTS = PLAN.singles + PLAN.burst;

const agent = new Agent({ keepAlive: true, maxSockets: PLAN.burst + 4 });

export function post(url: string, headers: Record<string, string>, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: "POST", agent, headers: { "content-type": "application/json", ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          if (res.statusCode === 201) resolve(text);
          else reject(new Error(`POST ${url}: ${res.statusCode} ${text.slice(0, 300)}`));
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * Opens a keep-alive connection for every post of the burst (GETs of `url`, answered without
 * publishing anything), as editors' browsers would have theirs open. Without it the burst's
 * posts wait for TCP handshakes in this busy process, behind reading the first posts' events,
 * and the burst measures the client rather than the server.
 */
export async function warmUp(url: string): Promise<void> {
  const get = () =>
    new Promise<void>((resolve, reject) => {
      const req = request(url, { agent }, (res) => {
        res.resume();
        res.on("end", () => resolve());
      });
      req.on("error", reject);
      req.end();
    });
  await Promise.all(Array.from({ length: PLAN.burst }, get));
}

/**
 * Runs the plan; `publish(k)` sends the k-th post; `warm` runs in the pause before the burst. Returns when each publish request was sent
 * (the burst's all share its start) and the answers' bodies, in publish order.
 */
export async function runPlan(
  publish: (k: number) => Promise<string>,
  warm: () => Promise<void>,
): Promise<{ sentAt: number[]; answers: string[] }> {
  const sentAt: number[] = [];
  const answers: string[] = [];
  const start = performance.now();
  for (let k = 0; k < PLAN.singles; k++) {
    const wait = start + k * PLAN.spacingMs - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    sentAt.push(performance.now());
    answers.push(await publish(k));
  }
  await Promise.all([new Promise((resolve) => setTimeout(resolve, PLAN.pauseMs)), warm()]);
  const burstAt = performance.now();
  const burst = Array.from({ length: PLAN.burst }, (_, j) => publish(PLAN.singles + j));
  for (let j = 0; j < PLAN.burst; j++) sentAt.push(burstAt);
  answers.push(...(await Promise.all(burst)));
  return { sentAt, answers };
}

/** Resolves once `done()` holds, or after `timeoutMs` (the report then shows what is missing). */
export async function settle(done: () => boolean, timeoutMs: number): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (!done() && performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
