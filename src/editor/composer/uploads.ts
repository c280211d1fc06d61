// Images into a document: each file shows at once as an uploading image (a local preview),
// goes to POST /api/media, and takes the answer's src; a failed upload is removed again and
// reported, so nothing half-uploaded is ever published. An image pasted from another web page
// is copied the same way (POST /api/media/import); if it cannot be, it stays flagged for the
// editor, who uploads the file or confirms it may be shown from there.

import type { Editor } from "@tiptap/core";
import { describeError } from "../api/client";
import { importImage, uploadImage } from "../api/newsroom";
import { t } from "../i18n/messages";
import { idempotencyKey } from "../offline/outbox";
import { insertUploadingImage, settleImport, settleUpload } from "./editor";

/** Imports already started in this tab, by the node's uploadId. */
const importing = new Set<string>();

/** Starts copying every pasted image in the document that is not on its way yet. */
export function importPasted(editor: Editor): void {
  // Runs on every change: images are top-level blocks, so only those are looked at.
  editor.state.doc.forEach((node) => {
    const from = node.type.name === "image" ? String(node.attrs.importFrom ?? "") : "";
    const id = String(node.attrs.uploadId ?? "");
    if (!from || !id || importing.has(id)) return;
    importing.add(id);
    importImage(from).then(
      (media) => settleImport(editor, id, media.src),
      () => settleImport(editor, id, null),
    );
  });
}

export function uploadInto(
  editor: Editor,
  files: readonly File[],
  at: number,
  onError: (message: string) => void,
): void {
  for (const file of files) {
    const uploadId = idempotencyKey();
    const preview = URL.createObjectURL(file);
    insertUploadingImage(editor, at, uploadId, preview);
    uploadImage(file)
      .then((media) => settleUpload(editor, uploadId, media.src))
      .catch((error) => {
        settleUpload(editor, uploadId, null);
        onError(t("uploads.failed", { name: file.name, error: describeError(error) }));
      })
      .finally(() => setTimeout(() => URL.revokeObjectURL(preview), 10_000));
  }
}
