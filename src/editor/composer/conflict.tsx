// A save that met a newer version: both versions side by side, theirs as the server rendered
// it and ours as we would publish it, naming who saved (from presence). The person chooses;
// nothing is overwritten or dropped without that choice, and after "Use theirs" our version
// stays on screen, formatted, to copy from (it is never saved again by itself).

import { useState } from "preact/hooks";
import { escapeHtml } from "../../core/content/inline";
import type { PostBody as Body, Post } from "../api/types";
import { blocksToPlainText } from "../blocks/convert";
import { Dialog } from "../ui/dialog";
import { deskTime } from "../ui/time";
import { PostBody, previewHtml } from "./preview";

/** "Amira Haddad", "Amira Haddad or Bo Lindqvist", or "Someone". */
function whoSaved(names: readonly string[]): string {
  if (names.length === 0) return "Someone";
  return names.length === 1 ? (names[0] ?? "Someone") : names.join(" or ");
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
  return (
    <Dialog title="Someone else changed this post" wide onClose={() => {}}>
      <p>
        {whoSaved(props.savedBy)} saved this post at {deskTime(theirs.updatedAt)} while you were
        editing it (it is now at version {theirs.version}). Choose which version to keep.
      </p>
      <div class="conflict-columns">
        <section class="conflict-side" aria-labelledby="conflict-theirs">
          <h3 id="conflict-theirs">Their version</h3>
          {theirs.title && <p class="post-title">{theirs.title}</p>}
          <PostBody html={theirs.html} />
        </section>
        <section class="conflict-side" aria-labelledby="conflict-mine">
          <h3 id="conflict-mine">Your version</h3>
          {mine.title && <p class="post-title">{mine.title}</p>}
          <PostBody html={previewHtml(mine.blocks ?? [])} />
        </section>
      </div>
      <div class="actions">
        <button type="button" onClick={props.onUseTheirs}>
          Use theirs
        </button>
        <button type="button" class="primary" onClick={props.onKeepMine}>
          Keep mine (overwrite)
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
      <h3 id="your-text-title">Your earlier version</h3>
      <p class="muted">Shown here until you dismiss it: copy what you need into the post.</p>
      {props.mine.title && <p class="post-title">{props.mine.title}</p>}
      <PostBody html={html} />
      <div class="actions">
        <button type="button" onClick={() => void copy()}>
          {copied ? "Copied" : "Copy my version"}
        </button>
        <button type="button" class="quiet" onClick={props.onDismiss}>
          Done with my earlier text
        </button>
      </div>
    </section>
  );
}
