// Schema migrations, compiled into the code (no migration files are read at run time, so the
// built package migrates from wherever it is installed). Add a migration by adding an entry
// to MIGRATIONS; names sort in the order they run and are never renamed once released.

import { type Kysely, type Migration, type MigrationProvider, Migrator } from "kysely";
import type { Database } from "../schema.js";
import { initial } from "./0001-initial.js";
import { auditAndApproval } from "./0002-audit-approval.js";
import { sessions } from "./0003-sessions.js";
import { lastChange } from "./0004-last-change.js";
import { signInAttempts } from "./0005-sign-in-attempts.js";
import { postSearch } from "./0006-post-search.js";
import { mustChangePassword } from "./0007-must-change-password.js";
import { bylines } from "./0008-bylines.js";
import { returnNote } from "./0009-return-note.js";
import { mediaLibrary } from "./0010-media-library.js";
import { changeSupersession } from "./0011-change-supersession.js";
import { serverSecrets } from "./0012-server-secrets.js";
import { webhooks } from "./0013-webhooks.js";
import { syndication } from "./0014-syndication.js";
import { importedBylineEmails } from "./0015-imported-byline-emails.js";
import { imageSizes } from "./0016-image-sizes.js";
import { corrections } from "./0017-corrections.js";
import { attribution } from "./0018-attribution.js";
import { figures } from "./0019-figures.js";
import { finding } from "./0020-finding.js";
import { tags } from "./0021-tags.js";
import { adSlots } from "./0024-ad-slots.js";
import { pollVotes } from "./0025-poll-votes.js";
import { alerts } from "./0026-alerts.js";
import { numbers } from "./0027-numbers.js";
import { contributions } from "./0028-contributions.js";
import { comments } from "./0029-comments.js";
import { pollClosings } from "./0030-poll-closings.js";
import { contributionPhotos } from "./0031-contribution-photos.js";
import { versionSources } from "./0032-version-sources.js";
import { ownCardImages } from "./0033-own-card-images.js";
import { closedPollForms } from "./0035-closed-poll-forms.js";

const MIGRATIONS: Record<string, Migration> = {
  "0001_initial": initial,
  "0002_audit_approval": auditAndApproval,
  "0003_sessions": sessions,
  "0004_last_change": lastChange,
  "0005_sign_in_attempts": signInAttempts,
  "0006_post_search": postSearch,
  "0007_must_change_password": mustChangePassword,
  "0008_bylines": bylines,
  "0009_return_note": returnNote,
  "0010_media_library": mediaLibrary,
  "0011_change_supersession": changeSupersession,
  "0012_server_secrets": serverSecrets,
  "0013_webhooks": webhooks,
  "0014_syndication": syndication,
  "0015_imported_byline_emails": importedBylineEmails,
  "0016_image_sizes": imageSizes,
  "0017_corrections": corrections,
  "0018_attribution": attribution,
  "0019_figures": figures,
  "0020_finding": finding,
  "0021_tags": tags,
  "0024_ad_slots": adSlots,
  "0025_poll_votes": pollVotes,
  "0026_alerts": alerts,
  "0027_numbers": numbers,
  "0028_contributions": contributions,
  "0029_comments": comments,
  "0030_poll_closings": pollClosings,
  "0031_contribution_photos": contributionPhotos,
  "0032_version_sources": versionSources,
  "0033_own_card_images": ownCardImages,
  "0035_closed_poll_forms": closedPollForms,
};

/** Every migration's name, in the order they run. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS).sort();

const provider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};

/** Undoes the migrations after `name`, newest first: how an upgrade from an older schema is tested. */
export function migrateDownTo(db: Kysely<unknown>, name: string): Promise<void> {
  return migrateTo(db, name);
}

/** Migrates up or down until `name` is the newest applied (a restore rebuilds a backup's schema). */
export async function migrateTo<DB>(db: Kysely<DB>, name: string): Promise<void> {
  const { error } = await new Migrator({ db, provider }).migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

/** Applies every pending migration; returns the names of those applied by this call. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const { error, results = [] } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === "Error")?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      failed ? `Migration ${failed} failed: ${reason}` : `Migrating failed: ${reason}`,
      { cause: error },
    );
  }
  return results.filter((r) => r.status === "Success").map((r) => r.migrationName);
}
