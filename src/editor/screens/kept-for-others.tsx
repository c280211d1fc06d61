// What this device keeps for people other than the one signed in: posts they queued and
// copies of words they had not sent. They are never sent or restored as the person here; the
// desk only says they are kept, and lets them be thrown away after asking.
//
// Items from before the owner was recorded belong to nobody we know. Treating them as the
// next person's to sign in is the very mistake this guards against (they would go out under
// that person's name), so they are set aside and the person here is asked, words in view,
// whether they are theirs: only a yes makes them theirs to send or restore.

import { t } from "../i18n/messages";
import type { OutboxItem } from "../offline/outbox";
import { useConfirm } from "../ui/dialog";

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
  const discard = async (items: readonly OutboxItem[], whose: "others" | "unknown") => {
    const yes = await confirm.ask({
      title: t("keptForOthers.discardQueuedTitle"),
      message: t("keptForOthers.discardQueuedMessage", { count: items.length, whose }),
      confirm: t("keptForOthers.discard"),
      danger: true,
    });
    if (yes) await props.onDiscard(items.map((item) => item.key));
  };
  const labels = unknown.map((item) => t("keptForOthers.quoted", { title: item.label })).join(", ");
  return (
    <>
      {others.length > 0 && (
        <div class="restore kept-for-others" role="status">
          <span>
            {t("keptForOthers.postsQueuedBy", { count: others.length })}{" "}
            {t("keptForOthers.theyGoOutWhen")}
          </span>
          <button type="button" class="quiet" onClick={() => void discard(others, "others")}>
            {t("keptForOthers.discardThem")}
          </button>
        </div>
      )}
      {unknown.length > 0 && (
        <div class="restore kept-unclaimed">
          <span>{t("keptForOthers.queuedOnThisDevice", { count: unknown.length, labels })}</span>
          <button
            type="button"
            onClick={async () => {
              const yes = await confirm.ask({
                title: t("keptForOthers.claimTitle"),
                message: t("keptForOthers.claimMessage", { labels }),
                confirm: t("keptForOthers.claimConfirm"),
              });
              if (yes) await props.onClaim(unknown.map((item) => item.key));
            }}
          >
            {t("keptForOthers.theyAreMine")}
          </button>
          <button type="button" class="quiet" onClick={() => void discard(unknown, "unknown")}>
            {t("keptForOthers.discardThem")}
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
      <span>{t("keptForOthers.draftsKept", { count: props.count })}</span>
      <button
        type="button"
        class="quiet"
        onClick={async () => {
          const yes = await confirm.ask({
            title: t("keptForOthers.discardDraftsTitle"),
            message: t("keptForOthers.discardDraftsMessage", { count: props.count }),
            confirm: t("keptForOthers.discard"),
            danger: true,
          });
          if (yes) await props.onDiscard();
        }}
      >
        {t("keptForOthers.discardThem")}
      </button>
      {confirm.element}
    </div>
  );
}
