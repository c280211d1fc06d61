// `dispatch backup` and `dispatch restore` as an ops team uses them: a backup taken while a
// publisher keeps writing holds the store exactly as it was at one moment (every table, the
// change log, the media byte for byte, the public API's answers), and restores into an empty
// data dir or database as a store the server opens; a target holding anything, or a damaged
// archive, is refused with nothing written. On SQLite and PostgreSQL.

import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupNewsroom } from "../../src/store/backup/backup.js";
import { restoreNewsroom } from "../../src/store/backup/restore.js";
import { openStore } from "../../src/store/index.js";
import { MIGRATION_NAMES } from "../../src/store/migrations/index.js";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres.js";
import { removeCompiledCli } from "../helpers/processes.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";
import {
  dispatchCli,
  dumpStore,
  lastSeq,
  mediaFiles,
  publicAnswers,
  type Seeded,
  type StoreAt,
  seedNewsroom,
} from "./backup-support.js";

let scratch: string;
const databases: TestDatabase[] = [];
beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), "dispatch-backup-"));
});
afterAll(async () => {
  removeCompiledCli();
  await rm(scratch, { recursive: true, force: true });
  await Promise.all(databases.map((db) => db.drop()));
});

const newDir = (name: string) =>
  path.join(scratch, `${name}-${Math.random().toString(36).slice(2, 8)}`);
async function newDatabase(): Promise<string> {
  const db = await createTestDatabase();
  databases.push(db);
  return db.url;
}
const storeAt = (dataDir: string, databaseUrl?: string): StoreAt =>
  databaseUrl ? { postgres: databaseUrl } : { sqlite: path.join(dataDir, "dispatch.sqlite") };
const settings = (dataDir: string, databaseUrl?: string) => ({
  DISPATCH_DATA_DIR: dataDir,
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
});

interface Moment {
  tables: Record<string, string[]>;
  answers: Record<string, unknown>;
}

