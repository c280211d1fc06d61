// The composer's source line and verification: "via Reuters" with an optional link, and
// whether the post is confirmed, unconfirmed or disputed, with a note readers see. Editors
// choose any state; a reporter may mark a post unconfirmed, and sees a state the desk set
// without being able to change it (the server refuses it too).

import type { PostSource, Verification, VerificationState } from "../api/types";
import { type MessageKey, t } from "../i18n/messages";

export interface Attribution {
  sourceText: string;
  sourceUrl: string;
  state: VerificationState | "";
  note: string;
}

export function attributionOf(post?: {
  source?: PostSource | undefined;
  verification?: Verification | undefined;
}): Attribution {
  return {
    sourceText: post?.source?.text ?? "",
    sourceUrl: post?.source?.url ?? "",
    state: post?.verification?.state ?? "",
    note: post?.verification?.note ?? "",
  };
}

/** The body's fields: null clears what was stated. */
export function attributionBody(value: Attribution): {
  source: PostSource | null;
  verification: Verification | null;
} {
  const text = value.sourceText.trim();
  const url = value.sourceUrl.trim();
  const note = value.note.trim();
  return {
    source: text ? { text, ...(url ? { url } : {}) } : null,
    verification: value.state ? { state: value.state, ...(note ? { note } : {}) } : null,
  };
}

const STATE_NAMES: Record<VerificationState, MessageKey> = {
  confirmed: "attributionFields.confirmed",
  unconfirmed: "attributionFields.unconfirmed",
  disputed: "attributionFields.disputed",
};

export function AttributionFields(props: {
  value: Attribution;
  /** Editors and admins: confirm and dispute. */
  canVerify: boolean;
  onChange(value: Attribution): void;
}) {
  const { value, canVerify, onChange } = props;
  const set = (over: Partial<Attribution>) => onChange({ ...value, ...over });
  // A reporter cannot change a confirmation or dispute the desk made.
  const locked = !canVerify && (value.state === "confirmed" || value.state === "disputed");
  const states: VerificationState[] = canVerify
    ? ["confirmed", "unconfirmed", "disputed"]
    : locked && value.state
      ? [value.state]
      : ["unconfirmed"];
  return (
    <fieldset class="attribution">
      <legend>{t("attributionFields.sourceAndVerification")}</legend>
      <label class="field">
        {t("attributionFields.source")}
        <input
          type="text"
          name="source-text"
          value={value.sourceText}
          maxLength={200}
          placeholder={t("attributionFields.eGViaReuters")}
          onInput={(event) => set({ sourceText: event.currentTarget.value })}
        />
      </label>
      <label class="field">
        {t("attributionFields.sourceLink")}
        <input
          type="url"
          name="source-url"
          value={value.sourceUrl}
          placeholder="https://…"
          onInput={(event) => set({ sourceUrl: event.currentTarget.value })}
        />
      </label>
      <label class="field">
        {t("attributionFields.verification")}
        <select
          name="verification"
          value={value.state}
          disabled={locked}
          onChange={(event) => set({ state: event.currentTarget.value as Attribution["state"] })}
        >
          {!locked && <option value="">{t("attributionFields.notStated")}</option>}
          {states.map((state) => (
            <option key={state} value={state}>
              {t(STATE_NAMES[state])}
            </option>
          ))}
        </select>
        {locked && <span class="hint">{t("attributionFields.setByTheDesk")}</span>}
      </label>
      {value.state && (
        <label class="field">
          {t("attributionFields.verificationNote")}
          <input
            type="text"
            name="verification-note"
            value={value.note}
            maxLength={500}
            disabled={locked}
            placeholder={t("attributionFields.whatReadersShouldKnow")}
            onInput={(event) => set({ note: event.currentTarget.value })}
          />
        </label>
      )}
    </fieldset>
  );
}
