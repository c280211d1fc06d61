// Signing in, and changing one's password. The server's answers are shown as they come:
// wrong email or password (401), too many attempts (429, with how long to wait).

import type { ComponentChildren } from "preact";
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

export function Account(props: { name: string; email: string; children?: ComponentChildren }) {
  const [message, setMessage] = useState<{ text: string; tone: "error" | "info" } | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    const next = String(form.get("new"));
    if (next !== String(form.get("repeat"))) {
      setMessage({ text: "The two new passwords differ.", tone: "error" });
      return;
    }
    try {
      await session.changePassword(String(form.get("current")), next);
      formElement.reset();
      setMessage({
        text: "Password changed. Your other sessions have been signed out.",
        tone: "info",
      });
    } catch (e) {
      setMessage({
        text:
          e instanceof ApiError && e.status === 401
            ? "Your current password is not right."
            : describeError(e),
        tone: "error",
      });
    }
  };
  return (
    <main class="page narrow">
      <h1>Your account</h1>
      <p>
        {props.name} · {props.email}
      </p>
      <form onSubmit={submit} class="card">
        <h2>Change password</h2>
        <label class="field">
          Current password
          <input name="current" type="password" autoComplete="current-password" required />
        </label>
        <label class="field">
          New password
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
          Repeat new password
          <input
            name="repeat"
            type="password"
            autoComplete="new-password"
            minLength={10}
            required
          />
        </label>
        <Notice text={message?.text ?? null} tone={message?.tone} />
        <button type="submit" class="primary">
          Change password
        </button>
      </form>
      {props.children}
    </main>
  );
}
