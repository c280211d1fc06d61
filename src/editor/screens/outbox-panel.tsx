// This device's outbox for one blog: posts published while offline, waiting to be sent (or
// refused by the server, with the reason), in the order they will go. Only the signed-in
// person's own are listed; what others queued here is only said to be kept for them.

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
        {online
          ? "Sending as soon as the server answers."
          : "You are offline. They are kept on this device and go out in this order when you are back online."}
      </p>
      <ol>
        {items.map((item) => (
          <li key={item.key}>
            <strong>{item.label}</strong>{" "}
            <span class="muted">queued {deskTime(item.queuedAt)}</span>
            {item.failed && <span class="error"> — not sent: {item.failed}</span>}
            {item.failed && (
              <button type="button" onClick={() => void outbox.retry(item.key)}>
                Try again
              </button>
            )}
            <button
              type="button"
              class="quiet"
              onClick={async () => {
                const yes = await confirm.ask({
                  title: "Discard this queued post?",
                  message: `“${item.label}” has not been sent and will be lost on this device.`,
                  confirm: "Discard post",
                  danger: true,
                });
                if (yes) await outbox.discard(item.key);
              }}
            >
              Discard
            </button>
          </li>
        ))}
      </ol>
      {online && waiting > 0 && (
        <button type="button" onClick={() => void outbox.flush()}>
          Send now
        </button>
      )}
      {confirm.element}
    </section>
  );
}
