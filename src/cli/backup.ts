// `dispatch backup FILE` and `dispatch restore FILE`: thin wrappers that find the newsroom's
// data dir and database the way `serve` does and report, in a line or two, what was saved or
// brought back. The work itself is the store's (store/backup/).

import { createRequire } from "node:module";
import type { Config } from "../config/index.js";
import { backupNewsroom } from "../store/backup/backup.js";
import type { Manifest } from "../store/backup/manifest.js";
import { restoreNewsroom } from "../store/backup/restore.js";

// The same relative path from src/cli (run through tsx) and dist/cli (built).
const { version } = createRequire(import.meta.url)("../../package.json") as { version: string };

export async function backupCommand(config: Config, file: string): Promise<number> {
  const {
    file: written,
    bytes,
    manifest,
  } = await backupNewsroom(config, file, {
    dispatchVersion: version,
  });
  console.log(`Backed up to ${written} (${size(bytes)}): ${contents(manifest)}`);
  return 0;
}

export async function restoreCommand(config: Config, file: string): Promise<number> {
  const { manifest, migrated } = await restoreNewsroom(config, file);
  const where = config.databaseUrl
    ? `the database at DATABASE_URL (media in ${config.dataDir})`
    : config.dataDir;
  console.log(
    `Restored the backup of ${manifest.createdAt} (${manifest.store}, Dispatch ${manifest.dispatchVersion}) into ${where}: ${contents(manifest)}`,
  );
  if (migrated.length) console.log(`Applied: ${migrated.join(", ")}`);
  return 0;
}

function contents(manifest: Manifest): string {
  const rows = (table: string) => manifest.tables.find((t) => t.name === table)?.rows ?? 0;
  const parts = [
    `${rows("blogs")} blogs`,
    `${rows("posts")} posts`,
    `${rows("changes")} changes`,
    `${rows("users")} users`,
    `${manifest.media.files} media files (${size(manifest.media.bytes)})`,
  ];
  return `${parts.join(", ")}; schema ${manifest.migrations.at(-1)}`;
}

function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
