// Readers' contributions, in a blog's settings (editors and admins): whether the reader page
// and the embed offer "Send us your question or what you are seeing", with the prompt the form
// opens with, and a link to the moderation queue. Saved on its own, like the panels beside it.

import { useState } from "preact/hooks";
import type { Blog } from "../api/types";
import { t } from "../i18n/messages";
import { onLinkClick } from "../router";
import { SettingsPanel } from "./settings-panel";

export function ContributionsPanel(props: { blog: Blog; onSaved: (blog: Blog) => void }) {
  const { blog } = props;
  const [on, setOn] = useState(blog.contributions?.enabled ?? false);
  const [prompt, setPrompt] = useState(blog.contributions?.prompt ?? "");

  return (
    <SettingsPanel
      blog={blog}
      onSaved={props.onSaved}
      id="contributions-title"
      title={t("contributionsPanel.title")}
      explain={t("contributionsPanel.explain")}
      changes={() => ({
        contributions: { enabled: on, ...(prompt.trim() ? { prompt: prompt.trim() } : {}) },
      })}
      saveLabel={t("contributionsPanel.save")}
      savedText={t("contributionsPanel.saved")}
      actions={
        <a href={`/admin/blogs/${blog.slug}/contributions`} onClick={onLinkClick}>
          {t("contributionsPanel.openQueue")}
        </a>
      }
    >
      <label class="check">
        <input type="checkbox" checked={on} onChange={(e) => setOn(e.currentTarget.checked)} />{" "}
        {t("contributionsPanel.on")}
      </label>
      <label class="field">
        {t("contributionsPanel.prompt")}
        <input
          maxLength={300}
          value={prompt}
          placeholder={t("contributionsPanel.promptPlaceholder")}
          onInput={(e) => setPrompt(e.currentTarget.value)}
        />
      </label>
    </SettingsPanel>
  );
}
