// Signing in. The server's answers are shown as they come: wrong email or password (401), too
// many attempts (429, with how long to wait). Changing a password is ./account.tsx.

import { useState } from "preact/hooks";
import { ApiError, describeError } from "../api/client";
import { session } from "../api/newsroom";
import type { Session } from "../api/types";
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
          ? "That email and password do not match an account."
          : e instanceof ApiError && e.status === 429
            ? `Too many attempts. ${e.message}`
            : describeError(e),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="sign-in">
      <h1>Dispatch newsroom</h1>
      <form onSubmit={submit} class="card">
        <h2>Sign in</h2>
        <label class="field">
          Email
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label class="field">
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <Notice text={error} tone="error" />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
