// A desk post card's links out: t("postLinks.copyPermalink") (published posts: the public address readers
// can be sent) and "Preview as the reader page" (any post, drafts included: the newsroom-only
// preview route, opened in a new tab so the desk and its composer stay as they are).

import { useEffect, useState } from "preact/hooks";
import { enc } from "../api/client";
import type { Post } from "../api/types";
import { t } from "../i18n/messages";

export function permalinkOf(slug: string, id: string): string {
  return `${location.origin}/live/${enc(slug)}/posts/${enc(id)}`;
}

export function PostLinks(props: { slug: string; post: Post }) {
  const { slug, post } = props;
  // "copied", or the address to copy by hand when the browser would not let us.
  const [copied, setCopied] = useState<"copied" | { manual: string } | null>(null);
  useEffect(() => {
    if (copied !== "copied") return;
    const timer = setTimeout(() => setCopied(null), 2500);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = async () => {
    const url = permalinkOf(slug, post.id);
    try {
      await navigator.clipboard.writeText(url);
      setCopied("copied");
    } catch {
      setCopied({ manual: url });
    }
  };

  return (
    <>
      {post.status === "published" && (
        <button type="button" onClick={() => void copy()}>
          {copied === "copied" ? t("postLinks.copied") : t("postLinks.copyPermalink")}
        </button>
      )}
      <a
        class="button"
        href={`${permalinkOf(slug, post.id)}/preview`}
        target="_blank"
        rel="noopener"
      >
        {t("postLinks.previewAsTheReader")}
      </a>
      <span class="visually-hidden" role="status">
        {copied === "copied" ? t("postLinks.permalinkCopied") : ""}
      </span>
      {copied && copied !== "copied" && (
        <label class="manual-copy">
          {t("postLinks.copyThisLink")}{" "}
          <input type="text" readOnly value={copied.manual} ref={(input) => input?.select()} />
        </label>
      )}
    </>
  );
}
