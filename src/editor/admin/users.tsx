// Admins: the newsroom's people. List them, add one with a role (the generated password is
// shown once), change someone's role and byline title, reset a password to a temporary one,
// and disable or re-enable an account.

import { useEffect, useState } from "preact/hooks";
import { describeError } from "../api/client";
import { users } from "../api/newsroom";
import type { Role, User } from "../api/types";
import { Notice, useConfirm } from "../ui/dialog";
import { deskTime } from "../ui/time";
import { BylineTitle } from "./byline-title";
import { type PasswordReset, ResetPasswordDialog } from "./reset-password";

const ROLES: Role[] = ["reporter", "editor", "admin"];
const withArticle = (role: Role) =>
  role === "admin" || role === "editor" ? `an ${role}` : `a ${role}`;

export function UsersScreen(props: { me: User }) {
  const [list, setList] = useState<User[]>([]);
  const [message, setMessage] = useState<{ text: string; tone: "error" | "info" } | null>(null);
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [reset, setReset] = useState<PasswordReset | null>(null);
  const confirm = useConfirm();
  const fail = (e: unknown) => setMessage({ text: describeError(e), tone: "error" });
  const reload = () => users.list().then(setList, fail);
  useEffect(() => void reload(), []);

  const add = async (event: Event) => {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    const name = String(form.get("name")).trim();
    const password = String(form.get("password"));
    try {
      const answer = await users.add({
        email: String(form.get("email")),
        role: String(form.get("role")) as Role,
        ...(name ? { name } : {}),
        ...(password ? { password } : {}),
      });
      formElement.reset();
      setCreated(answer.password ? { email: answer.user.email, password: answer.password } : null);
      setReset(null);
      setMessage({ text: `${answer.user.email} added.`, tone: "info" });
      await reload();
    } catch (e) {
      fail(e);
    }
  };

  const changeRole = async (user: User, role: Role, select: HTMLSelectElement) => {
    const self = user.id === props.me.id;
    // A demotion signs the person out everywhere: ask first. A promotion just happens.
    if (ROLES.indexOf(role) < ROLES.indexOf(user.role)) {
      const yes = await confirm.ask({
        title: `Make ${self ? "yourself" : user.name || user.email} ${withArticle(role)}?`,
        message: `${self ? "You are" : "They are"} signed out everywhere and sign in again as ${withArticle(role)}. API tokens keep working, with ${withArticle(role)}'s permissions.`,
        confirm: `Make ${withArticle(role)}`,
        danger: true,
      });
      if (!yes) {
        select.value = user.role;
        return;
      }
    }
    try {
      const changed = await users.update(user.id, { role });
      setMessage({ text: `${changed.email} is now ${withArticle(changed.role)}.`, tone: "info" });
      await reload();
    } catch (e) {
      select.value = user.role;
      fail(e);
    }
  };

  const passwordReset = async (done: PasswordReset) => {
    setResetting(null);
    setReset(done);
    setCreated(null);
    setMessage({
      text: `${done.email} must choose a new password at their next sign-in.`,
      tone: "info",
    });
    await reload();
  };

  const setDisabled = async (user: User, disabled: boolean) => {
    if (disabled) {
      const yes = await confirm.ask({
        title: `Disable ${user.name || user.email}?`,
        message: "Their sessions and API tokens stop working at once.",
        confirm: "Disable account",
        danger: true,
      });
      if (!yes) return;
    }
    try {
      await users.update(user.id, { disabled });
      await reload();
    } catch (e) {
      fail(e);
    }
  };

  return (
    <main class="page">
      <h1>Users</h1>
      <Notice text={message?.text ?? null} tone={message?.tone} />
      {created && (
        <p class="notice secret" role="status">
          Password for {created.email} (shown once): <code>{created.password}</code>
        </p>
      )}
      {reset?.password && (
        <p class="notice secret" role="status">
          Temporary password for {reset.email} (shown once): <code>{reset.password}</code>
        </p>
      )}
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Byline title</th>
            <th scope="col">Since</th>
            <th scope="col">Account</th>
          </tr>
        </thead>
        <tbody>
          {list.map((user) => (
            <tr key={user.id} class={user.disabled ? "is-disabled" : ""}>
              <td>{user.name}</td>
              <td>{user.email}</td>
              <td>
                <select
                  aria-label={`Role of ${user.email}`}
                  value={user.role}
                  onChange={(event) => {
                    const select = event.currentTarget;
                    void changeRole(user, select.value as Role, select);
                  }}
                >
                  {ROLES.map((role) => (
                    <option key={role} value={role}>
                      {role[0]?.toUpperCase()}
                      {role.slice(1)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <BylineTitle
                  user={user}
                  onSaved={() =>
                    setMessage({ text: `Byline title of ${user.email} saved.`, tone: "info" })
                  }
                  onError={fail}
                />
              </td>
              <td>{deskTime(user.createdAt)}</td>
              <td>
                {user.disabled ? "Disabled " : "Active "}
                {user.mustChangePassword && <span class="muted">(must change password) </span>}
                {user.id !== props.me.id && (
                  <>
                    <button type="button" onClick={() => void setDisabled(user, !user.disabled)}>
                      {user.disabled ? `Enable ${user.email}` : `Disable ${user.email}`}
                    </button>{" "}
                    <button type="button" onClick={() => setResetting(user)}>
                      Reset password of {user.email}
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form class="card inline-form" onSubmit={add}>
        <h2>Add a user</h2>
        <label class="field">
          Email
          <input name="email" type="email" required />
        </label>
        <label class="field">
          Name
          <input name="name" />
        </label>
        <label class="field">
          Role
          <select name="role">
            <option value="reporter">Reporter</option>
            <option value="editor">Editor</option>
            <option value="admin">Admin</option>
          </select>
        </label>
        <label class="field">
          Password (leave empty to generate one)
          <input name="password" type="password" autoComplete="new-password" minLength={10} />
        </label>
        <button type="submit" class="primary">
          Add user
        </button>
      </form>
      {confirm.element}
      {resetting && (
        <ResetPasswordDialog
          user={resetting}
          onDone={(done) => void passwordReset(done)}
          onClose={() => setResetting(null)}
        />
      )}
    </main>
  );
}
