// "Your byline" on the account page: the title and portrait readers see beside one's name on
// every post signed from now on. The portrait is uploaded like any image; the smallest
// variant is kept, as a byline shows it small.

import { useState } from "preact/hooks";
import { describeError } from "../api/client";
import { uploadImage, users } from "../api/newsroom";
import type { User } from "../api/types";
import { t } from "../i18n/messages";
import { Notice } from "../ui/dialog";

export function BylineProfile(props: { user: User }) {
  const [title, setTitle] = useState(props.user.title ?? "");
  const [avatar, setAvatar] = useState<string | null>(props.user.avatar ?? null);
  const [message, setMessage] = useState<{ text: string; tone: "error" | "info" } | null>(null);
  const [busy, setBusy] = useState(false);

  const upload = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    try {
      const image = await uploadImage(file);
      const small = image.variants?.find((v) => v.width === 480 && v.type === "image/webp");
      setAvatar(small?.src ?? image.src);
    } catch (error) {
      setMessage({ text: describeError(error), tone: "error" });
    } finally {
      setBusy(false);
    }
  };

  const save = async (event: Event) => {
    event.preventDefault();
    try {
      await users.updateProfile(props.user.id, { title: title.trim(), avatar });
      setMessage({ text: t("bylineProfile.saved"), tone: "info" });
    } catch (error) {
      setMessage({ text: describeError(error), tone: "error" });
    }
  };

  return (
    <form onSubmit={save} class="card byline-profile">
      <h2>{t("bylineProfile.yourByline")}</h2>
      <label class="field">
        {t("bylineProfile.title")}
        <input
          type="text"
          value={title}
          maxLength={120}
          placeholder={t("bylineProfile.eGMiddleEast")}
          onInput={(event) => setTitle(event.currentTarget.value)}
        />
      </label>
      <div class="field">
        {avatar && <img class="avatar" src={avatar} alt={props.user.name} width={64} height={64} />}
        <label>
          {t("bylineProfile.portrait")}
          <input
            type="file"
            accept="image/*"
            onChange={(event) => void upload(event.currentTarget.files?.[0])}
          />
        </label>
        {avatar && (
          <button type="button" class="link" onClick={() => setAvatar(null)}>
            {t("bylineProfile.removePortrait")}
          </button>
        )}
      </div>
      <Notice text={message?.text ?? null} tone={message?.tone} />
      <button type="submit" class="primary" disabled={busy}>
        {t("bylineProfile.saveByline")}
      </button>
    </form>
  );
}
