// A post's bylines on the desk, as readers will see them: each contributor's portrait, name
// and title; agencies and guests marked so the desk can tell them from colleagues.

import type { Post } from "../api/types";
import { t } from "../i18n/messages";

export function Bylines(props: { post: Post }) {
  const bylines = props.post.bylines?.length
    ? props.post.bylines
    : [{ name: props.post.author.name }];
  return (
    <span class="author bylines">
      {bylines.map((byline, i) => (
        <span class="byline" key={`${byline.userId ?? ""}:${byline.name}`}>
          {i > 0 && (i === bylines.length - 1 ? t("bylines.and") : ", ")}
          {byline.avatar && (
            <img class="avatar" src={byline.avatar} alt={byline.name} width={24} height={24} />
          )}
          <span class="byline-name">{byline.name}</span>
          {byline.title && <span class="byline-title">{byline.title}</span>}
          {!byline.userId && byline.kind && (
            <span class="byline-kind">
              {byline.kind === "person" ? t("bylines.guest") : t("bylines.agency")}
            </span>
          )}
        </span>
      ))}
    </span>
  );
}
