// A consistent, online view of a newsroom's database, read table by table for a backup while
// the server keeps publishing. Every table is read from one moment: a post, its change-log
// entries and the blog's sequence are either all in the backup or all not.
//
// SQLite: `VACUUM INTO` copies the live file inside one read transaction (in WAL mode that
// blocks no writer and never restarts, unlike the step-wise backup API under a steady stream
// of publishes), then the rows are read from the private copy at leisure.
// PostgreSQL: one REPEATABLE READ, READ ONLY transaction (the snapshot pg_dump itself takes),
// rows streamed through a cursor so a large table is never held whole.

import { existsSync } from "node:fs";
import path from "node:path";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { withDefaultUser } from "../postgres/open.js";

export type Row = (string | number | null)[];

export interface SnapshotTable {
  name: string;
  columns: string[];
  /** The rows in primary-key order, a batch at a time. */
  batches(): AsyncIterable<Row[]>;
}

export interface DatabaseSnapshot {
  store: "sqlite" | "postgres";
  /** Applied migrations, oldest first. */
  migrations: string[];
  /** Tables in load order: each after those it refers to. */
  tables: SnapshotTable[];
  close(): Promise<void>;
}

export class BackupError extends Error {}

const BATCH = 500;

/** A snapshot of the SQLite database `file`, copied into `workDir`. */
export function takeSqliteSnapshot(file: string, workDir: string): DatabaseSnapshot {
  if (!existsSync(file)) throw new BackupError(`There is no Dispatch database at ${file}`);
  const copyFile = path.join(workDir, "snapshot.sqlite");
  const live = new Sqlite(file, { fileMustExist: true });
  try {
    live.pragma("busy_timeout = 5000");
    live.prepare("vacuum into ?").run(copyFile);
  } finally {
    live.close();
  }
  const copy = new Sqlite(copyFile);
  try {
    const names = (
      copy
        .prepare(
          // Plain tables only: a full-text index (a virtual table and its shadow tables) is
          // rebuilt by the triggers as a restore loads the posts.
          `select name from pragma_table_list where schema = 'main' and type = 'table'
           and name not like 'sqlite\\_%' escape '\\' and name not like 'kysely\\_%' escape '\\'`,
        )
        .all() as { name: string }[]
    ).map((row) => row.name);
    const references: [string, string][] = [];
    const tables = names.map((name): SnapshotTable => {
      const info = copy.pragma(`table_info(${quote(name)})`) as { name: string; pk: number }[];
      for (const ref of copy
        .prepare('select "table" as target from pragma_foreign_key_list(?)')
        .all(name) as { target: string }[]) {
        references.push([name, ref.target]);
      }
      const columns = info.map((column) => column.name);
      const key = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
      const order = (key.length ? key.map((c) => c.name) : columns).map(quote).join(", ");
      const select = `select ${columns.map(quote).join(", ")} from ${quote(name)} order by ${order}`;
      return {
        name,
        columns,
        async *batches() {
          let batch: Row[] = [];
          for (const row of copy.prepare(select).raw(true).iterate() as Iterable<unknown[]>) {
            batch.push(checked(name, columns, row));
            if (batch.length === BATCH) {
              yield batch;
              batch = [];
            }
          }
          if (batch.length) yield batch;
        },
      };
    });
    return {
      store: "sqlite",
      migrations: sqliteMigrations(copy),
      tables: inLoadOrder(tables, references),
      close: async () => void copy.close(),
    };
  } catch (error) {
    copy.close();
    throw error;
  }
}

function sqliteMigrations(db: Sqlite.Database): string[] {
  const known = db
    .prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'")
    .get();
  if (!known) throw new BackupError("The database has never been migrated: nothing to back up");
  return (
    db.prepare("select name from kysely_migration order by name").all() as { name: string }[]
  ).map((row) => row.name);
}

