// The form that registers or changes a webhook endpoint: its address, a description, every
// blog or chosen ones, the kinds of news it receives, and whether it is on.

import { useState } from "preact/hooks";
import type { Blog, Webhook, WebhookEventType, WebhookInput } from "../api/types";
import { type MessageKey, t } from "../i18n/messages";

export const EVENT_NAMES: Record<WebhookEventType, MessageKey> = {
  "post.published": "webhookForm.event.postPublished",
  "post.updated": "webhookForm.event.postUpdated",
  "post.deleted": "webhookForm.event.postDeleted",
  "blog.opened": "webhookForm.event.blogOpened",
  "blog.closed": "webhookForm.event.blogClosed",
  "blog.updated": "webhookForm.event.blogUpdated",
  "figures.updated": "webhookForm.event.figuresUpdated",
};

const EVENTS = Object.keys(EVENT_NAMES) as WebhookEventType[];

export function WebhookForm(props: {
  blogs: Blog[];
  current?: Webhook;
  submitLabel: string;
  onSubmit(input: WebhookInput): Promise<void>;
}) {
  const current = props.current;
  const [everyBlog, setEveryBlog] = useState(!current || current.blogs === "all");

  const submit = async (event: Event) => {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    const input: WebhookInput = {
      url: String(form.get("url") ?? "").trim(),
      description: String(form.get("description") ?? ""),
      blogs: everyBlog ? "all" : form.getAll("blog").map(String),
      events: form.getAll("event").map(String) as WebhookEventType[],
      enabled: form.get("enabled") === "on",
    };
    await props.onSubmit(input);
    if (!current) {
      formElement.reset();
      setEveryBlog(true);
    }
  };

  const chosen = (slug: string) => Array.isArray(current?.blogs) && current.blogs.includes(slug);
  return (
    <form class="card webhook-form" onSubmit={submit}>
      <label class="field">
        {t("webhookForm.addressUrl")}
        <input
          name="url"
          type="url"
          required
          placeholder="https://push.example.com/dispatch"
          defaultValue={current?.url ?? ""}
        />
      </label>
      <label class="field">
        {t("webhookForm.description")}
        <input name="description" defaultValue={current?.description ?? ""} />
      </label>
      <fieldset>
        <legend>{t("webhookForm.blogs")}</legend>
        <label>
          <input
            type="checkbox"
            name="everyBlog"
            checked={everyBlog}
            onChange={(e) => setEveryBlog(e.currentTarget.checked)}
          />{" "}
          {t("webhookForm.everyBlogAlsoThose")}
        </label>
        {!everyBlog &&
          props.blogs.map((blog) => (
            <label key={blog.slug}>
              <input
                type="checkbox"
                name="blog"
                value={blog.slug}
                defaultChecked={chosen(blog.slug)}
              />{" "}
              {blog.title}
            </label>
          ))}
      </fieldset>
      <fieldset>
        <legend>{t("webhookForm.newsToSend")}</legend>
        {EVENTS.map((type) => (
          <label key={type}>
            <input
              type="checkbox"
              name="event"
              value={type}
              defaultChecked={current ? current.events.includes(type) : true}
            />{" "}
            {t(EVENT_NAMES[type])} <code>{type}</code>
          </label>
        ))}
      </fieldset>
      <label>
        <input type="checkbox" name="enabled" defaultChecked={current?.enabled ?? true} />{" "}
        {t("webhookForm.on")}
      </label>
      <button type="submit" class="primary">
        {props.submitLabel}
      </button>
    </form>
  );
}

/** A secret answered once: shown with the words that say so. */
export function SecretNotice(props: { secret: string | null }) {
  if (!props.secret) return null;
  return (
    <div class="notice secret" role="status">
      <p>{t("webhookForm.theSigningSecretCopy")}</p>
      <label class="field">
        {t("webhookForm.signingSecret")}
        <input readOnly value={props.secret} onFocus={(e) => e.currentTarget.select()} />
      </label>
    </div>
  );
}
