// The composer's formatting bar: each button names what it does and says (aria-pressed)
// whether it is on where the cursor is. Links get a small inline form rather than a prompt;
// the media library and the poll form open as dialogs (./media-library.tsx, ./poll-form.tsx).

import type { Editor } from "@tiptap/core";
import { TextSelection } from "@tiptap/pm/state";
import { useEffect, useState } from "preact/hooks";
import { t } from "../i18n/messages";
import type { Zone } from "../ui/time";
import { groupImagesIntoGallery } from "./gallery-node";
import { insertLibraryImage, MediaLibraryDialog } from "./media-library";
import { PollDialog } from "./poll-form";
import { EDIT_POLL_EVENT, type PollAt, pollAt, savePoll, selectedPoll } from "./poll-node";

function Tool(props: { label: string; active?: boolean; onClick: () => void; text: string }) {
  return (
    <button
      type="button"
      class="tool"
      aria-label={props.label}
      title={props.label}
      {...(props.active !== undefined ? { "aria-pressed": props.active } : {})}
      onMouseDown={(event) => event.preventDefault()}
      onClick={props.onClick}
    >
      {props.text}
    </button>
  );
}

export function Toolbar(props: {
  editor: Editor | null;
  /**
   * The blog's zone, given where a post is written: the Poll action is there (a poll in a
   * blog's lead takes no votes), its closing time typed on this clock.
   */
  zone?: Zone;
  onPickImages: (files: File[]) => void;
}) {
  const { editor } = props;
  const [linking, setLinking] = useState<string | null>(null);
  const [browsing, setBrowsing] = useState(false);
  // The poll form: `at` null for a new poll, else the poll it changes.
  const [polling, setPolling] = useState<{ at: PollAt | null } | null>(null);
  useEffect(() => {
    const dom = editor?.view.dom;
    if (!dom) return;
    const edit = (event: Event) => {
      const pos = (event as CustomEvent<{ pos: number }>).detail.pos;
      const at = pollAt(editor, pos);
      if (at) setPolling({ at });
    };
    dom.addEventListener(EDIT_POLL_EVENT, edit);
    return () => dom.removeEventListener(EDIT_POLL_EVENT, edit);
  }, [editor]);
  if (!editor) return <div class="toolbar" />;
  const chain = () => editor.chain().focus();
  const is = (name: string, attrs?: Record<string, unknown>) => editor.isActive(name, attrs);
  const applyLink = (event: Event) => {
    event.preventDefault();
    const href = (linking ?? "").trim();
    // The cursor ends up after the link, so typing goes on in plain text.
    const link = chain().extendMarkRange("link");
    (href ? link.setLink({ href }) : link.unsetLink())
      .command(({ tr }) => {
        tr.setSelection(TextSelection.create(tr.doc, tr.selection.to));
        return true;
      })
      .run();
    setLinking(null);
  };
  return (
    <div class="toolbar" role="toolbar" aria-label={t("toolbar.formatting")}>
      <Tool
        label={t("toolbar.bold")}
        text="B"
        active={is("bold")}
        onClick={() => chain().toggleBold().run()}
      />
      <Tool
        label={t("toolbar.italic")}
        text="I"
        active={is("italic")}
        onClick={() => chain().toggleItalic().run()}
      />
      <Tool
        label={t("toolbar.link")}
        text={t("toolbar.link")}
        active={is("link")}
        onClick={() => setLinking(String(editor.getAttributes("link").href ?? ""))}
      />
      <span class="tool-sep" />
      <Tool
        label={t("toolbar.h2Heading")}
        text="H2"
        active={is("heading", { level: 2 })}
        onClick={() => chain().toggleHeading({ level: 2 }).run()}
      />
      <Tool
        label={t("toolbar.h3Subheading")}
        text="H3"
        active={is("heading", { level: 3 })}
        onClick={() => chain().toggleHeading({ level: 3 }).run()}
      />
      <Tool
        label={t("toolbar.quote")}
        text="“ ”"
        active={is("quote")}
        onClick={() => chain().toggleNode("quote", "paragraph").run()}
      />
      <Tool
        label={t("toolbar.bulletedList")}
        text="•"
        active={is("bulletList")}
        onClick={() => chain().toggleBulletList().run()}
      />
      <Tool
        label={t("toolbar.numberedList")}
        text="1."
        active={is("orderedList")}
        onClick={() => chain().toggleOrderedList().run()}
      />
      <Tool
        label={t("toolbar.divider")}
        text="—"
        onClick={() => chain().setHorizontalRule().run()}
      />
      <label class="tool tool-file">
        {t("toolbar.image")}
        <input
          type="file"
          accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
          aria-label={t("toolbar.addImage")}
          multiple
          onChange={(event) => {
            const input = event.currentTarget;
            props.onPickImages([...(input.files ?? [])]);
            input.value = "";
          }}
        />
      </label>
      <Tool
        label={t("toolbar.mediaLibrary")}
        text={t("toolbar.mediaLibrary")}
        onClick={() => setBrowsing(true)}
      />
      <Tool
        label={t("toolbar.galleryJoinTheImages")}
        text={t("toolbar.gallery")}
        onClick={() => groupImagesIntoGallery(editor)}
      />
      {props.zone && (
        <Tool
          label={t("toolbar.pollAddOrChange")}
          text={t("toolbar.poll")}
          onClick={() => setPolling({ at: selectedPoll(editor) })}
        />
      )}
      {polling && props.zone && (
        <PollDialog
          poll={polling.at?.poll ?? null}
          votes={polling.at?.results?.total ?? 0}
          zone={props.zone}
          onClose={() => {
            setPolling(null);
            editor.commands.focus();
          }}
          onSave={(poll) => {
            savePoll(editor, poll, polling.at?.pos ?? null);
            setPolling(null);
            editor.commands.focus();
          }}
        />
      )}
      {browsing && (
        <MediaLibraryDialog
          onClose={() => {
            setBrowsing(false);
            editor.commands.focus();
          }}
          onPick={(item) => {
            setBrowsing(false);
            insertLibraryImage(editor, item);
          }}
        />
      )}
      {linking !== null && (
        <form class="link-form" onSubmit={applyLink}>
          <label>
            {t("toolbar.linkAddress")}
            <input
              type="url"
              value={linking}
              placeholder="https://"
              onInput={(event) => setLinking(event.currentTarget.value)}
              // biome-ignore lint/a11y/noAutofocus: the person just asked to type a link
              autoFocus
            />
          </label>
          <button type="submit">{t("toolbar.applyLink")}</button>
          <button type="button" onClick={() => setLinking(null)}>
            {t("toolbar.cancel")}
          </button>
        </form>
      )}
    </div>
  );
}
