// A save that met a newer version: both versions side by side, theirs as the server rendered
// it and ours as we would publish it. The person chooses; nothing is overwritten or dropped
// without that choice, and after "Use theirs" our text stays on screen to copy from.

import type { PostBody as Body, Post } from "../api/types";
import { blocksToPlainText } from "../blocks/convert";
import { Dialog } from "../ui/dialog";
import { PostBody, previewHtml } from "./preview";

export function ConflictDialog(props: {
  theirs: Post;
  mine: Body;
  onKeepMine: () => void;
  onUseTheirs: () => void;
}) {
  const { theirs, mine } = props;
  return (
    <Dialog title="Someone else changed this post" wide onClose={() => {}}>
      <p>
        Someone saved this post while you were editing it (it is now at version {theirs.version}).
        Choose which version to keep.
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

/** What remains of our version after choosing theirs: plain text, ready to copy. */
export function YourTextBox(props: { mine: Body; onDismiss: () => void }) {
  const text = [props.mine.title, blocksToPlainText(props.mine.blocks ?? [])]
    .filter(Boolean)
    .join("\n\n");
  return (
    <section class="your-text" aria-label="Your earlier text">
      <label>
        Your version (copy what you need)
        <textarea readOnly rows={6} value={text} />
      </label>
      <button type="button" onClick={props.onDismiss}>
        Done with my earlier text
      </button>
    </section>
  );
}
