// What an import file is, told from its bytes rather than its name: a Dispatch export archive
// (ustar, `document.json` plus `media/`), a Dispatch export document (JSON), schema.org
// JSON-LD (a .json/.jsonld file, one object, an array or an @graph), or a saved HTML page whose
// ld+json blocks hold a LiveBlogPosting. An archive is read entry by entry from the file; the
// JSON forms are read whole (a document of 10,000 posts is some tens of megabytes).

import { open, readFile } from "node:fs/promises";
import type { MediaSupply } from "../core/operations/transfer/import-blog.js";
import { EXPORT_FORMAT, importInvalid } from "../core/transfer/document.js";
import { ArchiveError, listArchive } from "../store/backup/tar.js";
import { DOCUMENT_ENTRY, readExportArchive } from "./archive.js";
import { jsonLdOfPage, liveBlogToDocument } from "./json-ld.js";
import { parseJsonText } from "./json-text.js";

export type ImportKind = "archive" | "dispatch" | "json-ld" | "html";

export interface ImportFile {
  kind: ImportKind;
  /** The document to import (checked by the import itself). */
  document: unknown;
  media?: MediaSupply;
}

/** The JSON forms are read whole; beyond this, only an archive is accepted. */
export const MAX_TEXT_BYTES = 256 * 1024 * 1024;

export async function readImportFile(
  file: string,
  options: { slug?: string; now: Date },
): Promise<ImportFile> {
  const head = Buffer.alloc(512);
  const handle = await open(file, "r");
  let size: number;
  try {
    size = (await handle.stat()).size;
    await handle.read(head, 0, 512, 0);
  } finally {
    await handle.close();
  }
  if (head.subarray(257, 262).toString("latin1") === "ustar") {
    const entries = await listArchive(file, { skipDirectories: true }).catch((error: unknown) => {
      throw importInvalid(
        "archive",
        error instanceof ArchiveError ? error.message : "Unreadable archive",
      );
    });
    const { text, media } = await readExportArchive(file, entries);
    if (text === undefined)
      throw importInvalid("archive", `The archive holds no ${DOCUMENT_ENTRY}`);
    const document = parseJsonText(text, DOCUMENT_ENTRY);
    return { kind: "archive", document: withSlug(document, options.slug), media };
  }
  if (size > MAX_TEXT_BYTES) {
    throw importInvalid(
      "document",
      "A JSON file this large cannot be imported; export a .tar instead",
    );
  }
  const text = (await readFile(file, "utf8")).replace(/^\uFEFF/, "");
  if (/^\s*</.test(text)) {
    return { kind: "html", document: liveBlogToDocument(jsonLdOfPage(text), options) };
  }
  const value = parseJsonText(text);
  return readImportValue(value, options);
}

/** A document already parsed (an API request's JSON body). */
export function readImportValue(value: unknown, options: { slug?: string; now: Date }): ImportFile {
  const isDispatch =
    typeof value === "object" &&
    value !== null &&
    (value as { dispatch?: unknown }).dispatch === EXPORT_FORMAT;
  if (isDispatch) return { kind: "dispatch", document: withSlug(value, options.slug) };
  return { kind: "json-ld", document: liveBlogToDocument(value, options) };
}

/** A Dispatch document imported under another slug. */
function withSlug(document: unknown, slug: string | undefined): unknown {
  if (!slug || typeof document !== "object" || document === null) return document;
  const { blog } = document as { blog?: unknown };
  if (typeof blog !== "object" || blog === null) return document;
  return { ...document, blog: { ...blog, slug } };
}
