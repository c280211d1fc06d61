// `dispatch export SLUG` and `dispatch import FILE`: thin wrappers over the export and import
// operations (core/operations/transfer/) and the file formats (transfer/), against the same
// database and media the server uses. Progress goes to stderr, the summary to stdout.

import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { Config } from "../config/index.js";
import { systemClock } from "../core/clock.js";
import { DomainError } from "../core/errors.js";
import { exportBlog, type MediaMode } from "../core/operations/transfer/export-blog.js";
import { type ImportMode, importBlog } from "../core/operations/transfer/import-blog.js";
import type { Actor } from "../core/user.js";
import { openNewsroomStore } from "../main.js";
import { DiskMediaStore } from "../media/disk-media-store.js";
import { blockWordsFor } from "../reader/i18n/block-words.js";
import { InProcessBroadcaster } from "../realtime/in-process-broadcaster.js";
import type { DatabaseStore } from "../store/index.js";
import { writeExportArchive } from "../transfer/archive.js";
import { readImportFile } from "../transfer/import-file.js";

export interface ExportFlags {
  out?: string | undefined;
  media?: string | undefined;
}

export async function exportCommand(
  config: Config,
  slug: string,
  flags: ExportFlags,
): Promise<number> {
  const media = flags.media ?? "include";
  if (media !== "include" && media !== "link") {
    console.error(
      "--media is include (a .tar holding the files) or link (a .json naming them by address)",
    );
    return 1;
  }
  const mode: MediaMode = media;
  const out = flags.out ?? `${slug}${mode === "include" ? ".tar" : ".json"}`;
  const store = await openNewsroomStore(config);
  try {
    await store.migrate();
    const exported = await exportBlog(
      { store, clock: systemClock },
      new DiskMediaStore(path.join(config.dataDir, "media")),
      null,
      slug,
      { media: mode, ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}) },
    );
    const written =
      mode === "include"
        ? writeExportArchive(out, exported)
        : writeFile(out, `${JSON.stringify(exported.document, null, 2)}\n`, { flag: "wx" });
    if (
      !(await fileProblem(
        written.then(() => true),
        out,
      ))
    )
      return 1;
    const { posts, media: files } = exported.document;
    console.log(`Exported ${slug} to ${out}: ${posts.length} posts, ${files.length} media files`);
    return 0;
  } finally {
    await store.close();
  }
}

export interface ImportFlags {
  as?: string | undefined;
  slug?: string | undefined;
  merge?: boolean | undefined;
}

export async function importCommand(
  config: Config,
  file: string,
  flags: ImportFlags,
): Promise<number> {
  const store = await openNewsroomStore(config);
  // The readers of a running server see the imported posts when they next load or reconnect.
  const broadcaster = new InProcessBroadcaster();
  try {
    await store.migrate();
    const actor = await importer(store, flags.as);
    const reading = readImportFile(file, {
      now: new Date(),
      ...(flags.slug ? { slug: flags.slug } : {}),
    });
    const read = await fileProblem(reading, file);
    if (!read) return 1;
    const mode: ImportMode = flags.merge ? "merge" : "create";
    const summary = await importBlog(
      { store, broadcaster, clock: systemClock, blockWords: blockWordsFor },
      new DiskMediaStore(path.join(config.dataDir, "media")),
      actor,
      read.document,
      {
        mode,
        ...(read.media ? { media: read.media } : {}),
        progress: (done, total) => process.stderr.write(`posts ${done}/${total}\n`),
      },
    );
    console.log(
      `Imported ${summary.blog} (${read.kind}): ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.media} media files written`,
    );
    return 0;
  } finally {
    await broadcaster.close();
    await store.close();
  }
}

/** The result, or undefined once a missing or existing file has been explained on stderr. */
async function fileProblem<T>(work: Promise<T>, file: string): Promise<T | undefined> {
  try {
    return await work;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "ENOENT") console.error(`No such file: ${file}`);
    else if (code === "EEXIST") console.error(`${file} exists already; choose another --out`);
    else if (code === "EISDIR") console.error(`${file} is a directory`);
    else throw error;
    return undefined;
  }
}

/** Who the import is by: the user named with --as, or the first active admin. */
async function importer(store: DatabaseStore, email: string | undefined): Promise<Actor> {
  const user = email
    ? await store.findUserByEmail(email)
    : (await store.listUsers()).find((u) => u.role === "admin" && !u.disabledAt);
  if (!user || user.disabledAt) {
    throw new DomainError(
      "user_not_found",
      email
        ? `No active user ${email}`
        : "No admin to import as: add one (dispatch user add EMAIL --role admin) or name a user with --as",
      { field: "as" },
    );
  }
  return {
    id: user.id,
    name: user.name,
    role: user.role,
    ...(user.title ? { title: user.title } : {}),
    ...(user.avatar ? { avatar: user.avatar } : {}),
  };
}
