// The desk's search box, above the timeline: finds any post of the blog by words, author and
// status (the server decides what this person may find), and lists the results as the same
// cards with the same actions. Results follow the live timeline: a newer version of a found
// post replaces it, and a deleted one leaves the list.

import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { describeError } from "../api/client";
import { posts } from "../api/newsroom";
import type { Post, PostSearch } from "../api/types";
import { type MessageKey, t } from "../i18n/messages";
import type { BlogLive } from "../live/use-blog-live";
import { PostCard } from "./post-card";

interface Found {
  query: PostSearch;
  posts: Post[];
  next?: string;
}

const STATUSES: [string, MessageKey][] = [
  ["", "deskSearch.anyStatus"],
  ["published", "deskSearch.published"],
  ["draft", "deskSearch.draft"],
  ["scheduled", "deskSearch.scheduled"],
  ["submitted", "deskSearch.submitted"],
];

/**
 * The latest version the desk knows of a found post, or null when it has been deleted: taken
 * off the public timeline or deleted here (gone), or deleted anywhere (the desk's deletions).
 */
function current(post: Post, live: BlogLive): Post | null {
  const known = [live.timeline.published.get(post.id), live.timeline.desk.get(post.id)];
  const newest = known.reduce<Post | undefined>(
    (best, p) => (p && (!best || p.version > best.version) ? p : best),
    undefined,
  );
  if (newest) return newest.version >= post.version ? newest : post;
  return live.gone.has(post.id) || live.deletions.has(post.id) ? null : post;
}

export function DeskSearch(props: {
  slug: string;
  live: BlogLive;
  actions: (post: Post) => ComponentChildren;
  editingBy: (post: Post) => string[];
}) {
  const { slug, live } = props;
  const [query, setQuery] = useState<PostSearch>({ q: "", author: "", status: "" });
  const [found, setFound] = useState<Found | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const search = async (asked: PostSearch, before?: string) => {
    setBusy(true);
    setError(null);
    try {
      const page = await posts.search(slug, asked, before);
      setFound((shown) => ({
        query: asked,
        posts: before && shown ? [...shown.posts, ...page.posts] : page.posts,
        ...(page.next ? { next: page.next } : {}),
      }));
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  const clear = () => {
    setQuery({ q: "", author: "", status: "" });
    setFound(null);
    setError(null);
  };

  const asked = Boolean(query.q?.trim() || query.author?.trim() || query.status);
  const shown = (found?.posts ?? []).map((post) => current(post, live)).filter((p) => p !== null);
  const field = (name: keyof PostSearch) => ({
    value: query[name] ?? "",
    onInput: (event: Event) =>
      setQuery((q) => ({ ...q, [name]: (event.currentTarget as HTMLInputElement).value })),
  });

  return (
    <section class="desk-search" aria-labelledby="desk-search-title">
      <h2 id="desk-search-title">{t("deskSearch.findAPost")}</h2>
      <search aria-label={t("deskSearch.searchThisBlog")}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (asked) void search(query);
            else clear();
          }}
        >
          <label>
            {t("deskSearch.searchPosts")}
            <input
              type="search"
              name="q"
              maxLength={200}
              placeholder={t("deskSearch.words")}
              {...field("q")}
            />
          </label>
          <label>
            {t("deskSearch.author")}
            <input type="search" name="author" maxLength={100} {...field("author")} />
          </label>
          <label>
            {t("deskSearch.status")}
            <select name="status" {...field("status")}>
              {STATUSES.map(([value, label]) => (
                <option key={value} value={value}>
                  {t(label)}
                </option>
              ))}
            </select>
          </label>
          <div class="desk-search-actions">
            <button type="submit" class="primary" disabled={busy}>
              {t("deskSearch.search")}
            </button>
            {(found || asked) && (
              <button type="button" onClick={clear}>
                {t("deskSearch.clearSearch")}
              </button>
            )}
          </div>
        </form>
      </search>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {/* Always present, so a screen reader announces the count when a search answers. */}
      <div role="status">
        {found && (
          <p class="muted">
            {shown.length === 0
              ? t("deskSearch.noPostsMatch")
              : t("deskSearch.matches", { count: shown.length, more: Boolean(found.next) })}
          </p>
        )}
      </div>
      {found && shown.length > 0 && (
        <ul class="search-results" aria-label={t("deskSearch.searchResults")}>
          {shown.map((post) => (
            <li key={post.id}>
              <PostCard post={post} editingBy={props.editingBy(post)} idPrefix="found-post">
                {props.actions(post)}
              </PostCard>
            </li>
          ))}
        </ul>
      )}
      {found?.next && (
        <button
          type="button"
          disabled={busy}
          onClick={() => found.next && void search(found.query, found.next)}
        >
          {t("deskSearch.moreResults")}
        </button>
      )}
    </section>
  );
}
