// The composer's "Byline" control: who the post is signed by. Editors and admins pick any
// colleague (publishing on their behalf) and add agencies or guests by name; a reporter signs
// with their own name and may add agencies or guests. Left alone, the post is signed by its
// writer. The server enforces the same rules (core/operations/bylines.ts).

import { useEffect, useState } from "preact/hooks";
import { users } from "../api/newsroom";
import type { Byline, BylineChoice, Contributor, User } from "../api/types";
import { t } from "../i18n/messages";

/** The choices that reproduce a post's bylines, for editing it. */
export function choicesOf(bylines: readonly Byline[] | undefined): BylineChoice[] | undefined {
  if (!bylines?.length) return undefined;
  return bylines.map((b) =>
    b.userId ? { userId: b.userId } : { name: b.name, kind: b.kind ?? "organization" },
  );
}

export function BylinePicker(props: {
  user: User;
  /** Undefined: signed by the writer. */
  value: BylineChoice[] | undefined;
  /** The post's bylines as stored, to name colleagues the picker list may not hold. */
  known: readonly Byline[];
  onChange(next: BylineChoice[]): void;
  /** The names as readers will see them, for the preview. */
  onNames?(names: string): void;
}) {
  const { user, value, known, onChange, onNames } = props;
  const [colleagues, setColleagues] = useState<Contributor[]>([]);
  const [guest, setGuest] = useState("");
  const [kind, setKind] = useState<"organization" | "person">("organization");
  useEffect(() => {
    users
      .contributors()
      .then(setColleagues)
      .catch(() => setColleagues([]));
  }, []);

  const chosen = value ?? [{ userId: user.id }];
  const nameOf = (choice: BylineChoice) =>
    "name" in choice
      ? choice.name
      : (colleagues.find((c) => c.id === choice.userId)?.name ??
        known.find((b) => b.userId === choice.userId)?.name ??
        (choice.userId === user.id ? user.name : t("bylinePicker.aColleague")));
  const names = chosen.map(nameOf);
  const shown =
    names.length > 1
      ? t("bylinePicker.names", { first: names.slice(0, -1).join(", "), last: names.at(-1) })
      : (names[0] ?? "");
  useEffect(() => onNames?.(shown), [shown]);
  const onByline = new Set(chosen.flatMap((c) => ("userId" in c ? [c.userId] : [])));
  const offered = colleagues.filter((c) => !onByline.has(c.id));
  const addGuest = () => {
    const name = guest.trim();
    if (!name) return;
    onChange([...chosen, { name, kind }]);
    setGuest("");
  };

  return (
    <fieldset class="byline-picker">
      <legend>{t("bylinePicker.byline")}</legend>
      <ul class="byline-chips">
        {chosen.map((choice, i) => (
          <li key={"userId" in choice ? choice.userId : `name:${choice.name}`}>
            <span class="byline-chip-name">{nameOf(choice)}</span>
            {"kind" in choice && (
              <span class="byline-chip-kind">
                {choice.kind === "person" ? t("bylinePicker.guest") : t("bylinePicker.agency")}
              </span>
            )}
            {chosen.length > 1 && (
              <button
                type="button"
                class="link"
                aria-label={t("bylinePicker.remove", { name: nameOf(choice) })}
                onClick={() => onChange(chosen.filter((_, j) => j !== i))}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      <div class="byline-add">
        {offered.length > 0 && (
          <select
            aria-label={t("bylinePicker.addAColleagueTo")}
            value=""
            onChange={(event) => {
              const id = event.currentTarget.value;
              if (id) onChange([...chosen, { userId: id }]);
            }}
          >
            <option value="">{t("bylinePicker.addAColleague")}</option>
            {offered.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title
                  ? t("bylinePicker.nameWithTitle", { name: c.name, title: c.title })
                  : c.name}
              </option>
            ))}
          </select>
        )}
        <input
          type="text"
          aria-label={t("bylinePicker.agencyOrGuestName")}
          placeholder={t("bylinePicker.agencyOrGuestHint")}
          maxLength={120}
          value={guest}
          onInput={(event) => setGuest(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              addGuest();
            }
          }}
        />
        <select
          aria-label={t("bylinePicker.agencyOrGuest")}
          value={kind}
          onChange={(event) => setKind(event.currentTarget.value as "organization" | "person")}
        >
          <option value="organization">{t("bylinePicker.agencyOption")}</option>
          <option value="person">{t("bylinePicker.guestOption")}</option>
        </select>
        <button type="button" onClick={addGuest} disabled={!guest.trim()}>
          {t("bylinePicker.addName")}
        </button>
      </div>
    </fieldset>
  );
}
