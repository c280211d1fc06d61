// The foot of the desk's live timeline: reads older posts as it scrolls into view (an
// IntersectionObserver on a sentinel), with a t("olderPosts.loadOlderPosts") button that does the same for
// keyboards, screen readers and browsers that never report the sentinel.

import { useEffect, useRef } from "preact/hooks";
import { t } from "../i18n/messages";
import type { OlderPosts } from "../live/use-blog-live";

/** How far below the viewport the next page starts loading, so scrolling rarely waits. */
const AHEAD = "800px 0px";

export function OlderPostsFoot(props: { older: OlderPosts; onLoad: () => void; shown: number }) {
  const { older, onLoad } = props;
  const sentinel = useRef<HTMLDivElement>(null);
  // The observer is made afresh whenever a page arrives (`shown` changes): if the sentinel is
  // still in view after a short page, a new observer reports it at once and the next loads.
  useEffect(() => {
    const element = sentinel.current;
    if (
      !element ||
      !older.more ||
      older.loading ||
      older.error ||
      !("IntersectionObserver" in window)
    )
      return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) onLoad();
      },
      { rootMargin: AHEAD },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [older.more, older.loading, older.error, props.shown, onLoad]);

  if (!older.more)
    return props.shown > 0 ? (
      <p class="muted timeline-end">{t("olderPosts.everyPostIsShown")}</p>
    ) : null;
  return (
    <div class="older-posts" ref={sentinel}>
      {older.error && (
        <p class="notice notice-error" role="alert">
          {t("olderPosts.olderPostsCouldNot", { error: older.error })}
        </p>
      )}
      <button type="button" onClick={onLoad} disabled={older.loading} aria-busy={older.loading}>
        {older.loading ? t("olderPosts.loadingOlderPosts") : t("olderPosts.loadOlderPosts")}
      </button>
    </div>
  );
}
