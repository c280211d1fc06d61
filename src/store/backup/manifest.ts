// What a backup says about itself: `manifest.json`, the archive's last entry (checksums are
// taken as the bytes go into the archive, so each file is read once and the manifest can
// only be written after them). A restore checks every entry against it before writing
// anything.

import { z } from "zod";

export const BACKUP_FORMAT = "dispatch-backup";
/** Raised when the archive's layout changes in a way older readers would misread. */
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_NAME = "manifest.json";

/** Archive names a restore accepts; anything else in an archive is refused. */
export const TABLE_ENTRY = /^db\/([a-z][a-z0-9_]*)\.jsonl$/;
/** Media keys as the disk media store writes them: no dot-leading segment, so no `..`. */
export const MEDIA_ENTRY = /^media\/([A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)*)$/;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

const entry = z.object({
  path: z.string(),
  bytes: z.number().int().min(0),
  sha256,
});

const table = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/),
  /** The columns of each row (a JSON array per line), in this order. */
  columns: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/)).min(1),
  rows: z.number().int().min(0),
});

export const Manifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().min(1),
  dispatchVersion: z.string(),
  /** The backend the backup was taken from; a restore may load it into either. */
  store: z.enum(["sqlite", "postgres"]),
  /** Every migration applied to the database, oldest first; the last is its schema version. */
  migrations: z.array(z.string()).min(1),
  createdAt: z.string(),
  /** Tables in the order they are loaded (a table after those it refers to). */
  tables: z.array(table),
  media: z.object({ files: z.number().int().min(0), bytes: z.number().int().min(0) }),
  /** Every other entry of the archive, with its size and SHA-256. */
  entries: z.array(entry),
});
export type Manifest = z.infer<typeof Manifest>;
export type ManifestTable = Manifest["tables"][number];

export const tableEntryName = (table: string) => `db/${table}.jsonl`;
