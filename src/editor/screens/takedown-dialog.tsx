// A legal takedown from the desk (editors and admins): the editor says why, which the audit
// log keeps; the post and its whole history then leave every public surface for good.

import { useState } from "preact/hooks";
import { t } from "../i18n/messages";
import { Dialog } from "../ui/dialog";

export function TakedownDialog(props: {
  label: string;
  onTakeDown: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState("");
  const given = reason.trim();
  return (
    <Dialog title={t("takedownDialog.title")} onClose={props.onCancel}>
      <p>{t("takedownDialog.explain", { title: props.label })}</p>
      <label class="field">
        {t("takedownDialog.reason")}
        <textarea
          rows={3}
          maxLength={2000}
          required
          value={reason}
          placeholder={t("takedownDialog.reasonPlaceholder")}
          onInput={(event) => setReason(event.currentTarget.value)}
        />
      </label>
      <div class="actions">
        <button type="button" onClick={props.onCancel}>
          {t("takedownDialog.cancel")}
        </button>
        <button
          type="button"
          class="danger"
          disabled={given === ""}
          onClick={() => props.onTakeDown(given)}
        >
          {t("takedownDialog.takeDown")}
        </button>
      </div>
    </Dialog>
  );
}
