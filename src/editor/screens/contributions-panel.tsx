// Readers' contributions, in a blog's settings (editors and admins): whether the reader page
// and the embed offer "Send us your question or what you are seeing", with the prompt the form
// opens with, and a link to the moderation queue. Saved on its own, like the panels beside it.

import { useState } from "preact/hooks";
import { describeError } from "../api/client";
import { blogs } from "../api/newsroom";
import type { Blog } from "../api/types";
import { t } from "../i18n/messages";
import { onLinkClick } from "../router";
import { Notice } from "../ui/dialog";

export function ContributionsPanel(props: { blog: Blog; onSaved: (blog: Blog) => void }) {
  const { blog } = props;
  const [on, setOn] = useState(blog.contributions?.enabled ?? false);
  const [prompt, setPrompt] = useState(blog.contributions?.prompt ?? "");
  const [message, setMessage] = useState<{ text: string; tone: "error" | "info" } | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      const contributions = { enabled: on, ...(prompt.trim() ? { prompt: prompt.trim() } : {}) };
      props.onSaved(await blogs.update(blog.slug, { contributions }));
      setMessage({ text: t("contributionsPanel.saved"), tone: "info" });
    } catch (e) {
      setMessage({ text: describeError(e), tone: "error" });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card settings" aria-labelledby="contributions-title">
      <h2 id="contributions-title">{t("contributionsPanel.title")}</h2>
      <p class="muted">{t("contributionsPanel.explain")}</p>
      <form onSubmit={save}>
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
        <Notice text={message?.text ?? null} tone={message?.tone} />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {t("contributionsPanel.save")}
          </button>
          <a href={`/admin/blogs/${blog.slug}/contributions`} onClick={onLinkClick}>
            {t("contributionsPanel.openQueue")}
          </a>
        </div>
      </form>
    </section>
  );
}
