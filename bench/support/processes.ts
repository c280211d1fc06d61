// Child processes for benchmarks: each is pinned to one core (taskset, when present) with its
// open-files limit raised to the hard limit (prlimit, when present), spoken to over IPC, and
// killed by pid when the benchmark exits, however it exits.

import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { buildSync } from "esbuild";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");

export interface IpcMessage {
  type: string;
  [key: string]: unknown;
}

export interface Child {
  readonly pid: number;
  send(message: IpcMessage): void;
  /** The next message of `type` from the child; rejects after `timeoutMs` or if it exits. */
  next<T extends IpcMessage>(type: string, timeoutMs: number): Promise<T>;
  /** Sends `message` and waits for the answer of the same type. */
  ask<T extends IpcMessage>(message: IpcMessage, timeoutMs?: number): Promise<T>;
  /** Asks the child to exit, then kills it if it has not within a few seconds. */
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
/** The children's compiled files of this run (see compileScript), removed when it ends. */
const compiled = new Set<string>();
const killAll = () => {
  for (const child of live) if (child.pid) process.kill(child.pid, "SIGKILL");
  live.clear();
  for (const file of compiled) rmSync(file, { force: true });
  compiled.clear();
};
process.on("exit", killAll);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

export const has = (tool: string) => {
  try {
    execFileSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};
export const HAS_TASKSET = has("taskset");
const HAS_PRLIMIT = has("prlimit");

/** The hard limit on open files, which an unprivileged process may raise its soft limit to. */
function hardNofile(): string | null {
  const line = readFileSync("/proc/self/limits", "utf8")
    .split("\n")
    .find((l) => l.startsWith("Max open files"));
  return line?.trim().split(/\s+/)[4] ?? null;
}

/** argv for `command` pinned to `core`, with as many open files as the machine allows. */
export function pinned(core: number | null, command: string[]): string[] {
  const prefix: string[] = [];
  const hard = hardNofile();
  if (HAS_PRLIMIT && hard && hard !== "unlimited") prefix.push("prlimit", `--nofile=${hard}`, "--");
  if (HAS_TASKSET && core !== null) prefix.push("taskset", "-c", String(core));
  return [...prefix, ...command];
}

/** Starts any command pinned to `core`; it is killed when the benchmark exits. */
export function spawnPinned(
  core: number | null,
  command: string[],
  options: { ipc?: boolean; env?: NodeJS.ProcessEnv; stdout?: "inherit" | "ignore" | "pipe" } = {},
): ChildProcess {
  const [file, ...args] = pinned(core, command);
  const child = spawn(file!, args, {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: [
      "ignore",
      options.stdout ?? "inherit",
      "inherit",
      ...(options.ipc ? ["ipc" as const] : []),
    ],
  });
  live.add(child);
  child.once("exit", () => live.delete(child));
  return child;
}

/**
 * Where children's compiled code goes: two folders below the root, as bench/<group>/ is, so
 * paths the modules find from their own location (the package root, bench/results) still hold.
 */
const BUILD_DIR = path.join(ROOT, "bench", ".build");

/**
 * A TypeScript module of bench/ (and the source it imports) compiled into one plain
 * JavaScript file, as `dispatch serve` runs compiled code. Running it through tsx instead
 * would keep tsx's loader thread in the measured process: it wakes on the server's own
 * work (some ten cross-thread messages per publish) and cost Dispatch about 0.6 ms of CPU
 * per publish that no production server spends. Packages stay in node_modules.
 */
export function compileScript(script: string): string {
  // Named for this run too, so two benchmarks started together never rewrite each other's.
  const name = `${script.replace(/[/\\]/g, "-").replace(/\.ts$/, "")}-${process.pid}.mjs`;
  const outfile = path.join(BUILD_DIR, name);
  compiled.add(outfile);
  buildSync({
    entryPoints: [path.join(ROOT, "bench", script)],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: `node${process.versions.node.split(".")[0]}`,
    packages: "external",
    logLevel: "error",
  });
  return outfile;
}

/** Runs a TypeScript module of bench/, compiled (see compileScript), in its own Node process. */
export function spawnScript(
  script: string,
  options: { core: number | null; args?: string[]; nodeArgs?: string[]; env?: NodeJS.ProcessEnv },
): Child {
  const child = spawnPinned(
    options.core,
    [process.execPath, ...(options.nodeArgs ?? []), compileScript(script), ...(options.args ?? [])],
    { ipc: true, ...(options.env ? { env: options.env } : {}) },
  );
  const inbox: IpcMessage[] = [];
  const waiters = new Set<() => void>();
  let exited: string | null = null;
  child.on("message", (message) => {
    inbox.push(message as IpcMessage);
    for (const wake of waiters) wake();
  });
  child.once("exit", (code, signal) => {
    exited = `${script} exited (${signal ?? code})`;
    for (const wake of waiters) wake();
  });

  const next = <T extends IpcMessage>(type: string, timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const at = inbox.findIndex((m) => m.type === type || m.type === "error");
        if (at >= 0) {
          const [message] = inbox.splice(at, 1);
          done();
          if (message!.type === "error")
            reject(new Error(`${script}: ${String(message!.message)}`));
          else resolve(message as T);
        } else if (exited) {
          done();
          reject(new Error(`${exited} while we waited for "${type}"`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${script}: no "${type}" within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });

  return {
    pid: child.pid!,
    send: (message) => {
      child.send(message);
    },
    next,
    ask(message, timeoutMs = 30_000) {
      child.send(message);
      return next(message.type, timeoutMs);
    },
    async stop() {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      if (child.connected) child.send({ type: "stop" });
      const kill = setTimeout(() => child.kill("SIGKILL"), 5000);
      await gone;
      clearTimeout(kill);
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
