// The export archive: a plain ustar file (the backup's tar.ts) holding `document.json` first
// and then every media file under `media/`, as `/media/u/<id>/960.jpg` → `media/u/<id>/960.jpg`.
// `tar -xf` unpacks it by hand; an import reads it from the file without unpacking it, one
// entry at a time, so a large archive is never held in memory.

import { Readable } from "node:stream";
import type { BlogExport } from "../core/operations/transfer/export-blog.js";
import type { MediaSupply } from "../core/operations/transfer/import-blog.js";
import { type ArchiveEntry, readEntry, readEntryText, TarWriter } from "../store/backup/tar.js";

export const DOCUMENT_ENTRY = "document.json";

/** Writes the export to `file` (which must not exist yet). */
export async function writeExportArchive(file: string, exported: BlogExport): Promise<void> {
  const writer = await TarWriter.create(file);
  try {
    const document = Buffer.from(`${JSON.stringify(exported.document, null, 2)}\n`);
    await writer.add(DOCUMENT_ENTRY, document.length, Readable.from([document]));
    for (const media of exported.files) {
      const written = await writer.add(
        media.path.slice(1),
        media.bytes,
        media.open() as AsyncIterable<Buffer>,
      );
      if (written.sha256 !== media.sha256) {
        throw new Error(`${media.path} changed while it was being exported`);
      }
    }
    await writer.finish();
  } catch (error) {
    await writer.abandon();
    throw error;
  }
}

/** The archive's document text and its media, read from the archive file on demand. */
export async function readExportArchive(
  file: string,
  entries: ArchiveEntry[],
): Promise<{ text: string | undefined; media: MediaSupply }> {
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  const documentEntry = byName.get(DOCUMENT_ENTRY);
  return {
    text: documentEntry && (await readEntryText(file, documentEntry)),
    media: {
      async read(path) {
        const entry = byName.get(path.slice(1));
        if (!entry) return undefined;
        const chunks: Buffer[] = [];
        for await (const chunk of readEntry(file, entry)) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks);
      },
    },
  };
}