describe.each(["sqlite", "postgres"] as const)(
  "backup and restore on %s",
  // Process starts through tsx take seconds apiece, many more on a busy machine.
  { timeout: 150_000 },
  (kind) => {
    let source: TestServer;
    let sourceUrl: string | undefined;
    let seeded: Seeded;
    let archive: string;
    /** The source's state after each acknowledged publish, by the blog's change sequence. */
    const moments = new Map<number, Moment>();
    let restoredSeq = 0;

    beforeAll(async () => {
      sourceUrl = kind === "postgres" ? await newDatabase() : undefined;
      source = await startTestServer({
        dataDir: newDir("source"),
        ...(sourceUrl ? { databaseUrl: sourceUrl } : {}),
      });
      seeded = await seedNewsroom(source);
    });
    afterAll(() => source.close());

    const remember = async () => {
      const tables = await dumpStore(storeAt(source.dataDir, sourceUrl));
      const seq = lastSeq(tables, seeded.slug);
      moments.set(seq, { tables, answers: await publicAnswers(source.url, seeded.slug) });
      return seq;
    };

    it("takes a consistent backup while a publisher keeps writing, and restores all of it", async () => {
      const seqAtStart = await remember();
      let writing = true;
      let during = 0;
      let backupRunning = false;
      const publisher = (async () => {
        for (let n = 1; writing; n++) {
          const answer = await source.api("POST", `/api/blogs/${seeded.slug}/posts`, {
            token: seeded.editorToken,
            headers: { "idempotency-key": `wire-${n}` },
            body: { blocks: [paragraph(`Wire update ${n}`)] },
          });
          expect(answer.status).toBe(201);
          if (backupRunning) during += 1;
          await remember();
          await new Promise((r) => setTimeout(r, 10));
        }
      })();
      archive = path.join(scratch, `${kind}.tar`);
      backupRunning = true;
      const backup = await dispatchCli(["backup", archive], settings(source.dataDir, sourceUrl));
      backupRunning = false;
      writing = false;
      await publisher;
      expect(backup.stderr).toBe("");
      expect(backup.status).toBe(0);
      expect(backup.stdout).toMatch(
        /^Backed up to .+: 1 blogs, \d+ posts, \d+ changes, 4 users, \d+ media files/,
      );
      // Online: the publisher was never held up, and the backup caught it mid-stream.
      expect(during).toBeGreaterThan(3);

      const target = newDir("restored");
      const targetUrl = kind === "postgres" ? await newDatabase() : undefined;
      const restored = await dispatchCli(["restore", archive], settings(target, targetUrl));
      expect(restored.stderr).toBe("");
      expect(restored.status).toBe(0);
      expect(restored.stdout).toMatch(
        new RegExp(`^Restored the backup of .+ \\(${kind}, Dispatch \\d`),
      );

      const tables = await dumpStore(storeAt(target, targetUrl));
      restoredSeq = lastSeq(tables, seeded.slug);
      expect(restoredSeq).toBeGreaterThan(seqAtStart);
      const moment = moments.get(restoredSeq);
      expect(moment, `no acknowledged state at sequence ${restoredSeq}`).toBeDefined();
      expect(Object.keys(tables).sort()).toEqual(Object.keys(moment?.tables ?? {}).sort());
      for (const [table, rows] of Object.entries(moment?.tables ?? {})) {
        expect(tables[table], `table ${table}`).toEqual(rows);
      }
      expect(tables.kysely_migration?.length).toBe(MIGRATION_NAMES.length);
      const sourceMedia = await mediaFiles(source.dataDir);
      expect(sourceMedia.size).toBeGreaterThan(4);
      expect(await mediaFiles(target)).toEqual(sourceMedia);

      // The restored store serves what the source served at that moment, and its people work.
      const server = await startTestServer({
        dataDir: target,
        ...(targetUrl ? { databaseUrl: targetUrl } : {}),
      });
      try {
        expect(await publicAnswers(server.url, seeded.slug)).toEqual(moment?.answers);
        const next = await server.api("POST", `/api/blogs/${seeded.slug}/posts`, {
          token: seeded.editorToken,
          body: { blocks: [paragraph("Back on air after the restore")] },
        });
        expect(next.status).toBe(201);
        const revoked = await server.api("GET", "/api/tokens", { token: seeded.revokedToken });
        expect(revoked.status).toBe(401);
      } finally {
        await server.close();
      }
    });

    it("refuses a target that holds anything, or a damaged or truncated archive, writing nothing", async () => {
      const before = await dumpStore(storeAt(source.dataDir, sourceUrl));
      const bytes = await readFile(archive);
      const damaged = Buffer.from(bytes);
      const at = damaged.indexOf("Police name");
      expect(at).toBeGreaterThan(0);
      damaged.write("Police tame", at);
      const damagedFile = path.join(scratch, `${kind}-damaged.tar`);
      const truncatedFile = path.join(scratch, `${kind}-truncated.tar`);
      await writeFile(damagedFile, damaged);
      await writeFile(truncatedFile, bytes.subarray(0, Math.floor(bytes.length / 2)));
      const targets = [newDir("empty"), newDir("damaged"), newDir("truncated")];
      const urls = kind === "postgres" ? [sourceUrl, await newDatabase(), await newDatabase()] : [];
      // The command says why and exits non-zero; the damaged archives go to the operation
      // behind it, to spare a process start each.
      const restoring = (i: number, file: string) =>
        restoreNewsroom({ dataDir: targets[i] as string, databaseUrl: urls[i] }, file).then(
          () => "restored",
          (error: Error) => error.message,
        );
      const [intoSource, fromDamaged, fromTruncated] = await Promise.all([
        // Into the live source itself: its data dir (SQLite) or its database (PostgreSQL).
        dispatchCli(
          ["restore", archive],
          kind === "sqlite" ? settings(source.dataDir) : settings(targets[0] as string, sourceUrl),
        ),
        restoring(1, damagedFile),
        restoring(2, truncatedFile),
      ]);
      expect(intoSource.status).toBe(1);
      expect(intoSource.stderr).toMatch(
        kind === "sqlite"
          ? /^Refusing to restore into .+: the data dir is not empty \(it holds .*dispatch\.sqlite/
          : /^Refusing to restore into the database at DATABASE_URL: it is not empty \(it holds /,
      );
      expect(await dumpStore(storeAt(source.dataDir, sourceUrl))).toEqual(before);
      expect(fromDamaged).toMatch(
        /is damaged: db\/(posts|changes)\.jsonl does not match its checksum; nothing was restored/,
      );
      expect(fromTruncated).toMatch(/is damaged: truncated/);
      for (const [i, dir] of targets.entries()) {
        if (i === 0 && kind === "sqlite") continue;
        expect(await readdir(dir).catch(() => [])).toEqual([]);
        const url = urls[i];
        if (url && i > 0) expect(Object.keys(await dumpStore({ postgres: url }))).toEqual([]);
      }
    });

    it.runIf(kind === "sqlite")("restores a SQLite backup into PostgreSQL", async () => {
      const target = newDir("crossed");
      const targetUrl = await newDatabase();
      // The command was run above; the operation behind it spares a process start here.
      const { manifest } = await restoreNewsroom(
        { dataDir: target, databaseUrl: targetUrl },
        archive,
      );
      expect(manifest.store).toBe("sqlite");
      expect(await dumpStore({ postgres: targetUrl })).toEqual(moments.get(restoredSeq)?.tables);
      expect(await mediaFiles(target)).toEqual(await mediaFiles(source.dataDir));
    });
  },
);

describe("a backup from an older schema", { timeout: 60_000 }, () => {
  it("is brought up to date by the restore and served", async () => {
    const dataDir = newDir("older");
    const server = await startTestServer({ dataDir });
    const token = await server.tokenFor("editor");
    await server.api("POST", "/api/blogs", { token, body: { slug: "older", title: "Older" } });
    const post = await server.api("POST", "/api/blogs/older/posts", {
      token,
      body: { blocks: [paragraph("Kept")] },
    });
    await server.close();
    const store = await openStore({ dataDir });
    await store.migrateTo("0011_change_supersession");
    await store.close();

    const file = path.join(scratch, "older.tar");
    const { manifest } = await backupNewsroom({ dataDir }, file, { dispatchVersion: "0.0.9" });
    expect(manifest.migrations.at(-1)).toBe("0011_change_supersession");
    const target = newDir("newer");
    const { migrated } = await restoreNewsroom({ dataDir: target }, file);
    expect(migrated).toEqual(MIGRATION_NAMES.filter((name) => name > "0011_change_supersession"));

    const restored = await startTestServer({ dataDir: target });
    try {
      const read = await restored.api("GET", `/api/blogs/older/posts/${post.json.id}`);
      expect(read.status).toBe(200);
      expect(read.json.blocks).toEqual([paragraph("Kept")]);
    } finally {
      await restored.close();
    }
  });
});
