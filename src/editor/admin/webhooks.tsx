// Webhooks (admins): the endpoints that receive the newsroom's news, signed (Standard
// Webhooks), and one endpoint's page: change it, replace its secret, remove it, and its
// deliveries (status, the endpoint's answer, when, attempts) with "Send again".

import { useEffect, useState } from "preact/hooks";
import { describeError } from "../api/client";
import { blogs as blogApi, webhooks } from "../api/newsroom";
import type { Blog, Webhook, WebhookDelivery } from "../api/types";
import { t } from "../i18n/messages";
import { navigate, onLinkClick } from "../router";
import { Notice, useConfirm } from "../ui/dialog";
import { deskTime } from "../ui/time";
import { EVENT_NAMES, SecretNotice, WebhookForm } from "./webhook-form";

function useBlogs(): Blog[] {
  const [list, setList] = useState<Blog[]>([]);
  useEffect(() => {
    blogApi.list().then(setList, () => {});
  }, []);
  return list;
}

export function WebhooksScreen() {
  const [list, setList] = useState<Webhook[]>([]);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const blogs = useBlogs();
  const reload = () => webhooks.list().then(setList, (e) => setError(describeError(e)));
  useEffect(() => {
    void reload();
  }, []);

  return (
    <main class="page">
      <h1>{t("webhooks.webhooks")}</h1>
      <p>{t("webhooks.eachEndpointReceivesThe")}</p>
      <Notice text={error} tone="error" />
      <SecretNotice secret={secret} />
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t("webhooks.address")}</th>
            <th scope="col">{t("webhooks.blogs")}</th>
            <th scope="col">{t("webhooks.news")}</th>
            <th scope="col">{t("webhooks.state")}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((hook) => (
            <tr key={hook.id}>
              <td>
                <a href={`/admin/webhooks/${hook.id}`} onClick={onLinkClick}>
                  {hook.url}
                </a>
                {hook.description && <div class="muted">{hook.description}</div>}
              </td>
              <td>{hook.blogs === "all" ? t("webhooks.everyBlog") : hook.blogs.join(", ")}</td>
              <td>{hook.events.length === 6 ? t("webhooks.all") : hook.events.join(", ")}</td>
              <td>{hook.enabled ? t("webhooks.on") : t("webhooks.off")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("webhooks.addAnEndpoint")}</h2>
      <WebhookForm
        blogs={blogs}
        submitLabel={t("webhooks.addEndpoint")}
        onSubmit={async (input) => {
          try {
            const made = await webhooks.create(input);
            setError(null);
            setSecret(made.secret);
            await reload();
          } catch (e) {
            setError(describeError(e));
          }
        }}
      />
    </main>
  );
}

export function WebhookScreen(props: { id: string }) {
  const [hook, setHook] = useState<Webhook | null>(null);
  const [deliveries, setDeliveries] = useState<WebhookDelivery[]>([]);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const blogs = useBlogs();
  const confirm = useConfirm();
  const fail = (e: unknown) => setError(describeError(e));
  const reloadDeliveries = () => webhooks.deliveries(props.id).then(setDeliveries, fail);
  useEffect(() => {
    webhooks.get(props.id).then(setHook, fail);
    void reloadDeliveries();
    // The list follows the attempts as the workers make them.
    const timer = setInterval(() => void reloadDeliveries(), 3000);
    return () => clearInterval(timer);
  }, [props.id]);

  if (!hook) {
    return (
      <main class="page">
        <Notice text={error} tone="error" />
      </main>
    );
  }

  const rotate = async () => {
    const yes = await confirm.ask({
      title: t("webhooks.rotateTitle"),
      message: t("webhooks.rotateMessage"),
      confirm: t("webhooks.replaceSecret"),
      danger: true,
    });
    if (!yes) return;
    try {
      setSecret((await webhooks.rotateSecret(hook.id)).secret);
    } catch (e) {
      fail(e);
    }
  };

  const remove = async () => {
    const yes = await confirm.ask({
      title: t("webhooks.removeTitle", { url: hook.url }),
      message: t("webhooks.removeMessage"),
      confirm: t("webhooks.removeWebhook"),
      danger: true,
    });
    if (!yes) return;
    try {
      await webhooks.remove(hook.id);
      navigate("/webhooks");
    } catch (e) {
      fail(e);
    }
  };

  const sendAgain = async (delivery: WebhookDelivery) => {
    try {
      await webhooks.sendAgain(hook.id, delivery.id);
      await reloadDeliveries();
    } catch (e) {
      fail(e);
    }
  };

  return (
    <main class="page">
      <p>
        <a href="/admin/webhooks" onClick={onLinkClick}>
          {t("webhooks.backToWebhooks")}
        </a>
      </p>
      <h1>{hook.url}</h1>
      <Notice text={error} tone="error" />
      <Notice text={saved} tone="info" />
      <SecretNotice secret={secret} />
      <WebhookForm
        key={hook.updatedAt}
        blogs={blogs}
        current={hook}
        submitLabel={t("webhooks.saveChanges")}
        onSubmit={async (input) => {
          try {
            setHook(await webhooks.update(hook.id, input));
            setError(null);
            setSaved(t("webhooks.saved"));
          } catch (e) {
            fail(e);
          }
        }}
      />
      <div class="actions">
        <button type="button" onClick={() => void rotate()}>
          {t("webhooks.replaceSecret")}
        </button>
        <button type="button" class="danger" onClick={() => void remove()}>
          {t("webhooks.removeWebhook")}
        </button>
      </div>
      <h2>{t("webhooks.deliveries")}</h2>
      <table class="table deliveries">
        <thead>
          <tr>
            <th scope="col">{t("webhooks.news")}</th>
            <th scope="col">{t("webhooks.status")}</th>
            <th scope="col">{t("webhooks.answer")}</th>
            <th scope="col">{t("webhooks.lastAttempt")}</th>
            <th scope="col">{t("webhooks.attempts")}</th>
            <th scope="col">
              <span class="visually-hidden">{t("webhooks.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d) => (
            <tr key={d.id} data-delivery={d.id}>
              <td>
                {t(EVENT_NAMES[d.type])} <code>{d.id}</code>
              </td>
              <td>{statusWords(d)}</td>
              <td title={d.lastError ?? ""}>
                {d.lastStatus ?? (d.lastError ? t("webhooks.noAnswer") : "")}
              </td>
              <td>{d.lastAttemptAt ? deskTime(d.lastAttemptAt) : t("webhooks.notYet")}</td>
              <td>{d.attempts}</td>
              <td>
                <button type="button" onClick={() => void sendAgain(d)}>
                  {t("webhooks.sendAgain")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {deliveries.length === 0 && <p class="muted">{t("webhooks.nothingSentYet")}</p>}
      {confirm.element}
    </main>
  );
}

function statusWords(d: WebhookDelivery): string {
  if (d.status === "delivered") return t("webhooks.delivered");
  if (d.status === "failed") return t("webhooks.failed");
  return d.attempts === 0
    ? t("webhooks.waiting")
    : t("webhooks.retrying", { time: d.nextAttemptAt ? deskTime(d.nextAttemptAt) : "" });
}
