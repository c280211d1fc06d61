// One panel of a blog's settings saved on its own (ad slots, contributions, comments): the
// card with its title and explanation, the panel's own fields, and the save with its
// outcome. The panel says what its fields change; saving, the busy button, "Saved" and the
// refusal's words are kept here once.

import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { describeError } from "../api/client";
import { blogs } from "../api/newsroom";
import type { Blog } from "../api/types";
import { Notice } from "../ui/dialog";

export interface SettingsPanelProps {
  blog: Blog;
  onSaved: (blog: Blog) => void;
  /** The heading's id, which labels the card. */
  id: string;
  title: string;
  /** Under the heading, in a muted paragraph. */
  explain: ComponentChildren;
  /** What saving changes, read from the panel's fields at the moment of saving. */
  changes: () => Partial<Blog>;
  saveLabel: string;
  savedText: string;
  /** Beside the save button. */
  actions?: ComponentChildren;
  children: ComponentChildren;
}

export function SettingsPanel(props: SettingsPanelProps) {
  const [message, setMessage] = useState<{ text: string; tone: "error" | "info" } | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      props.onSaved(await blogs.update(props.blog.slug, props.changes()));
      setMessage({ text: props.savedText, tone: "info" });
    } catch (e) {
      setMessage({ text: describeError(e), tone: "error" });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card settings" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <p class="muted">{props.explain}</p>
      <form onSubmit={save}>
        {props.children}
        <Notice text={message?.text ?? null} tone={message?.tone} />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {props.saveLabel}
          </button>
          {props.actions}
        </div>
      </form>
    </section>
  );
}
