// The Store contract against the real PostgreSQL on this machine, in a database created for
// this run and dropped after it. PostgreSQL being unreachable fails the suite: a skipped
// backend would let a broken query ship.

import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { expect, it } from "vitest";
import { openStore } from "../../src/store/index.js";
import { MIGRATION_NAMES, migrateDownTo } from "../../src/store/migrations/index.js";
import { withDefaultUser } from "../../src/store/postgres/open.js";
import { makeBlog, makePost, makeUser } from "../helpers/factories.js";
import { describeStoreContract } from "./contract.js";

/** A database the test may create databases from; override to point at another server. */
const ADMIN_URL = process.env.DISPATCH_TEST_POSTGRES_URL ?? "postgres://127.0.0.1:5432/postgres";

async function asAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDefaultUser(ADMIN_URL) });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A new, empty database; `scheme` is how its URL is spelled. */
async function createTestDatabase(scheme: "postgres" | "postgresql") {
  // Lower-case hex only, so the name needs no quoting.
  const name = `dispatch_test_${randomBytes(6).toString("hex")}`;
  await asAdmin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.protocol = `${scheme}:`;
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

describeStoreContract("PostgreSQL", async () => {
  const database = await createTestDatabase("postgres");
  const store = await openStore({ databaseUrl: database.url, dataDir: tmpdir() });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await database.drop();
    },
  };
});

it("selects PostgreSQL for a postgresql:// URL too", async () => {
  const database = await createTestDatabase("postgresql");
  try {
    const store = await openStore({ databaseUrl: database.url, dataDir: tmpdir() });
    try {
      expect(store.backend).toBe("postgres");
      expect(await store.migrate()).toEqual(MIGRATION_NAMES);
      expect(await store.countUsers()).toBe(0);
    } finally {
      await store.close();
    }
  } finally {
    await database.drop();
  }
});

it("fills in the search words of posts written before the desk search was kept", async () => {
  const database = await createTestDatabase("postgres");
  try {
    const blog = makeBlog();
    const author = makeUser({ name: "Priya Shah" });
    const posts = ["Update one", "Harbour WALL breached", "Update three"].map((title, i) =>
      makePost(blog, author, {
        title,
        createdAt: new Date(Date.UTC(2026, 10, 26, 14, i)).toISOString(),
      }),
    );
    const first = await openStore({ databaseUrl: database.url, dataDir: tmpdir() });
    try {
      await first.migrate();
      await first.insertUser(author);
      await first.insertBlog(blog);
      for (const post of posts) await first.insertPost(post);
    } finally {
      await first.close();
    }
    // The database as it was before migration 0006.
    const raw = new Kysely<unknown>({
      dialect: new PostgresDialect({
        pool: new pg.Pool({ connectionString: withDefaultUser(database.url), max: 1 }),
      }),
    });
    try {
      await migrateDownTo(raw, "0005_sign_in_attempts");
    } finally {
      await raw.destroy();
    }

    const store = await openStore({ databaseUrl: database.url, dataDir: tmpdir() });
    try {
      expect(await store.migrate()).toEqual(MIGRATION_NAMES.filter((n) => n > "0006"));
      const found = await store.searchPosts({
        blogId: blog.id,
        words: ["harbour"],
        author: "shah",
        statuses: ["published"],
        limit: 10,
      });
      expect(found.map((p) => p.id)).toEqual([posts[1]?.id]);
    } finally {
      await store.close();
    }
  } finally {
    await database.drop();
  }
});

it("undoes the media library's migration and applies it again", async () => {
  const database = await createTestDatabase("postgres");
  try {
    const first = await openStore({ databaseUrl: database.url, dataDir: tmpdir() });
    await first.migrate();
    await first.close();
    const raw = new Kysely<unknown>({
      dialect: new PostgresDialect({
        pool: new pg.Pool({ connectionString: withDefaultUser(database.url), max: 1 }),
      }),
    });
    try {
      await migrateDownTo(raw, "0009_return_note");
    } finally {
      await raw.destroy();
    }
    const store = await openStore({ databaseUrl: database.url, dataDir: tmpdir() });
    try {
      expect(await store.migrate()).toEqual(MIGRATION_NAMES.filter((n) => n > "0009_return_note"));
      expect(await store.listMedia({ words: [], limit: 10 })).toEqual([]);
      expect(await store.listAudit({ actorId: "nobody", limit: 10 })).toEqual([]);
    } finally {
      await store.close();
    }
  } finally {
    await database.drop();
  }
});
