// The media files an import brings: each listed file is written to the MediaStore before the
// rows that use it (a file is whole or absent, never half-written), unless a file with the
// same bytes is here already. A file the document lists but neither the archive nor this site
// holds refuses the import before anything is written.

import { createHash } from "node:crypto";
import type { MediaStore } from "../../ports.js";
import { type ExportedMedia, importInvalid } from "../../transfer/document.js";
import type { MediaSupply } from "./import-blog.js";

/** Checks every file first, then writes those not here yet; returns how many were written. */
export async function placeMedia(
  media: MediaStore,
  files: readonly ExportedMedia[],
  supply: MediaSupply | undefined,
): Promise<number> {
  const missing: ExportedMedia[] = [];
  for (const [i, file] of files.entries()) {
    if (await holds(media, file)) continue;
    if (!supply) {
      throw importInvalid(
        `media[${i}]`,
        `${file.path} is not in this site's media; import the .tar export that holds the files`,
      );
    }
    missing.push(file);
  }
  let written = 0;
  for (const file of missing) {
    const data = await supply?.read(file.path);
    const i = files.indexOf(file);
    if (!data) throw importInvalid(`media[${i}]`, `${file.path} is missing from the archive`);
    if (data.length !== file.bytes || sha256(data) !== file.sha256) {
      throw importInvalid(`media[${i}].sha256`, `${file.path} does not match its checksum`);
    }
  }
  for (const file of missing) {
    const data = await supply?.read(file.path);
    if (!data) continue;
    await media.put(file.path.slice("/media/".length), data, file.type).catch(() => {
      throw importInvalid(
        `media[${files.indexOf(file)}].type`,
        `${file.path} cannot be kept as ${file.type}`,
      );
    });
    written++;
  }
  return written;
}

async function holds(media: MediaStore, file: ExportedMedia): Promise<boolean> {
  const held = await media.get(file.path.slice("/media/".length));
  if (!held || held.size !== file.bytes) return false;
  const hash = createHash("sha256");
  for await (const chunk of held.open()) hash.update(chunk as Buffer);
  return hash.digest("hex") === file.sha256;
}

function sha256(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}
