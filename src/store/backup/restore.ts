// `dispatch restore FILE`: a backup into an empty data dir, and an empty database when
// DATABASE_URL is set. Every entry is checked against the manifest before anything is
// written, and checked again as it is written (the file could change in between). The schema
// is rebuilt by the migrations up to the backup's own version, the rows loaded in one
// transaction, then any newer migrations applied, so an older backup comes back as a store
// `dispatch serve` opens. A restore never overwrites: a target holding anything is refused,
// and a failed restore takes away what it made.

import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { pipeline } from "node:stream/promises";
import { type Kysely, sql } from "kysely";
import { type DatabaseStore, openStore, SQLITE_FILE_NAME } from "../index.js";
import { MIGRATION_NAMES } from "../migrations/index.js";
import type { Database } from "../schema.js";
import type { NewsroomLocation } from "./backup.js";
import { type Manifest, type ManifestTable, tableEntryName } from "./manifest.js";
import { BackupError, type Row } from "./snapshot.js";
import { type ArchiveEntry, readEntry } from "./tar.js";
import { type VerifiedBackup, verifyBackup } from "./verify.js";

export interface RestoreSummary {
  manifest: Manifest;
  /** Migrations applied after loading, for a backup older than this Dispatch. */
  migrated: string[];
}

/** Entries a data dir may hold and still count as empty: a fresh volume's lost+found. */
const IGNORED_IN_EMPTY_DIR = new Set(["lost+found"]);
/** Bound parameters per INSERT, under SQLite's limit (32,766) and PostgreSQL's (65,535). */
const PARAMETERS_PER_INSERT = 20_000;

export async function restoreNewsroom(
  into: NewsroomLocation,
  file: string,
): Promise<RestoreSummary> {
  const backup = await verifyBackup(file);
  const { manifest } = backup;
  manifest.migrations.forEach((name, i) => {
    if (MIGRATION_NAMES[i] !== name) {
      throw new BackupError(
        `The backup was made by a newer Dispatch (its migration ${name} is unknown here): restore it with that version or newer`,
      );
    }
  });
  await refuseUnlessEmptyDir(into.dataDir);
  await mkdir(into.dataDir, { recursive: true });
  const staging = await mkdtemp(path.join(into.dataDir, ".restore-"));
  let store: DatabaseStore | undefined;
  let madeTables = false;
  try {
    store = await openStore({ databaseUrl: into.databaseUrl, dataDir: staging });
    const present = await store.tableNames();
    if (present.length) {
      throw new BackupError(
        `Refusing to restore into the database at DATABASE_URL: it is not empty (it holds ${listed(present)}). Restore into a new, empty database; a restore never overwrites`,
      );
    }
    madeTables = true;
    await store.migrateTo(manifest.migrations.at(-1) as string);
    await store.loadRows(async (db) => {
      for (const table of manifest.tables) await loadTable(db, backup, table);
    });
    const migrated = await store.migrate();
    await store.close();
    store = undefined;
    await extractMedia(backup, path.join(staging, "media"));
    if (!into.databaseUrl)
      await rename(path.join(staging, SQLITE_FILE_NAME), path.join(into.dataDir, SQLITE_FILE_NAME));
    if (manifest.media.files)
      await rename(path.join(staging, "media"), path.join(into.dataDir, "media"));
    return { manifest, migrated };
  } catch (error) {
    if (into.databaseUrl && madeTables) await dropEverything(into);
    throw error;
  } finally {
    await store?.close().catch(() => {});
    await rm(staging, { recursive: true, force: true });
  }
}

async function refuseUnlessEmptyDir(dataDir: string): Promise<void> {
  const held = (await readdir(dataDir).catch(() => [] as string[])).filter(
    (name) => !IGNORED_IN_EMPTY_DIR.has(name),
  );
  if (held.length) {
    throw new BackupError(
      `Refusing to restore into ${dataDir}: the data dir is not empty (it holds ${listed(held)}). Restore into a new or empty data dir; a restore never overwrites`,
    );
  }
}

async function loadTable(
  db: Kysely<Database>,
  backup: VerifiedBackup,
  table: ManifestTable,
): Promise<void> {
  const name = tableEntryName(table.name);
  const entry = backup.entries.get(name) as ArchiveEntry;
  const expected = backup.manifest.entries.find((e) => e.path === name);
  const stream = readEntry(backup.file, entry);
  const hash = createHash("sha256");
  stream.on("data", (chunk) => hash.update(chunk as Buffer));
  const perInsert = Math.max(1, Math.floor(PARAMETERS_PER_INSERT / table.columns.length));
  const columns = sql.join(table.columns.map((column) => sql.ref(column)));
  let batch: Row[] = [];
  let rows = 0;
  const insert = async () => {
    if (!batch.length) return;
    const values = sql.join(batch.map((row) => sql`(${sql.join(row)})`));
    await sql`insert into ${sql.table(table.name)} (${columns}) values ${values}`.execute(db);
    batch = [];
  };
  for await (const line of createInterface({
    input: stream,
    crlfDelay: Number.POSITIVE_INFINITY,
  })) {
    if (!line) continue;
    batch.push(parseRow(line, table, rows + 1));
    rows += 1;
    if (batch.length === perInsert) await insert();
  }
  await insert();
  // Checked again as loaded: the archive could have changed since it was verified.
  if (hash.digest("hex") !== expected?.sha256 || rows !== table.rows) {
    throw new BackupError(`${name} changed while it was being restored; nothing was restored`);
  }
}

function parseRow(line: string, table: ManifestTable, number: number): Row {
  let row: unknown;
  try {
    row = JSON.parse(line);
  } catch {
    row = undefined;
  }
  const fits =
    Array.isArray(row) &&
    row.length === table.columns.length &&
    row.every((v) => v === null || typeof v === "string" || Number.isSafeInteger(v));
  if (!fits) throw new BackupError(`Row ${number} of table ${table.name} is not readable`);
  return row as Row;
}

async function extractMedia(backup: VerifiedBackup, mediaDir: string): Promise<void> {
  for (const item of backup.manifest.entries) {
    if (!item.path.startsWith("media/")) continue;
    const target = path.join(mediaDir, ...item.path.slice("media/".length).split("/"));
    await mkdir(path.dirname(target), { recursive: true });
    const hash = createHash("sha256");
    const source = readEntry(backup.file, backup.entries.get(item.path) as ArchiveEntry);
    source.on("data", (chunk) => hash.update(chunk as Buffer));
    await pipeline(source, createWriteStream(target, { flags: "wx" }));
    if (hash.digest("hex") !== item.sha256) {
      throw new BackupError(
        `${item.path} changed while it was being restored; nothing was restored`,
      );
    }
  }
}

/** Takes away the tables a failed restore made, leaving the database empty as it was found. */
async function dropEverything(into: NewsroomLocation): Promise<void> {
  const store = await openStore({ databaseUrl: into.databaseUrl, dataDir: into.dataDir });
  try {
    const tables = await store.tableNames();
    await store.loadRows(async (db) => {
      for (const table of tables)
        await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
    });
  } finally {
    await store.close();
  }
}

function listed(names: string[]): string {
  const shown = names.slice(0, 4).join(", ");
  return names.length > 4 ? `${shown} and ${names.length - 4} more` : shown;
}
