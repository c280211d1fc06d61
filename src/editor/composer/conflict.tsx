// A save that met a newer version: both versions side by side, theirs as the server rendered
// it and ours as we would publish it, naming who saved (from presence). The person chooses;
// nothing is overwritten or dropped without that choice, and after "Use theirs" our version
// stays on screen, formatted, to copy from (it is never saved again by itself).

import { useState } from "preact/hooks";
import { escapeHtml } from "../../core/content/inline";
import type { PostBody as Body, Post } from "../api/types";
import { blocksToPlainText } from "../blocks/convert";
import { t } from "../i18n/messages";
import { Dialog } from "../ui/dialog";
import { useDeskTime } from "../ui/time";
import { PostBody, previewHtml } from "./preview";

/** "Amira Haddad", "Amira Haddad or Bo Lindqvist", or "Someone". */
function whoSaved(names: readonly string[]): string {
  if (names.length === 0) return t("conflict.someone");
  if (names.length === 1) return names[0] ?? t("conflict.someone");
  return names.join(t("conflict.orJoiner"));
}

export function ConflictDialog(props: {
  theirs: Post;
  mine: Body;
  /** Colleagues editing this post now: one of them saved it. */
  savedBy: readonly string[];
  onKeepMine: () => void;
  onUseTheirs: () => void;
}) {
  const { theirs, mine } = props;
  const deskTime = useDeskTime();
  return (
    <Dialog title={t("conflict.someoneElseChangedThis")} wide onClose={() => {}}>
      <p>
        {t("conflict.savedWhileEditing", {
          who: whoSaved(props.savedBy),
          time: deskTime(theirs.updatedAt),
          version: theirs.version,
        })}
      </p>
      <div class="conflict-columns">
        <section class="conflict-side" aria-labelledby="conflict-theirs">
          <h3 id="conflict-theirs">{t("conflict.theirVersion")}</h3>
          {theirs.title && <p class="post-title">{theirs.title}</p>}
          <PostBody html={theirs.html} />
        </section>
        <section class="conflict-side" aria-labelledby="conflict-mine">
          <h3 id="conflict-mine">{t("conflict.yourVersion")}</h3>
          {mine.title && <p class="post-title">{mine.title}</p>}
          <PostBody html={previewHtml(mine.blocks ?? [])} />
        </section>
      </div>
      <div class="actions">
        <button type="button" onClick={props.onUseTheirs}>
          {t("conflict.useTheirs")}
        </button>
        <button type="button" class="primary" onClick={props.onKeepMine}>
          {t("conflict.keepMineOverwrite")}
        </button>
      </div>
    </Dialog>
  );
}

/** Our version after choosing theirs: as it would have published, with a copy button. */
export function YourTextBox(props: { mine: Body; onDismiss: () => void }) {
  const [copied, setCopied] = useState(false);
  const html = previewHtml(props.mine.blocks ?? []);
  const copy = async () => {
    const title = props.mine.title ?? "";
    const text = [title, blocksToPlainText(props.mine.blocks ?? [])].filter(Boolean).join("\n\n");
    const rich = `${title ? `<h2>${escapeHtml(title)}</h2>` : ""}${html}`;
    try {
      await navigator.clipboard.write([
        new ClipboardItem({
          "text/html": new Blob([rich], { type: "text/html" }),
          "text/plain": new Blob([text], { type: "text/plain" }),
        }),
      ]);
    } catch {
      await navigator.clipboard.writeText(text).catch(() => {});
    }
    setCopied(true);
  };
  return (
    <section class="your-text" aria-labelledby="your-text-title">
      <h3 id="your-text-title">{t("conflict.yourEarlierVersion")}</h3>
      <p class="muted">{t("conflict.shownHereUntilYou")}</p>
      {props.mine.title && <p class="post-title">{props.mine.title}</p>}
      <PostBody html={html} />
      <div class="actions">
        <button type="button" onClick={() => void copy()}>
          {copied ? t("conflict.copied") : t("conflict.copyMyVersion")}
        </button>
        <button type="button" class="quiet" onClick={props.onDismiss}>
          {t("conflict.doneWithMyEarlier")}
        </button>
      </div>
    </section>
  );
}
