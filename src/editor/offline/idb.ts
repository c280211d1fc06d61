import { t } from "../i18n/messages";

// A very small promise wrapper over IndexedDB: one database for the newsroom app on this
// device, with an object store for the outbox (posts waiting to be sent) and one for drafts
// kept locally while offline. Tests pass fake-indexeddb's factory in place of the browser's.

const DB_NAME = "dispatch-newsroom";
const DB_VERSION = 1;
export const STORES = { outbox: "outbox", drafts: "drafts" } as const;
type StoreName = (typeof STORES)[keyof typeof STORES];

export interface KeyValueStore<T> {
  all(): Promise<T[]>;
  get(key: string): Promise<T | undefined>;
  put(value: T): Promise<void>;
  delete(key: string): Promise<void>;
}

const opened = new WeakMap<IDBFactory, Promise<IDBDatabase>>();

function open(factory: IDBFactory): Promise<IDBDatabase> {
  let db = opened.get(factory);
  if (!db) {
    db = new Promise((resolve, reject) => {
      const request = factory.open(DB_NAME, DB_VERSION);
      request.onupgradeneeded = () => {
        const database = request.result;
        for (const name of Object.values(STORES)) {
          if (!database.objectStoreNames.contains(name))
            database.createObjectStore(name, { keyPath: "key" });
        }
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error(t("idb.blocked")));
    });
    opened.set(factory, db);
  }
  return db;
}

function run<R>(
  factory: IDBFactory,
  store: StoreName,
  mode: IDBTransactionMode,
  action: (objects: IDBObjectStore) => IDBRequest,
): Promise<R> {
  return open(factory).then(
    (db) =>
      new Promise<R>((resolve, reject) => {
        const tx = db.transaction(store, mode);
        const request = action(tx.objectStore(store));
        // Resolved on commit, not on the request's success: a write is durable only then.
        tx.oncomplete = () => resolve(request.result as R);
        tx.onerror = () => reject(tx.error ?? request.error);
        tx.onabort = () => reject(tx.error ?? new Error(t("idb.aborted")));
      }),
  );
}

/** Values kept under their own `key` field in one object store. */
export function keyValueStore<T extends { key: string }>(
  store: StoreName,
  factory: IDBFactory = globalThis.indexedDB,
): KeyValueStore<T> {
  return {
    all: () => run<T[]>(factory, store, "readonly", (s) => s.getAll()),
    get: (key) => run<T | undefined>(factory, store, "readonly", (s) => s.get(key)),
    put: (value) => run<void>(factory, store, "readwrite", (s) => s.put(value)),
    delete: (key) => run<void>(factory, store, "readwrite", (s) => s.delete(key)),
  };
}
