// Signing in. The server's answers are shown as they come: wrong email or password (401), too
// many attempts (429, with how long to wait). Changing a password is ./account.tsx.

import { useState } from "preact/hooks";
import { ApiError, describeError } from "../api/client";
import { session } from "../api/newsroom";
import type { Session } from "../api/types";
import { t } from "../i18n/messages";
import { Notice } from "../ui/dialog";

export function SignIn(props: { onSignedIn: (session: Session) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(null);
    try {
      props.onSignedIn(
        await session.signIn(String(form.get("email")), String(form.get("password"))),
      );
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 401
          ? t("signIn.wrongPassword")
          : e instanceof ApiError && e.status === 429
            ? t("signIn.tooManyAttempts", { wait: e.message })
            : describeError(e),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="sign-in">
      <h1>{t("signIn.appName")}</h1>
      <form onSubmit={submit} class="card">
        <h2>{t("signIn.signIn")}</h2>
        <label class="field">
          {t("signIn.email")}
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label class="field">
          {t("signIn.password")}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <Notice text={error} tone="error" />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t("signIn.signingIn") : t("signIn.signIn")}
        </button>
      </form>
    </main>
  );
}
