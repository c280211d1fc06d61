// Images into a document: each file shows at once as an uploading image (a local preview),
// goes to POST /api/media, and takes the answer's src; a failed upload is removed again and
// reported, so nothing half-uploaded is ever published.

import type { Editor } from "@tiptap/core";
import { describeError } from "../api/client";
import { uploadImage } from "../api/newsroom";
import { idempotencyKey } from "../offline/outbox";
import { insertUploadingImage, settleUpload } from "./editor";

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
        onError(`The image “${file.name}” was not uploaded: ${describeError(error)}`);
      })
      .finally(() => setTimeout(() => URL.revokeObjectURL(preview), 10_000));
  }
}
