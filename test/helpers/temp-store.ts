// A migrated SQLite store in a data dir of its own, for tests that drive core operations
// straight against a real database; `remove` closes it and deletes the dir.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DatabaseStore, openStore } from "../../src/store/index.js";

export interface TempStore {
  store: DatabaseStore;
  /** The data dir holding the SQLite file. */
  dataDir: string;
  remove(): Promise<void>;
}

export async function tempSqliteStore(prefix: string): Promise<TempStore> {
  const dataDir = await mkdtemp(join(tmpdir(), prefix));
  const store = await openStore({ dataDir });
  await store.migrate();
  return {
    store,
    dataDir,
    async remove() {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
