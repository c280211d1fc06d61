// What this device keeps for people other than the one signed in: posts they queued and
// copies of words they had not sent. They are never sent or restored as the person here; the
// desk only says they are kept, and lets them be thrown away after asking.
//
// Items from before the owner was recorded belong to nobody we know. Treating them as the
// next person's to sign in is the very mistake this guards against (they would go out under
// that person's name), so they are set aside and the person here is asked, words in view,
// whether they are theirs: only a yes makes them theirs to send or restore.

import type { OutboxItem } from "../offline/outbox";
import { useConfirm } from "../ui/dialog";

const count = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);

/** Posts queued on this device by someone else, or by someone unknown. */
export function QueuedByOthers(props: {
  others: readonly OutboxItem[];
  unknown: readonly OutboxItem[];
  onClaim(keys: string[]): Promise<void>;
  onDiscard(keys: string[]): Promise<void>;
}) {
  const { others, unknown } = props;
  const confirm = useConfirm();
  if (others.length === 0 && unknown.length === 0) return null;
  const discard = async (items: readonly OutboxItem[], whose: string) => {
    const yes = await confirm.ask({
      title: "Discard posts queued on this device?",
      message: `${count(items.length, "post", "posts")} ${whose} will be lost: they have not been sent.`,
      confirm: "Discard",
      danger: true,
    });
    if (yes) await props.onDiscard(items.map((item) => item.key));
  };
  const labels = unknown.map((item) => `“${item.label}”`).join(", ");
  return (
    <>
      {others.length > 0 && (
        <div class="restore kept-for-others" role="status">
          <span>
            {others.length === 1
              ? "1 post queued by another person on this device is kept for them."
              : `${others.length} posts queued by another person on this device are kept for them.`}{" "}
            They go out when that person signs in here.
          </span>
          <button
            type="button"
            class="quiet"
            onClick={() => void discard(others, "queued by another person")}
          >
            Discard them
          </button>
        </div>
      )}
      {unknown.length > 0 && (
        <div class="restore kept-unclaimed">
          <span>
            {count(unknown.length, "post was", "posts were")} queued on this device before it noted
            who queued them: {labels}. They are not sent until someone says they are theirs.
          </span>
          <button
            type="button"
            onClick={async () => {
              const yes = await confirm.ask({
                title: "Are these posts yours?",
                message: `${labels} will be published under your name.`,
                confirm: "Yes, send them as mine",
              });
              if (yes) await props.onClaim(unknown.map((item) => item.key));
            }}
          >
            They are mine
          </button>
          <button
            type="button"
            class="quiet"
            onClick={() => void discard(unknown, "of unknown authorship")}
          >
            Discard them
          </button>
        </div>
      )}
      {confirm.element}
    </>
  );
}

/** Unsent words kept on this device by others: counted, never shown or offered here. */
export function DraftsOfOthers(props: { count: number; onDiscard(): Promise<void> }) {
  const confirm = useConfirm();
  if (props.count === 0) return null;
  return (
    <div class="restore kept-for-others" role="status">
      <span>
        {props.count === 1
          ? "1 unsent draft by another person on this device is kept for them."
          : `${props.count} unsent drafts by another person on this device are kept for them.`}
      </span>
      <button
        type="button"
        class="quiet"
        onClick={async () => {
          const yes = await confirm.ask({
            title: "Discard another person's drafts?",
            message: `${count(props.count, "draft", "drafts")} kept on this device for another person will be lost.`,
            confirm: "Discard",
            danger: true,
          });
          if (yes) await props.onDiscard();
        }}
      >
        Discard them
      </button>
      {confirm.element}
    </div>
  );
}
