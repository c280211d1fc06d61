// Real processes for scale-out tests: `dispatch serve` nodes run from today's source, and a private
// Redis server on a free port that a test may kill and restart. Everything listens on
// 127.0.0.1 only and is stopped by the test that started it.

import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { buildSync } from "esbuild";

const ROOT = path.resolve(import.meta.dirname, "../..");

let compiledCli: string | undefined;

/**
 * The CLI compiled from today's source into one file (packages stay in node_modules), as the
 * installed `dispatch` runs compiled code. A node started from it needs about half the CPU of
 * one started through tsx, which counts in tests that restart nodes many times. Built once
 * per test file, under test/.build (inside the package, so packageRoot() still finds it);
 * the file's afterAll removes it (removeCompiledCli).
 */
function compiledCliFile(): string {
  if (compiledCli) return compiledCli;
  const dir = path.join(ROOT, "test", ".build");
  removeAbandonedBuilds(dir);
  const outfile = path.join(dir, `dispatch-${process.pid}.mjs`);
  buildSync({
    entryPoints: [path.join(ROOT, "src", "cli", "bin.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: `node${process.versions.node.split(".")[0]}`,
    packages: "external",
    logLevel: "error",
  });
  compiledCli = outfile;
  return outfile;
}

/**
 * The arguments that run `dispatch` in a child Node process: the compiled CLI (see
 * compiledCliFile), as the installed command runs. Whoever uses it removes the build in its
 * afterAll (removeCompiledCli).
 */
export function dispatchEntry(): string[] {
  return [compiledCliFile()];
}

/** Removes this test file's compiled CLI: for its afterAll, once its nodes have stopped. */
export function removeCompiledCli(): void {
  if (compiledCli) rmSync(compiledCli, { force: true });
  compiledCli = undefined;
}

/**
 * A test process killed before its afterAll (a timeout, Ctrl-C) leaves its build behind:
 * the next build removes it, once no process with its pid is running.
 */
function removeAbandonedBuilds(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return; // No builds yet.
  }
  for (const name of names) {
    const pid = Number(/^dispatch-(\d+)\.mjs$/.exec(name)?.[1]);
    if (!pid || isRunning(pid)) continue;
    rmSync(path.join(dir, name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: running, as someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export interface NodeProcess {
  url: string;
  child: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `dispatch serve` (compiled, see compiledCliFile) and resolves once it prints its
 * address; `startTimeoutMs` is how long it may take (20 s unless told: tests that restart
 * nodes under load give it longer).
 */
export function startNode(
  env: Record<string, string>,
  args: string[] = [],
  options: { startTimeoutMs?: number } = {},
): Promise<NodeProcess> {
  const child = spawn(process.execPath, [...dispatchEntry(), "serve", "--port", "0", ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "silent", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`node did not start:\n${output}`)),
      options.startTimeoutMs ?? 20_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Dispatch listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({
          url: match[1],
          child,
          kill: (signal = "SIGTERM") =>
            new Promise((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done();
              child.once("exit", () => done());
              child.kill(signal);
            }),
        });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`node exited with ${code}:\n${output}`));
    });
  });
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface RedisProcess {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** A private, non-persistent redis-server on its own port. */
export async function startRedis(): Promise<RedisProcess> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      {
        stdio: "ignore",
      },
    );
    for (let i = 0; i < 100; i++) {
      const up = await new Promise<boolean>((resolve) => {
        const socket = net.connect(port, "127.0.0.1", () => {
          socket.destroy();
          resolve(true);
        });
        socket.on("error", () => resolve(false));
      });
      if (up) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("redis-server did not start");
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGKILL");
    });
  await start();
  return { url: `redis://127.0.0.1:${port}`, stop, start };
}

/** Every process below `pid` (children, theirs, …), read from /proc; none once it is gone. */
export function descendants(pid: number): number[] {
  let children: number[];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}
