// `dispatch backup FILE`: the newsroom's database and uploaded media in one archive, taken
// while the server runs and publishes. The database is read from one snapshot (snapshot.ts);
// media are copied after it, so every image a backed-up post uses is in the archive (an
// upload's files are on disk before its row is written, and media are never changed in
// place). An image uploaded during the backup may ride along unused: harmless.
//
// Rows go out as JSON Lines, one array per row, in the portable types both backends share:
// the same archive restores into SQLite or PostgreSQL, with no pg_dump of a matching major
// version needed on the machine that takes or restores it.

import { createReadStream } from "node:fs";
import { link, mkdtemp, open, readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { SQLITE_FILE_NAME } from "../index.js";
import { MIGRATION_NAMES } from "../migrations/index.js";
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  MANIFEST_NAME,
  type Manifest,
  type ManifestTable,
  MEDIA_ENTRY,
  tableEntryName,
} from "./manifest.js";
import {
  BackupError,
  type DatabaseSnapshot,
  type SnapshotTable,
  takePostgresSnapshot,
  takeSqliteSnapshot,
} from "./snapshot.js";
import { TarWriter, type WrittenEntry } from "./tar.js";

export { BackupError } from "./snapshot.js";

/** Where a newsroom keeps its things: the data dir (SQLite file, media) and DATABASE_URL. */
export interface NewsroomLocation {
  dataDir: string;
  databaseUrl?: string | undefined;
}

export interface BackupSummary {
  file: string;
  bytes: number;
  manifest: Manifest;
}

export async function backupNewsroom(
  from: NewsroomLocation,
  file: string,
  options: { dispatchVersion: string },
): Promise<BackupSummary> {
  const target = path.resolve(file);
  if (await exists(target)) {
    throw new BackupError(
      `${file} already exists: give the backup a new name (a backup never overwrites a file)`,
    );
  }
  const workDir = await mkdtemp(path.join(path.dirname(target), ".dispatch-backup-")).catch(
    (error: NodeJS.ErrnoException) => {
      throw new BackupError(`Cannot write beside ${file}: ${error.code ?? error.message}`);
    },
  );
  let writer: TarWriter | undefined;
  try {
    const snapshot = from.databaseUrl
      ? await takePostgresSnapshot(from.databaseUrl)
      : takeSqliteSnapshot(path.join(from.dataDir, SQLITE_FILE_NAME), workDir);
    const createdAt = new Date().toISOString();
    const archive = path.join(workDir, "backup.tar");
    writer = await TarWriter.create(archive);
    const entries: WrittenEntry[] = [];
    let tables: ManifestTable[];
    try {
      const unknown = snapshot.migrations.find((name) => !MIGRATION_NAMES.includes(name));
      if (unknown) {
        throw new BackupError(
          `The database has migration ${unknown}, unknown to this Dispatch: back it up with the newer version that applied it`,
        );
      }
      tables = await writeTables(snapshot, writer, workDir, entries);
    } finally {
      await snapshot.close();
      await rm(path.join(workDir, "snapshot.sqlite"), { force: true });
    }
    const media = await writeMedia(path.join(from.dataDir, "media"), writer, entries);
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      dispatchVersion: options.dispatchVersion,
      store: snapshot.store,
      migrations: snapshot.migrations,
      createdAt,
      tables,
      media,
      entries: entries.map((e) => ({ path: e.name, bytes: e.bytes, sha256: e.sha256 })),
    };
    const text = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    await writer.add(MANIFEST_NAME, text.length, Readable.from([text]));
    await writer.finish();
    writer = undefined;
    // link, not rename: it refuses to replace a file someone made under that name meanwhile.
    await link(archive, target).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "EEXIST")
        throw new BackupError(`${file} appeared while the backup ran: not overwritten`);
      throw error;
    });
    return { file: target, bytes: (await stat(target)).size, manifest };
  } finally {
    await writer?.abandon();
    await rm(workDir, { recursive: true, force: true });
  }
}

async function writeTables(
  snapshot: DatabaseSnapshot,
  writer: TarWriter,
  workDir: string,
  entries: WrittenEntry[],
): Promise<ManifestTable[]> {
  const tables: ManifestTable[] = [];
  for (const table of snapshot.tables) {
    // Staged in a file first: an archive header states the size before the bytes.
    const staged = path.join(workDir, `${table.name}.jsonl`);
    const rows = await stageRows(table, staged);
    const { size } = await stat(staged);
    entries.push(await writer.add(tableEntryName(table.name), size, createReadStream(staged)));
    await rm(staged);
    tables.push({ name: table.name, columns: table.columns, rows });
  }
  return tables;
}

async function stageRows(table: SnapshotTable, file: string): Promise<number> {
  const handle = await open(file, "wx");
  let rows = 0;
  try {
    for await (const batch of table.batches()) {
      rows += batch.length;
      await handle.write(`${batch.map((row) => JSON.stringify(row)).join("\n")}\n`);
    }
  } finally {
    await handle.close();
  }
  return rows;
}

async function writeMedia(
  mediaDir: string,
  writer: TarWriter,
  entries: WrittenEntry[],
): Promise<Manifest["media"]> {
  const media = { files: 0, bytes: 0 };
  for (const key of await mediaKeys(mediaDir)) {
    const file = path.join(mediaDir, key);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) continue; // gone since it was listed: no longer the newsroom's
    entries.push(await writer.add(`media/${key}`, info.size, createReadStream(file)));
    media.files += 1;
    media.bytes += info.size;
  }
  return media;
}

/** The media files' keys (paths under media/), sorted; uploads' temp files left out. */
async function mediaKeys(mediaDir: string): Promise<string[]> {
  const found = await readdir(mediaDir, { recursive: true, withFileTypes: true }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return [];
      throw error;
    },
  );
  return found
    .filter((entry) => entry.isFile())
    .map((entry) =>
      path.relative(mediaDir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"),
    )
    .filter((key) => MEDIA_ENTRY.test(`media/${key}`))
    .sort();
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
