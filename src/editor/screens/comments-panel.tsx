// Readers' comments, in a blog's settings (editors and admins): off, each read by an editor
// before it appears (pre-moderation) or out at once and taken down if need be
// (post-moderation); closed to new comments; how many one address may send per hour; and the
// blocked words, one per line, which hold a comment for an editor whatever the mode. Saved
// on its own, apart from the settings form above it.

import { useState } from "preact/hooks";
import type { Blog } from "../api/types";
import { t } from "../i18n/messages";
import { onLinkClick } from "../router";
import { SettingsPanel } from "./settings-panel";

export function CommentsPanel(props: { blog: Blog; onSaved: (blog: Blog) => void }) {
  const { blog } = props;
  const [mode, setMode] = useState(blog.comments ?? "off");
  const [closed, setClosed] = useState(blog.commentsClosed ?? false);
  const [perHour, setPerHour] = useState(String(blog.commentsPerHour ?? 5));
  const [words, setWords] = useState((blog.commentWords ?? []).join("\n"));

  return (
    <SettingsPanel
      blog={blog}
      onSaved={props.onSaved}
      id="comment-settings-title"
      title={t("commentSettings.title")}
      explain={
        <>
          {t("commentSettings.explain")}{" "}
          <a href={`/admin/blogs/${blog.slug}/comments`} onClick={onLinkClick}>
            {t("commentSettings.moderate")}
          </a>
        </>
      }
      changes={() => ({
        comments: mode,
        commentsClosed: closed,
        commentsPerHour: Number(perHour),
        commentWords: words
          .split("\n")
          .map((word) => word.trim())
          .filter(Boolean),
      })}
      saveLabel={t("commentSettings.save")}
      savedText={t("commentSettings.saved")}
    >
      <label class="field">
        {t("commentSettings.mode")}
        <select
          value={mode}
          onChange={(e) => setMode(e.currentTarget.value as "off" | "pre" | "post")}
        >
          <option value="off">{t("commentSettings.off")}</option>
          <option value="pre">{t("commentSettings.pre")}</option>
          <option value="post">{t("commentSettings.post")}</option>
        </select>
      </label>
      <label class="check">
        <input
          type="checkbox"
          checked={closed}
          onChange={(e) => setClosed(e.currentTarget.checked)}
        />{" "}
        {t("commentSettings.closed")}
      </label>
      <label class="field">
        {t("commentSettings.perHour")}
        <input
          type="number"
          min={1}
          max={100}
          step={1}
          required
          value={perHour}
          onInput={(e) => setPerHour(e.currentTarget.value)}
        />
      </label>
      <label class="field">
        {t("commentSettings.words")}
        <textarea rows={4} value={words} onInput={(e) => setWords(e.currentTarget.value)} />
      </label>
    </SettingsPanel>
  );
}
