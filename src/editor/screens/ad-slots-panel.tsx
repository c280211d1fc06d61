// Ad and promo slots, in a blog's settings (editors and admins): whether the live page has
// slots for the publisher's ad script, after every how many updates, and the height each
// reserves so that an ad filling it never moves the posts. Saved on its own, apart from the
// settings form above it.

import { useState } from "preact/hooks";
import { describeError } from "../api/client";
import { blogs } from "../api/newsroom";
import type { Blog } from "../api/types";
import { t } from "../i18n/messages";
import { Notice } from "../ui/dialog";

export function AdSlotsPanel(props: { blog: Blog; onSaved: (blog: Blog) => void }) {
  const { blog } = props;
  const [on, setOn] = useState(Boolean(blog.adSlots));
  const [every, setEvery] = useState(String(blog.adSlots?.every ?? 5));
  const [height, setHeight] = useState(String(blog.adSlots?.height ?? 250));
  const [message, setMessage] = useState<{ text: string; tone: "error" | "info" } | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      const adSlots = on ? { every: Number(every), height: Number(height) } : null;
      props.onSaved(await blogs.update(blog.slug, { adSlots }));
      setMessage({ text: t("adSlots.saved"), tone: "info" });
    } catch (e) {
      setMessage({ text: describeError(e), tone: "error" });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card settings" aria-labelledby="ad-slots-title">
      <h2 id="ad-slots-title">{t("adSlots.title")}</h2>
      <p class="muted">{t("adSlots.explain")}</p>
      <form onSubmit={save}>
        <label class="check">
          <input type="checkbox" checked={on} onChange={(e) => setOn(e.currentTarget.checked)} />{" "}
          {t("adSlots.on")}
        </label>
        <label class="field">
          {t("adSlots.every")}
          <input
            type="number"
            min={2}
            max={50}
            step={1}
            required
            disabled={!on}
            value={every}
            onInput={(e) => setEvery(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          {t("adSlots.height")}
          <input
            type="number"
            min={50}
            max={600}
            step={10}
            required
            disabled={!on}
            value={height}
            onInput={(e) => setHeight(e.currentTarget.value)}
          />
        </label>
        <Notice text={message?.text ?? null} tone={message?.tone} />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {t("adSlots.save")}
          </button>
        </div>
      </form>
    </section>
  );
}
