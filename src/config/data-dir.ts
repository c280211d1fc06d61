// Checks the data dir before anything is opened in it: create it, write a probe file and
// remove it. A data dir that cannot be made or written stops start-up with one line naming
// the setting, rather than failing later deep inside the store or the upload handling.
// Directories are made one level at a time: Node's `mkdir(…, {recursive: true})` spins for
// ever where a parent exists but refuses children with ENOENT (under /proc).

import { randomBytes } from "node:crypto";
import { mkdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { ConfigError } from "./index.js";

const SETTING = "DISPATCH_DATA_DIR (--data-dir)";

export async function ensureDataDir(dataDir: string): Promise<void> {
  try {
    await makeDirectory(path.resolve(dataDir));
  } catch (error) {
    throw new ConfigError(`Invalid setting ${SETTING}: cannot create ${dataDir}: ${reason(error)}`);
  }
  const probe = path.join(dataDir, `.write-probe-${randomBytes(6).toString("hex")}`);
  try {
    await writeFile(probe, "");
  } catch (error) {
    throw new ConfigError(
      `Invalid setting ${SETTING}: cannot write in ${dataDir}: ${reason(error)}`,
    );
  } finally {
    await rm(probe, { force: true }).catch(() => {});
  }
}

/** Makes the missing levels from the nearest existing ancestor down, each exactly once. */
async function makeDirectory(dir: string): Promise<void> {
  const missing: string[] = [];
  let at = dir;
  for (;;) {
    const found = await stat(at).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return null;
      throw error;
    });
    if (found) {
      if (!found.isDirectory())
        throw Object.assign(new Error("not a directory"), { code: "ENOTDIR" });
      break;
    }
    missing.unshift(at);
    const parent = path.dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const level of missing) {
    await mkdir(level).catch((error: NodeJS.ErrnoException) => {
      // Another process (a second node on a shared volume) made it first: fine.
      if (error.code !== "EEXIST") throw error;
    });
  }
}

/** The system's reason in words a person reads (ENOTDIR → "not a directory"), one line. */
function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const words: Record<string, string> = {
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    ENOTDIR: "a file stands where a directory should be",
    EEXIST: "a file stands where a directory should be",
    EROFS: "read-only file system",
    ENOSPC: "no space left on the device",
    ENOENT: "no such file or directory (the system refuses to create it)",
  };
  if (code && words[code]) return `${words[code]} (${code})`;
  return error instanceof Error ? (error.message.split("\n")[0] ?? "unknown error") : String(error);
}
