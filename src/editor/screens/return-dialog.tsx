// Returning a submission to its reporter: the editor says why (optional, up to 1,000
// characters), and the reporter's desk shows that note on the post, live.

import { useState } from "preact/hooks";
import { t } from "../i18n/messages";
import { Dialog } from "../ui/dialog";

export function ReturnDialog(props: {
  label: string;
  onReturn: (note: string) => void;
  onCancel: () => void;
}) {
  const [note, setNote] = useState("");
  return (
    <Dialog title={t("returnDialog.returnToTheReporter")} onClose={props.onCancel}>
      <p>{t("returnDialog.goesBackToIts", { title: props.label })}</p>
      <label class="field">
        {t("returnDialog.noteForTheReporter")}
        <textarea
          rows={4}
          maxLength={1000}
          value={note}
          placeholder={t("returnDialog.whatToChangeBefore")}
          onInput={(event) => setNote(event.currentTarget.value)}
        />
      </label>
      <div class="actions">
        <button type="button" onClick={props.onCancel}>
          {t("returnDialog.cancel")}
        </button>
        <button type="button" class="primary" onClick={() => props.onReturn(note.trim())}>
          {t("returnDialog.return")}
        </button>
      </div>
    </Dialog>
  );
}
