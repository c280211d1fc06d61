// One's own password: the Account screen (reached from the name in the header), and the
// "Choose a new password" screen that stands before everything else after an admin reset it.
// Both send the current password and the new one; the server keeps this session and ends the
// others.

import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { describeError } from "../api/client";
import { session } from "../api/newsroom";
import { t } from "../i18n/messages";
import { Notice } from "../ui/dialog";

export function Account(props: { name: string; email: string; children?: ComponentChildren }) {
  return (
    <main class="page narrow">
      <h1>{t("account.yourAccount")}</h1>
      <p>
        {props.name} · {props.email}
      </p>
      <PasswordForm
        title={t("account.changePassword")}
        currentLabel={t("account.currentPassword")}
        submit={t("account.changePassword")}
        done={t("account.passwordChanged")}
      />
      {props.children}
    </main>
  );
}

/** After an admin reset the password: nothing else until the user has chosen their own. */
export function ChooseNewPassword(props: {
  email: string;
  onChosen: () => void;
  onSignOut: () => void;
}) {
  return (
    <main class="sign-in">
      <h1>{t("account.appName")}</h1>
      <PasswordForm
        title={t("account.chooseANewPassword")}
        intro={t("account.resetIntro", { email: props.email })}
        currentLabel={t("account.temporaryPassword")}
        submit={t("account.saveNewPassword")}
        onChanged={props.onChosen}
      />
      <button type="button" class="quiet" onClick={props.onSignOut}>
        {t("account.signOut")}
      </button>
    </main>
  );
}

function PasswordForm(props: {
  title: string;
  intro?: string;
  currentLabel: string;
  submit: string;
  done?: string;
  onChanged?: () => void;
}) {
  const [message, setMessage] = useState<{ text: string; tone: "error" | "info" } | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    const next = String(form.get("new"));
    if (next !== String(form.get("repeat"))) {
      setMessage({ text: t("account.passwordsDiffer"), tone: "error" });
      return;
    }
    setBusy(true);
    try {
      await session.changePassword(String(form.get("current")), next);
      formElement.reset();
      if (props.done) setMessage({ text: props.done, tone: "info" });
      props.onChanged?.();
    } catch (e) {
      // The server names what is wrong: a current password that does not match, a new one
      // too short, or the temporary one given again.
      setMessage({ text: describeError(e), tone: "error" });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} class="card">
      <h2>{props.title}</h2>
      {props.intro && <p>{props.intro}</p>}
      <label class="field">
        {props.currentLabel}
        <input name="current" type="password" autoComplete="current-password" required />
      </label>
      <label class="field">
        {t("account.newPassword")}
        <input
          name="new"
          type="password"
          autoComplete="new-password"
          minLength={10}
          maxLength={200}
          required
        />
      </label>
      <label class="field">
        {t("account.repeatNewPassword")}
        <input name="repeat" type="password" autoComplete="new-password" minLength={10} required />
      </label>
      <Notice text={message?.text ?? null} tone={message?.tone} />
      <button type="submit" class="primary" disabled={busy}>
        {props.submit}
      </button>
    </form>
  );
}
