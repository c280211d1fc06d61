// Reads a backup archive end to end and checks it against its manifest before a restore
// writes anything: every entry named, sized and hashed as the manifest says, nothing more and
// nothing less, names that cannot reach outside the data dir, a format this Dispatch reads.

import { stat } from "node:fs/promises";
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  MANIFEST_NAME,
  Manifest,
  MEDIA_ENTRY,
  TABLE_ENTRY,
  tableEntryName,
} from "./manifest.js";
import { BackupError } from "./snapshot.js";
import { type ArchiveEntry, ArchiveError, hashEntry, listArchive, readEntryText } from "./tar.js";

export interface VerifiedBackup {
  file: string;
  manifest: Manifest;
  /** Every entry but the manifest, by name. */
  entries: Map<string, ArchiveEntry>;
}

export async function verifyBackup(file: string): Promise<VerifiedBackup> {
  const damaged = (why: string) =>
    new BackupError(`The backup ${file} is damaged: ${why}; nothing was restored`);
  if (!(await stat(file).catch(() => null))?.isFile()) {
    throw new BackupError(`There is no backup file at ${file}`);
  }
  let listing: ArchiveEntry[];
  try {
    listing = await listArchive(file);
  } catch (error) {
    if (error instanceof ArchiveError) throw damaged(error.message.replace(/^The archive is /, ""));
    throw error;
  }
  const last = listing.at(-1);
  if (last?.name !== MANIFEST_NAME)
    throw damaged("its manifest is missing (not a Dispatch backup?)");
  let manifest: Manifest;
  try {
    const raw = JSON.parse(await readEntryText(file, last)) as {
      format?: unknown;
      formatVersion?: unknown;
    };
    if (raw.format === BACKUP_FORMAT && Number(raw.formatVersion) > BACKUP_FORMAT_VERSION) {
      throw new BackupError(
        `The backup ${file} is in format ${raw.formatVersion}, newer than this Dispatch reads (${BACKUP_FORMAT_VERSION}): restore it with a newer Dispatch`,
      );
    }
    manifest = Manifest.parse(raw);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw damaged("its manifest is unreadable");
  }

  const entries = new Map<string, ArchiveEntry>();
  for (const entry of listing.slice(0, -1)) {
    if (entries.has(entry.name)) throw damaged(`${entry.name} appears twice`);
    if (!TABLE_ENTRY.test(entry.name) && !MEDIA_ENTRY.test(entry.name)) {
      throw damaged(`it holds ${entry.name}, which a backup never holds`);
    }
    entries.set(entry.name, entry);
  }
  const listed = new Set(manifest.entries.map((e) => e.path));
  for (const name of entries.keys()) {
    if (!listed.has(name)) throw damaged(`${name} is not in its manifest`);
  }
  for (const table of manifest.tables) {
    if (!listed.has(tableEntryName(table.name)))
      throw damaged(`table ${table.name} has no rows file`);
  }
  for (const expected of manifest.entries) {
    const entry = entries.get(expected.path);
    if (!entry) throw damaged(`${expected.path} is missing`);
    if (entry.bytes !== expected.bytes) {
      throw damaged(`${expected.path} is ${entry.bytes} bytes, not the ${expected.bytes} recorded`);
    }
    if ((await hashEntry(file, entry)) !== expected.sha256) {
      throw damaged(`${expected.path} does not match its checksum`);
    }
  }
  return { file, manifest, entries };
}
