// Key figures (core/figures.ts): a blog's "By the numbers" box. A figure's values are rows of
// their own; a value replaced keeps its row with the time it was replaced, which is the
// figure's public history. Values are decimal text, so both backends read back the same
// number. Describes the schema as it was when written (see 0001).

import type { Kysely, Migration } from "kysely";

export const figures: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("figures")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("blog_id", "text", (c) => c.notNull().references("blogs.id"))
      .addColumn("label", "text", (c) => c.notNull())
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("figures_blog").on("figures").column("blog_id").execute();
    await db.schema
      .createTable("figure_values")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("figure_id", "text", (c) => c.notNull().references("figures.id"))
      .addColumn("blog_id", "text", (c) => c.notNull().references("blogs.id"))
      // The value's place among the figure's current values.
      .addColumn("slot", "integer", (c) => c.notNull())
      .addColumn("value", "text", (c) => c.notNull())
      .addColumn("qualifier", "text")
      .addColumn("unit", "text", (c) => c.notNull())
      .addColumn("source_name", "text", (c) => c.notNull())
      .addColumn("source_url", "text")
      .addColumn("as_of", "text", (c) => c.notNull())
      .addColumn("recorded_at", "text", (c) => c.notNull())
      // Null while the figure shows this value; set when a later value replaced it.
      .addColumn("replaced_at", "text")
      .execute();
    await db.schema
      .createIndex("figure_values_figure")
      .on("figure_values")
      .columns(["figure_id", "replaced_at"])
      .execute();
    await db.schema
      .createIndex("figure_values_blog")
      .on("figure_values")
      .column("blog_id")
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("figure_values").execute();
    await db.schema.dropTable("figures").execute();
  },
};
