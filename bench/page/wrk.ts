// Runs wrk (pinned to the load generator's core) and reads its summary: requests per second,
// the p50 and p99 latency, and whatever went wrong.

import { spawnPinned } from "../support/processes.js";

export interface WrkResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Responses outside 2xx/3xx plus socket errors and timeouts. */
  errors: number;
}

const UNITS: Record<string, number> = { us: 0.001, ms: 1, s: 1000 };

export async function wrk(
  core: number | null,
  url: string,
  options: { connections: number; seconds: number; headers?: string[] },
): Promise<WrkResult> {
  const args = ["wrk", "-t1", `-c${options.connections}`, `-d${options.seconds}s`, "--latency"];
  for (const header of options.headers ?? []) args.push("-H", header);
  const child = spawnPinned(core, [...args, url], { stdout: "pipe" });
  let out = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString("utf8");
  });
  // wrk stops by itself after its duration; this only guards against it hanging.
  const guard = setTimeout(() => child.kill("SIGKILL"), (options.seconds + 20) * 1000);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearTimeout(guard);
  if (code !== 0) throw new Error(`wrk exited with ${code}:\n${out}`);
  const number = (pattern: RegExp) => Number(pattern.exec(out)?.[1] ?? "0");
  const latency = (percent: string) => {
    const match = new RegExp(`^\\s+${percent}%\\s+([\\d.]+)(us|ms|s)`, "m").exec(out);
    return match ? Number(match[1]) * UNITS[match[2]!]! : Number.NaN;
  };
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(
    out,
  );
  return {
    requestsPerSecond: number(/Requests\/sec:\s+([\d.]+)/),
    p50Ms: latency("50"),
    p99Ms: latency("99"),
    requests: number(/(\d+) requests in/),
    errors:
      number(/Non-2xx or 3xx responses: (\d+)/) +
      (socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0),
  };
}
