// Ad and promo slots, in a blog's settings (editors and admins): whether the live page has
// slots for the publisher's ad script, after every how many updates, and the height each
// reserves so that an ad filling it never moves the posts. Saved on its own, apart from the
// settings form above it.

import { useState } from "preact/hooks";
import type { Blog } from "../api/types";
import { t } from "../i18n/messages";
import { SettingsPanel } from "./settings-panel";

export function AdSlotsPanel(props: { blog: Blog; onSaved: (blog: Blog) => void }) {
  const { blog } = props;
  const [on, setOn] = useState(Boolean(blog.adSlots));
  const [every, setEvery] = useState(String(blog.adSlots?.every ?? 5));
  const [height, setHeight] = useState(String(blog.adSlots?.height ?? 250));

  return (
    <SettingsPanel
      blog={blog}
      onSaved={props.onSaved}
      id="ad-slots-title"
      title={t("adSlots.title")}
      explain={t("adSlots.explain")}
      changes={() => ({
        adSlots: on ? { every: Number(every), height: Number(height) } : null,
      })}
      saveLabel={t("adSlots.save")}
      savedText={t("adSlots.saved")}
    >
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
    </SettingsPanel>
  );
}
