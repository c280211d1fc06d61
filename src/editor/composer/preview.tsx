// The preview: a post rendered as readers will see it, by the server's own renderer (which
// escapes every value), with the reader's classes. No request leaves the browser: embeds show
// as a labelled box here instead of loading the provider's player.

import { recognizeEmbed } from "../../core/content/embeds";
import { escapeHtml } from "../../core/content/inline";
import { renderBlock } from "../../core/content/render";
import type { Block } from "../api/types";
import { t } from "../i18n/messages";

export function previewHtml(blocks: readonly Block[]): string {
  return blocks
    .map((block) => {
      if (block.type !== "embed") return renderBlock(block);
      const embed = recognizeEmbed(block.url);
      const kind =
        embed.provider === "link" ? t("composer.linkCard", { host: embed.host }) : embed.title;
      const caption = block.caption ? `<figcaption>${escapeHtml(block.caption)}</figcaption>` : "";
      return `<figure class="embed embed-preview"><p><strong>${escapeHtml(kind)}</strong> ${escapeHtml(block.url)}</p>${caption}</figure>`;
    })
    .join("\n");
}

/**
 * Server-rendered or locally rendered post HTML; both come from the escaping renderer. Embed
 * players are left out (the link to the source stays): the desk loads nothing third-party.
 */
export function PostBody(props: { html: string }) {
  return (
    <div
      class="post-body"
      dangerouslySetInnerHTML={{ __html: props.html.replace(/<iframe\b[^>]*><\/iframe>/g, "") }}
    />
  );
}

export function Preview(props: { title: string; blocks: readonly Block[]; author: string }) {
  return (
    <section class="preview" aria-label={t("preview.preview")}>
      <article class="post">
        <h2 class={props.title ? "post-title" : "post-title visually-hidden"}>
          {props.title || t("preview.update")}
        </h2>
        <p class="post-meta">
          <span class="author">{props.author}</span>
        </p>
        {props.blocks.length ? (
          <PostBody html={previewHtml(props.blocks)} />
        ) : (
          <p class="muted">{t("preview.nothingToPreviewYet")}</p>
        )}
      </article>
    </section>
  );
}
