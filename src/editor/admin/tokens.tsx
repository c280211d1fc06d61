// API tokens for scripts and wire importers: list, create (the token is shown once, never
// again), revoke. Admins see and make everyone's; others only their own.

import { useEffect, useState } from "preact/hooks";
import { describeError } from "../api/client";
import { tokens, users } from "../api/newsroom";
import type { Token, User } from "../api/types";
import { t } from "../i18n/messages";
import { Notice, useConfirm } from "../ui/dialog";
import { deskTime } from "../ui/time";

export function TokensScreen(props: { me: User }) {
  const admin = props.me.role === "admin";
  const [list, setList] = useState<Token[]>([]);
  const [people, setPeople] = useState<User[]>([]);
  const [fresh, setFresh] = useState<{ label: string; token: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const confirm = useConfirm();
  const fail = (e: unknown) => setError(describeError(e));
  const reload = () => tokens.list().then(setList, fail);
  useEffect(() => {
    void reload();
    if (admin) users.list().then(setPeople, () => {});
  }, []);

  const create = async (event: Event) => {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    const userId = String(form.get("userId") ?? "");
    try {
      const answer = await tokens.create(String(form.get("label")), userId || undefined);
      formElement.reset();
      setFresh({ label: answer.label, token: answer.token });
      await reload();
    } catch (e) {
      fail(e);
    }
  };

  const revoke = async (token: Token) => {
    const yes = await confirm.ask({
      title: t("tokens.revokeTitle", { label: token.label }),
      message: t("tokens.revokeMessage"),
      confirm: t("tokens.revokeToken"),
      danger: true,
    });
    if (!yes) return;
    try {
      await tokens.revoke(token.id);
      await reload();
    } catch (e) {
      fail(e);
    }
  };

  return (
    <main class="page">
      <h1>{t("tokens.apiTokens")}</h1>
      <Notice text={error} tone="error" />
      {fresh && (
        <div class="notice secret" role="status">
          <p>{t("tokens.newToken", { label: fresh.label })}</p>
          <label class="field">
            {t("tokens.token")}
            <input readOnly value={fresh.token} onFocus={(e) => e.currentTarget.select()} />
          </label>
        </div>
      )}
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t("tokens.label")}</th>
            <th scope="col">{t("tokens.user")}</th>
            <th scope="col">{t("tokens.created")}</th>
            <th scope="col">{t("tokens.state")}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((token) => (
            <tr key={token.id}>
              <td>{token.label}</td>
              <td>{token.user.name || token.user.email}</td>
              <td>{deskTime(token.createdAt)}</td>
              <td>
                {token.revokedAt ? (
                  t("tokens.revokedAt", { time: deskTime(token.revokedAt) })
                ) : (
                  <button type="button" class="danger" onClick={() => void revoke(token)}>
                    {t("tokens.revoke", { label: token.label })}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form class="card inline-form" onSubmit={create}>
        <h2>{t("tokens.createAToken")}</h2>
        <label class="field">
          {t("tokens.label")}
          <input name="label" required placeholder={t("tokens.eGWireImporter")} />
        </label>
        {admin && (
          <label class="field">
            {t("tokens.for")}
            <select name="userId">
              <option value="">{t("tokens.me")}</option>
              {people
                .filter((p) => p.id !== props.me.id && !p.disabled)
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name || p.email}
                  </option>
                ))}
            </select>
          </label>
        )}
        <button type="submit" class="primary">
          {t("tokens.createToken")}
        </button>
      </form>
      {confirm.element}
    </main>
  );
}
