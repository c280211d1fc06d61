import type { Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrateToLatest } from "../migrations/index.js";
import type { Database } from "../schema.js";
import { openSqlite } from "../sqlite/open.js";
import { PreparedStatements, prepared } from "./prepared.js";

describe("prepared queries", () => {
  let db: Kysely<Database>;
  beforeEach(async () => {
    db = openSqlite(":memory:");
    await migrateToLatest(db);
    await db
      .insertInto("users")
      .values([
        { id: "u1", email: "a@x.example", name: "Ann", role: "editor", created_at: "t" },
        { id: "u2", email: "b@x.example", name: "Bo", role: "reporter", created_at: "t" },
      ])
      .execute();
  });
  afterEach(() => db.destroy());

  it("builds once and runs with each call's values", async () => {
    let builds = 0;
    const byName = prepared(["name"], (kysely, v: { name: string }) => {
      builds++;
      return kysely.selectFrom("users").select(["id", "name"]).where("name", "=", v.name);
    });
    const statements = new PreparedStatements();
    const ann = await statements.run(db, byName, { name: "Ann" });
    const bo = await statements.run(db, byName, { name: "Bo" });
    const none = await statements.run(db, byName, { name: "Cy" });
    expect(ann.rows).toEqual([{ id: "u1", name: "Ann" }]);
    expect(bo.rows).toEqual([{ id: "u2", name: "Bo" }]);
    expect(none.rows).toEqual([]);
    expect(builds).toBe(1);
  });

  it("runs inside a transaction, which rolls back as a whole", async () => {
    const rename = prepared(["id", "name"], (kysely, v: { id: string; name: string }) =>
      kysely.updateTable("users").set({ name: v.name }).where("id", "=", v.id),
    );
    const statements = new PreparedStatements();
    await expect(
      db.transaction().execute(async (trx) => {
        await statements.run(trx, rename, { id: "u1", name: "Anna" });
        throw new Error("abandon");
      }),
    ).rejects.toThrow("abandon");
    await statements.run(db, rename, { id: "u2", name: "Bob" });
    const names = await db.selectFrom("users").select("name").orderBy("id").execute();
    expect(names.map((row) => row.name)).toEqual(["Ann", "Bob"]);
  });

  it("refuses a value the builder looked at instead of passing it on", async () => {
    const byRole = prepared(["editor"], (kysely, v: { editor: boolean }) =>
      kysely
        .selectFrom("users")
        .selectAll()
        .where("role", "=", v.editor ? "editor" : "reporter"),
    );
    await expect(new PreparedStatements().run(db, byRole, { editor: true })).rejects.toThrow(
      /editor did not become parameters/,
    );
  });

  it("refuses a call that leaves a value out", async () => {
    const byName = prepared(["name"], (kysely, v: { name: string }) =>
      kysely.selectFrom("users").selectAll().where("name", "=", v.name),
    );
    const missing = {} as { name: string };
    await expect(new PreparedStatements().run(db, byName, missing)).rejects.toThrow(
      /no value for "name"/,
    );
  });
});
