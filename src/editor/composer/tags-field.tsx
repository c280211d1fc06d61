// The composer's tags: short labels readers can follow ("Kyiv", "Diplomacy"). Typed into one
// labelled box, offered the blog's tags already in use (a native datalist, so the keyboard and
// screen readers work as everywhere), added with Enter or a comma, each removable by its own
// button. The server checks the same rules (core/tags.ts); here they only keep the desk from
// typing what it would refuse.

import { useEffect, useState } from "preact/hooks";
import { api, enc } from "../api/client";
import { t } from "../i18n/messages";

const MAX_TAGS = 10;
const MAX_LENGTH = 40;

/** The same folding as the server's slug (core/tags.ts): two tags differing only in case are one. */
const keyOf = (tag: string) =>
  tag
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");

export function TagsField(props: {
  slug: string;
  value: string[];
  onChange(tags: string[]): void;
}) {
  const { slug, value, onChange } = props;
  const [typed, setTyped] = useState("");
  const [known, setKnown] = useState<string[]>([]);

  useEffect(() => {
    let live = true;
    api
      .get<{ tags: { tag: string }[] }>(`/api/blogs/${enc(slug)}/tags`)
      .then((answer) => live && setKnown(answer.tags.map((t) => t.tag)))
      .catch(() => {}); // Suggestions are a help: without them the field still works.
    return () => {
      live = false;
    };
  }, [slug]);

  const add = (raw: string) => {
    const tag = raw.trim().replace(/\s+/g, " ").slice(0, MAX_LENGTH);
    setTyped("");
    if (!keyOf(tag) || value.length >= MAX_TAGS) return;
    if (value.some((t) => keyOf(t) === keyOf(tag))) return;
    onChange([...value, tag]);
  };
  const taken = new Set(value.map(keyOf));
  const listId = `tag-suggestions-${slug}`;

  return (
    <fieldset class="tags-field">
      <legend>{t("tags.legend")}</legend>
      {value.length > 0 && (
        <ul class="tag-chips">
          {value.map((tag) => (
            <li key={keyOf(tag)}>
              <span>{tag}</span>
              <button
                type="button"
                class="tag-remove"
                aria-label={t("tags.remove", { tag })}
                onClick={() => onChange(value.filter((t) => t !== tag))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <label class="field">
        {t("tags.label")}
        <input
          type="text"
          name="tag"
          list={listId}
          value={typed}
          maxLength={MAX_LENGTH}
          disabled={value.length >= MAX_TAGS}
          aria-describedby={`${listId}-hint`}
          onInput={(event) => {
            const next = event.currentTarget.value;
            if (next.includes(",")) {
              for (const part of next.split(",").slice(0, -1)) add(part);
              setTyped(next.slice(next.lastIndexOf(",") + 1));
            } else setTyped(next);
          }}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              // Enter adds the tag; it never submits the composer's form.
              event.preventDefault();
              add(typed);
            }
          }}
        />
      </label>
      <button type="button" class="tag-add" onClick={() => add(typed)} disabled={!keyOf(typed)}>
        {t("tags.add")}
      </button>
      <p class="hint" id={`${listId}-hint`}>
        {value.length >= MAX_TAGS ? t("tags.full", { max: MAX_TAGS }) : t("tags.hint")}
      </p>
      <datalist id={listId}>
        {known
          .filter((tag) => !taken.has(keyOf(tag)))
          .map((tag) => (
            <option key={tag} value={tag} />
          ))}
      </datalist>
    </fieldset>
  );
}
