// This device's outbox for one blog: posts published while offline, waiting to be sent (or
// refused by the server, with the reason), in the order they will go. Only the signed-in
// person's own are listed; what others queued here is only said to be kept for them.

import { t } from "../i18n/messages";
import { outbox, useOnline, useOwnOutbox, waitingText } from "../offline/field-mode";
import type { OutboxItem } from "../offline/outbox";
import { useConfirm } from "../ui/dialog";
import { useDeskTime } from "../ui/time";
import { QueuedByOthers } from "./kept-for-others";

export function OutboxPanel(props: { slug: string; userId: string }) {
  const owned = useOwnOutbox(props.userId);
  const here = <T extends { slug: string }>(list: T[]) =>
    list.filter((item) => item.slug === props.slug);
  const discardAll = async (keys: string[]) => {
    for (const key of keys) await outbox.discard(key);
  };
  return (
    <>
      <QueuedByOthers
        others={here(owned.others)}
        unknown={here(owned.unknown)}
        onClaim={(keys) => outbox.claim(keys, props.userId)}
        onDiscard={discardAll}
      />
      <OwnQueue items={here(owned.mine)} />
    </>
  );
}

function OwnQueue(props: { items: readonly OutboxItem[] }) {
  const { items } = props;
  const online = useOnline();
  const confirm = useConfirm();
  const deskTime = useDeskTime();
  if (items.length === 0) return null;
  const waiting = items.filter((item) => !item.failed).length;
  return (
    <section class="outbox" aria-labelledby="outbox-title">
      <h2 id="outbox-title">{waitingText(waiting)}</h2>
      <p class="muted">
        {online ? t("outboxPanel.sendingAsSoonAs") : t("outboxPanel.youAreOfflineThey")}
      </p>
      <ol>
        {items.map((item) => (
          <li key={item.key}>
            <strong>{item.label}</strong>{" "}
            <span class="muted">{t("outboxPanel.queued", { time: deskTime(item.queuedAt) })}</span>
            {item.failed && (
              <span class="error"> {t("outboxPanel.notSent", { reason: item.failed })}</span>
            )}
            {item.failed && (
              <button type="button" onClick={() => void outbox.retry(item.key)}>
                {t("outboxPanel.tryAgain")}
              </button>
            )}
            <button
              type="button"
              class="quiet"
              onClick={async () => {
                const yes = await confirm.ask({
                  title: t("outboxPanel.discardTitle"),
                  message: t("outboxPanel.discardMessage", { title: item.label }),
                  confirm: t("outboxPanel.discardPost"),
                  danger: true,
                });
                if (yes) await outbox.discard(item.key);
              }}
            >
              {t("outboxPanel.discard")}
            </button>
          </li>
        ))}
      </ol>
      {online && waiting > 0 && (
        <button type="button" onClick={() => void outbox.flush()}>
          {t("outboxPanel.sendNow")}
        </button>
      )}
      {confirm.element}
    </section>
  );
}
