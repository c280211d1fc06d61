// A PostgreSQL server of a test's own, which it may stop and start at will: initdb into a temp
// dir, listening on a free port on 127.0.0.1 only, with trust auth for the `postgres` user.
// PostgreSQL refuses to run as root; when the test runs as root (as CI here does) the server
// runs as the `postgres` system account through runuser, in a dir that account owns.

import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { chown, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { descendants, freePort } from "./processes.js";

const run = promisify(execFile);

/** Where initdb and pg_ctl are; DISPATCH_TEST_PG_BIN names another install. */
const BIN_DIRS = [
  process.env.DISPATCH_TEST_PG_BIN,
  "/usr/lib/postgresql/17/bin",
  "/usr/lib/postgresql/16/bin",
  "/usr/lib/postgresql/15/bin",
].filter((dir): dir is string => Boolean(dir));

export interface PrivatePostgres {
  /** A connection URL for the `postgres` database as the `postgres` user. */
  url: string;
  /** Stops the server; `immediate` is a crash as far as clients can tell (no goodbye). */
  stop(mode?: "immediate" | "fast"): Promise<void>;
  start(): Promise<void>;
  /**
   * Stops every process of the server in its tracks (SIGSTOP) without closing a connection,
   * as a cut network or a hung host looks to clients: connections open, nothing answers.
   */
  freeze(): Promise<void>;
  /** Lets a frozen server carry on (SIGCONT). */
  thaw(): Promise<void>;
  /** Stops it if running and deletes its files. */
  remove(): Promise<void>;
}

/**
 * Why a private server cannot be started here, or null when it can: no PostgreSQL binaries,
 * or running as root without a `postgres` account to run them as.
 */
export async function privatePostgresUnavailable(): Promise<string | null> {
  if (!binDir()) return `no initdb in ${BIN_DIRS.join(", ")} (set DISPATCH_TEST_PG_BIN)`;
  if (process.getuid?.() === 0 && !(await postgresAccount())) {
    return "running as root and there is no postgres account to run PostgreSQL as";
  }
  return null;
}

function binDir(): string | undefined {
  return BIN_DIRS.find((dir) => existsSync(path.join(dir, "initdb")));
}

async function postgresAccount(): Promise<{ uid: number; gid: number } | null> {
  try {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: group } = await run("id", ["-g", "postgres"]);
    return { uid: Number(stdout.trim()), gid: Number(group.trim()) };
  } catch {
    return null;
  }
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir();
  if (!bin) throw new Error("no PostgreSQL binaries (see privatePostgresUnavailable)");
  const dir = await mkdtemp(path.join(tmpdir(), "dispatch-pg-"));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const account = await postgresAccount();
    if (!account) throw new Error("running as root and there is no postgres account");
    await chown(dir, account.uid, account.gid);
  }
  // As root, every server command runs as the postgres account; otherwise as ourselves.
  const pg = (tool: string, args: string[]) =>
    asRoot
      ? run("runuser", ["-u", "postgres", "--", path.join(bin, tool), ...args])
      : run(path.join(bin, tool), args);
  const data = path.join(dir, "data");
  const port = await freePort();
  // fsync off and no sync after initdb: the data is thrown away, and start-up stays quick.
  await pg("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
  const options = [
    `-p ${port}`,
    "-c listen_addresses=127.0.0.1",
    `-c unix_socket_directories=${dir}`,
    "-c fsync=off",
    "-c full_page_writes=off",
  ].join(" ");
  let running = false;
  const start = async () => {
    await pg("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "log"), "-w", "start"]);
    running = true;
  };
  const stop = async (mode: "immediate" | "fast" = "immediate") => {
    if (!running) return;
    await pg("pg_ctl", ["-D", data, "-m", mode, "-w", "stop"]);
    running = false;
  };
  // The postmaster's pid is the first line of postmaster.pid; the backends are its children.
  // Signalled by their ids only: root may signal the postgres account's processes.
  let frozen: number[] = [];
  const signal = (pids: number[], name: NodeJS.Signals) => {
    for (const pid of pids) {
      try {
        process.kill(pid, name);
      } catch {
        // Gone meanwhile.
      }
    }
  };
  const freeze = async () => {
    const postmaster = Number(
      (await readFile(path.join(data, "postmaster.pid"), "utf8")).split("\n")[0],
    );
    frozen = [postmaster, ...descendants(postmaster)];
    signal(frozen, "SIGSTOP");
  };
  const thaw = async () => {
    signal(frozen, "SIGCONT");
    frozen = [];
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop,
    start,
    freeze,
    thaw,
    async remove() {
      await thaw();
      await stop("immediate").catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
