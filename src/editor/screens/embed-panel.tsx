// "Embed on another site": the blog's two copy-paste snippets (docs/DISTRIBUTION.md), with
// the embed's options, in the blog settings and in a dialog from the desk. Absolute URLs
// use this app's origin, which is the one readers reach the blog on.

import { useState } from "preact/hooks";
import { t } from "../i18n/messages";
import { Dialog } from "../ui/dialog";
import { DEFAULT_EMBED, type EmbedChoices, embedSnippets } from "./embed-code";

export function EmbedPanel(props: { slug: string; title: string }) {
  const [choices, setChoices] = useState<EmbedChoices>(DEFAULT_EMBED);
  const set = (change: Partial<EmbedChoices>) => setChoices({ ...choices, ...change });
  const snippets = embedSnippets(location.origin, props.slug, props.title, choices);
  return (
    <div class="embed-panel">
      <div class="embed-options">
        <label class="field">
          {t("embedPanel.theme")}
          <select
            value={choices.theme}
            onChange={(e) => set({ theme: e.currentTarget.value as EmbedChoices["theme"] })}
          >
            <option value="auto">{t("embedPanel.readersTheme")}</option>
            <option value="light">{t("embedPanel.light")}</option>
            <option value="dark">{t("embedPanel.dark")}</option>
          </select>
        </label>
        <label class="field">
          {t("embedPanel.accentColour")}
          <input
            value={choices.accent}
            placeholder="#b3001b"
            pattern="#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[a-zA-Z]{3,30}"
            onInput={(e) => set({ accent: e.currentTarget.value })}
          />
        </label>
        <label class="field">
          {t("embedPanel.font")}
          <input
            value={choices.font}
            placeholder="Georgia, serif"
            onInput={(e) => set({ font: e.currentTarget.value })}
          />
        </label>
        <label class="field">
          {t("embedPanel.postsPerPage")}
          <input
            type="number"
            min={1}
            max={50}
            value={choices.limit}
            onInput={(e) =>
              set({ limit: Math.min(50, Math.max(1, Number(e.currentTarget.value) || 20)) })
            }
          />
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={choices.keyEvents}
            onChange={(e) => set({ keyEvents: e.currentTarget.checked })}
          />{" "}
          {t("embedPanel.keyEventsOnly")}
        </label>
      </div>
      <Snippet label={t("embedPanel.scriptEmbedInThe")} code={snippets.script} />
      <Snippet label={t("embedPanel.iframeEmbedSizedTo")} code={snippets.iframe} />
    </div>
  );
}

function Snippet(props: { label: string; code: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async (event: Event) => {
    const area = (event.currentTarget as HTMLElement).parentElement?.querySelector("textarea");
    try {
      await navigator.clipboard.writeText(props.code);
    } catch {
      // No clipboard permission (an http address): select it for the person to copy.
      area?.select();
      document.execCommand("copy");
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <div class="embed-snippet">
      <label class="field">
        {props.label}
        <textarea readOnly rows={3} value={props.code} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <button type="button" onClick={(e) => void copy(e)}>
        {copied ? t("embedPanel.copied") : t("embedPanel.copy")}
      </button>
    </div>
  );
}

/** The desk's "Embed" link and its dialog. */
export function EmbedButton(props: { slug: string; title: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" class="link-button" onClick={() => setOpen(true)}>
        {t("embedPanel.embed")}
      </button>
      {open && (
        <Dialog title={t("embedPanel.embedThisBlogOn")} onClose={() => setOpen(false)} wide>
          <EmbedPanel slug={props.slug} title={props.title} />
          <div class="actions">
            <button type="button" onClick={() => setOpen(false)}>
              {t("embedPanel.done")}
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}
