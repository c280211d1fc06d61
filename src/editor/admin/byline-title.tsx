// Admins: a colleague's byline title ("Middle East correspondent"), edited in place on the
// Users screen and saved when the field is left or Enter is pressed. Portraits are set by
// each person on their account page.

import { useState } from "preact/hooks";
import { users } from "../api/newsroom";
import type { User } from "../api/types";
import { t } from "../i18n/messages";

export function BylineTitle(props: {
  user: User;
  onSaved(user: User): void;
  onError(error: unknown): void;
}) {
  const { user } = props;
  const [title, setTitle] = useState(user.title ?? "");
  const save = async () => {
    if (title.trim() === (user.title ?? "")) return;
    try {
      props.onSaved(await users.updateProfile(user.id, { title: title.trim() }));
    } catch (error) {
      props.onError(error);
    }
  };
  return (
    <input
      type="text"
      aria-label={t("bylineTitle.of", { email: user.email })}
      placeholder={t("bylineTitle.eGGazaProducer")}
      maxLength={120}
      value={title}
      onInput={(event) => setTitle(event.currentTarget.value)}
      onBlur={() => void save()}
      onKeyDown={(event) => {
        if (event.key === "Enter") void save();
      }}
    />
  );
}
