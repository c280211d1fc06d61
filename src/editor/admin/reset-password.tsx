// Admins: the dialog that resets someone's password to a temporary one, typed here or left
// empty for the server to generate (then shown once on the Users screen).

import { useState } from "preact/hooks";
import { describeError } from "../api/client";
import { users } from "../api/newsroom";
import type { User } from "../api/types";
import { t } from "../i18n/messages";
import { Dialog, Notice } from "../ui/dialog";

export interface PasswordReset {
  email: string;
  /** Only when the server generated it; a typed one is already known to the admin. */
  password?: string;
}

export function ResetPasswordDialog(props: {
  user: User;
  onDone: (reset: PasswordReset) => void;
  onClose: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const typed = String(new FormData(event.currentTarget as HTMLFormElement).get("password"));
    setBusy(true);
    try {
      const answer = await users.resetPassword(props.user.id, typed || undefined);
      props.onDone({
        email: answer.user.email,
        ...(answer.password ? { password: answer.password } : {}),
      });
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={t("resetPassword.title", { name: props.user.name || props.user.email })}
      onClose={props.onClose}
    >
      <form onSubmit={submit}>
        <p>{t("resetPassword.theyAreSignedOut")}</p>
        <label class="field">
          {t("resetPassword.temporaryPasswordLeaveEmpty")}
          <input name="password" type="password" autoComplete="new-password" minLength={10} />
        </label>
        <Notice text={error} tone="error" />
        <div class="actions">
          <button type="button" onClick={props.onClose}>
            {t("resetPassword.cancel")}
          </button>
          <button type="submit" class="danger" disabled={busy}>
            {t("resetPassword.resetPassword")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
