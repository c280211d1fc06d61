// The composer's media library: a dialog of earlier uploads (newest first, searchable by file
// name, alt text, caption, credit and uploader) where picking one puts it in the post with the
// words it was last published with, so a photo's caption and credit travel with it.

import type { Editor } from "@tiptap/core";
import { useEffect, useRef, useState } from "preact/hooks";
import { describeError } from "../api/client";
import { mediaLibrary } from "../api/newsroom";
import type { MediaItem } from "../api/types";
import { t } from "../i18n/messages";
import { Dialog, Notice } from "../ui/dialog";

/** How long typing pauses before the library is searched. */
const SEARCH_PAUSE_MS = 250;

export function MediaLibraryDialog(props: {
  onPick: (item: MediaItem) => void;
  onClose: () => void;
}) {
  const [q, setQ] = useState("");
  const [items, setItems] = useState<MediaItem[] | null>(null);
  const [next, setNext] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  // Answers to an earlier search that arrive late are dropped.
  const asked = useRef(0);
  const load = (words: string, before?: string) => {
    const ticket = ++asked.current;
    mediaLibrary.page(words, before).then(
      (page) => {
        if (ticket !== asked.current) return;
        setItems((shown) => (before ? [...(shown ?? []), ...page.media] : page.media));
        setNext(page.next);
        setError(null);
      },
      (e) => ticket === asked.current && setError(describeError(e)),
    );
  };
  useEffect(() => {
    const timer = setTimeout(() => load(q), q ? SEARCH_PAUSE_MS : 0);
    return () => clearTimeout(timer);
  }, [q]);
  return (
    <Dialog title={t("mediaLibrary.mediaLibrary")} wide onClose={props.onClose}>
      <form
        class="media-search"
        aria-label={t("mediaLibrary.searchTheMediaLibrary")}
        onSubmit={(event) => event.preventDefault()}
      >
        <label>
          {t("mediaLibrary.searchImages")}
          <input
            type="search"
            value={q}
            placeholder={t("mediaLibrary.captionCreditFileName")}
            onInput={(event) => setQ(event.currentTarget.value)}
          />
        </label>
      </form>
      <Notice text={error} tone="error" />
      {items?.length === 0 && (
        <p class="muted">
          {q ? t("mediaLibrary.noImagesMatchThese") : t("mediaLibrary.nothingUploadedYet")}
        </p>
      )}
      <ul class="media-grid" aria-label={t("mediaLibrary.images")} aria-busy={items === null}>
        {(items ?? []).map((item) => (
          <li key={item.id}>
            <button
              type="button"
              class="media-pick"
              aria-label={t("mediaLibrary.useImage", {
                name: item.alt || item.fileName || item.id,
              })}
              onClick={() => props.onPick(item)}
            >
              <img src={item.thumbnail} alt={item.alt} loading="lazy" />
            </button>
            <p class="small">
              {item.alt ? (
                t("mediaLibrary.alt", { alt: item.alt })
              ) : (
                <em>{t("mediaLibrary.noAltTextYet")}</em>
              )}
              {item.caption && <span>{t("mediaLibrary.caption", { caption: item.caption })}</span>}
              {item.credit && <span>{t("mediaLibrary.credit", { credit: item.credit })}</span>}
              <span class="muted">
                {t("mediaLibrary.uploadBy", {
                  file: item.fileName || t("mediaLibrary.upload"),
                  name: item.uploadedBy.name,
                })}
              </span>
            </p>
          </li>
        ))}
      </ul>
      <div class="actions">
        {next && (
          <button type="button" onClick={() => load(q, next)}>
            {t("mediaLibrary.moreImages")}
          </button>
        )}
        <button type="button" onClick={props.onClose}>
          {t("mediaLibrary.close")}
        </button>
      </div>
    </Dialog>
  );
}

/** Puts a library image after the block the cursor is in, with its remembered words. */
export function insertLibraryImage(editor: Editor, item: MediaItem): void {
  const node = editor.schema.nodes.image?.create({
    src: item.src,
    alt: item.alt,
    caption: item.caption,
    credit: item.credit,
    ...(item.width > 0 && item.height > 0 ? { width: item.width, height: item.height } : {}),
  });
  if (!node) return;
  const { $to } = editor.state.selection;
  // Between blocks: after the top-level block the cursor is in.
  const at = $to.depth === 0 ? $to.pos : $to.after(1);
  editor.view.dispatch(editor.state.tr.insert(at, node).scrollIntoView());
}
