// Admins: the newsroom's people. List them, add one with a role (the generated password is
// shown once), change someone's role and byline title, reset a password to a temporary one,
// and disable or re-enable an account.

import { useEffect, useState } from "preact/hooks";
import { describeError } from "../api/client";
import { users } from "../api/newsroom";
import type { Role, User } from "../api/types";
import { type MessageKey, t } from "../i18n/messages";
import { Notice, useConfirm } from "../ui/dialog";
import { deskTime } from "../ui/time";
import { BylineTitle } from "./byline-title";
import { type PasswordReset, ResetPasswordDialog } from "./reset-password";

const ROLES: Role[] = ["reporter", "editor", "admin"];
const ROLE_NAME: Record<Role, MessageKey> = {
  reporter: "users.reporter",
  editor: "users.editor",
  admin: "users.admin",
};

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
      setMessage({ text: t("users.added", { email: answer.user.email }), tone: "info" });
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
        title: t("users.demoteTitle", { self, name: user.name || user.email, role }),
        message: t("users.demoteMessage", { self, role }),
        confirm: t("users.demoteConfirm", { role }),
        danger: true,
      });
      if (!yes) {
        select.value = user.role;
        return;
      }
    }
    try {
      const changed = await users.update(user.id, { role });
      setMessage({
        text: t("users.roleChanged", { email: changed.email, role: changed.role }),
        tone: "info",
      });
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
      text: t("users.mustChooseNewPassword", { email: done.email }),
      tone: "info",
    });
    await reload();
  };

  const setDisabled = async (user: User, disabled: boolean) => {
    if (disabled) {
      const yes = await confirm.ask({
        title: t("users.disableTitle", { name: user.name || user.email }),
        message: t("users.disableMessage"),
        confirm: t("users.disableAccount"),
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
      <h1>{t("users.users")}</h1>
      <Notice text={message?.text ?? null} tone={message?.tone} />
      {created && (
        <p class="notice secret" role="status">
          {t("users.passwordFor", { email: created.email })} <code>{created.password}</code>
        </p>
      )}
      {reset?.password && (
        <p class="notice secret" role="status">
          {t("users.temporaryPasswordFor", { email: reset.email })} <code>{reset.password}</code>
        </p>
      )}
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t("users.name")}</th>
            <th scope="col">{t("users.email")}</th>
            <th scope="col">{t("users.role")}</th>
            <th scope="col">{t("users.bylineTitle")}</th>
            <th scope="col">{t("users.since")}</th>
            <th scope="col">{t("users.account")}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((user) => (
            <tr key={user.id} class={user.disabled ? "is-disabled" : ""}>
              <td>{user.name}</td>
              <td>{user.email}</td>
              <td>
                <select
                  aria-label={t("users.roleOf", { email: user.email })}
                  value={user.role}
                  onChange={(event) => {
                    const select = event.currentTarget;
                    void changeRole(user, select.value as Role, select);
                  }}
                >
                  {ROLES.map((role) => (
                    <option key={role} value={role}>
                      {t(ROLE_NAME[role])}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <BylineTitle
                  user={user}
                  onSaved={() =>
                    setMessage({
                      text: t("users.bylineTitleSaved", { email: user.email }),
                      tone: "info",
                    })
                  }
                  onError={fail}
                />
              </td>
              <td>{deskTime(user.createdAt)}</td>
              <td>
                {user.disabled ? t("users.disabled") : t("users.active")}{" "}
                {user.mustChangePassword && (
                  <span class="muted">{t("users.mustChangePassword")} </span>
                )}
                {user.id !== props.me.id && (
                  <>
                    <button type="button" onClick={() => void setDisabled(user, !user.disabled)}>
                      {t(user.disabled ? "users.enableUser" : "users.disableUser", {
                        email: user.email,
                      })}
                    </button>{" "}
                    <button type="button" onClick={() => setResetting(user)}>
                      {t("users.resetPasswordOf", { email: user.email })}
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form class="card inline-form" onSubmit={add}>
        <h2>{t("users.addAUser")}</h2>
        <label class="field">
          {t("users.email")}
          <input name="email" type="email" required />
        </label>
        <label class="field">
          {t("users.name")}
          <input name="name" />
        </label>
        <label class="field">
          {t("users.role")}
          <select name="role">
            <option value="reporter">{t("users.reporter")}</option>
            <option value="editor">{t("users.editor")}</option>
            <option value="admin">{t("users.admin")}</option>
          </select>
        </label>
        <label class="field">
          {t("users.passwordLeaveEmptyTo")}
          <input name="password" type="password" autoComplete="new-password" minLength={10} />
        </label>
        <button type="submit" class="primary">
          {t("users.addUser")}
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