/** A snapshot of the PostgreSQL database at `url`, held open until `close`. */
export async function takePostgresSnapshot(url: string): Promise<DatabaseSnapshot> {
  const client = new pg.Client({ connectionString: withDefaultUser(url) });
  await client.connect();
  try {
    await client.query("begin isolation level repeatable read, read only");
    const names = (
      await client.query<{ name: string }>(
        `select table_name as name from information_schema.tables
         where table_schema = current_schema() and table_type = 'BASE TABLE'
         and table_name not like 'kysely\\_%' order by table_name`,
      )
    ).rows.map((row) => row.name);
    if (!names.length)
      throw new BackupError("The database holds no Dispatch tables: nothing to back up");
    const { rows: references } = await client.query<{ source: string; target: string }>(
      `select tc.table_name as source, ccu.table_name as target
       from information_schema.table_constraints tc
       join information_schema.constraint_column_usage ccu
         on ccu.constraint_schema = tc.constraint_schema and ccu.constraint_name = tc.constraint_name
       where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema()`,
    );
    const tables: SnapshotTable[] = [];
    for (const name of names) {
      const columns = (
        await client.query<{ name: string }>(
          `select column_name as name from information_schema.columns
           where table_schema = current_schema() and table_name = $1 order by ordinal_position`,
          [name],
        )
      ).rows.map((row) => row.name);
      const key = (
        await client.query<{ name: string }>(
          `select kcu.column_name as name from information_schema.table_constraints tc
           join information_schema.key_column_usage kcu
             on kcu.constraint_schema = tc.constraint_schema and kcu.constraint_name = tc.constraint_name
           where tc.table_schema = current_schema() and tc.table_name = $1
             and tc.constraint_type = 'PRIMARY KEY' order by kcu.ordinal_position`,
          [name],
        )
      ).rows.map((row) => row.name);
      const order = (key.length ? key : columns).map(quote).join(", ");
      const select = `select ${columns.map(quote).join(", ")} from ${quote(name)} order by ${order}`;
      tables.push({
        name,
        columns,
        async *batches() {
          await client.query(`declare backup_rows no scroll cursor for ${select}`);
          try {
            for (;;) {
              const { rows } = await client.query<unknown[]>({
                text: `fetch forward ${BATCH} from backup_rows`,
                rowMode: "array",
              });
              if (!rows.length) break;
              yield rows.map((row) => checked(name, columns, row));
            }
          } finally {
            await client.query("close backup_rows");
          }
        },
      });
    }
    const migrations = (
      await client.query<{ name: string }>("select name from kysely_migration order by name")
    ).rows.map((row) => row.name);
    return {
      store: "postgres",
      migrations,
      tables: inLoadOrder(
        tables,
        references.map((r) => [r.source, r.target]),
      ),
      close: async () => {
        await client.query("rollback").catch(() => {});
        await client.end();
      },
    };
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
}

/** Dispatch's columns are text and integer only (store/schema.ts); anything else is refused. */
function checked(table: string, columns: string[], row: unknown[]): Row {
  row.forEach((value, i) => {
    if (value === null || typeof value === "string") return;
    if (typeof value === "number" && Number.isSafeInteger(value)) return;
    throw new BackupError(
      `${table}.${columns[i]} holds a ${typeof value} value a backup cannot carry faithfully`,
    );
  });
  return row as Row;
}

/** Tables ordered so that each comes after every table its foreign keys name. */
function inLoadOrder(tables: SnapshotTable[], references: [string, string][]): SnapshotTable[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const ordered: SnapshotTable[] = [];
  const placed = new Set<string>();
  const visit = (name: string, path: string[]) => {
    if (placed.has(name) || !byName.has(name)) return;
    if (path.includes(name))
      throw new BackupError(`Tables refer to each other in a cycle: ${path.join(" → ")}`);
    for (const [source, target] of references) {
      if (source === name && target !== name) visit(target, [...path, name]);
    }
    placed.add(name);
    ordered.push(byName.get(name) as SnapshotTable);
  };
  for (const table of [...tables].sort((a, b) => a.name.localeCompare(b.name)))
    visit(table.name, []);
  return ordered;
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}
