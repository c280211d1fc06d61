// Imported bylines' e-mail addresses. An exported post names its newsroom contributors by name
// and e-mail; imported where no user has that e-mail, such a contributor becomes a free-text
// byline, and its address is kept here, never on the byline itself (bylines are public), so
// exporting the blog again names them as the original did (and a later import into a
// newsroom that has them finds them). Describes the schema as it was when written (see 0001).

import type { Kysely, Migration } from "kysely";

export const importedBylineEmails: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("imported_byline_emails")
      .addColumn("post_id", "text", (c) => c.primaryKey())
      .addColumn("blog_id", "text", (c) => c.notNull().references("blogs.id"))
      // A JSON array aligned with the post's bylines: an e-mail, or null, per byline.
      .addColumn("emails", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("imported_byline_emails_blog")
      .on("imported_byline_emails")
      .column("blog_id")
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("imported_byline_emails").execute();
  },
};
