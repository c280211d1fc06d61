// Admins: the newsroom's people. List them, add one with a role (the generated password is
// shown once), and disable or re-enable an account.

import { useEffect, useState } from "preact/hooks";
import { describeError } from "../api/client";
import { users } from "../api/newsroom";
import type { Role, User } from "../api/types";
import { Notice, useConfirm } from "../ui/dialog";
import { deskTime } from "../ui/time";

export function UsersScreen(props: { me: User }) {
  const [list, setList] = useState<User[]>([]);
  const [message, setMessage] = useState<{ text: string; tone: "error" | "info" } | null>(null);
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);
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
      setMessage({ text: `${answer.user.email} added.`, tone: "info" });
      await reload();
    } catch (e) {
      fail(e);
    }
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
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Since</th>
            <th scope="col">Account</th>
          </tr>
        </thead>
        <tbody>
          {list.map((user) => (
            <tr key={user.id} class={user.disabled ? "is-disabled" : ""}>
              <td>{user.name}</td>
              <td>{user.email}</td>
              <td>{user.role}</td>
              <td>{deskTime(user.createdAt)}</td>
              <td>
                {user.disabled ? "Disabled " : "Active "}
                {user.id !== props.me.id && (
                  <button type="button" onClick={() => void setDisabled(user, !user.disabled)}>
                    {user.disabled ? `Enable ${user.email}` : `Disable ${user.email}`}
                  </button>
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
    </main>
  );
}
