// "Discard draft" in the composer: asked once, because it cannot be undone; then the draft is
// gone from the server and from this device (DraftController.discard).

import { describeError } from "../api/client";
import { t } from "../i18n/messages";
import { useConfirm } from "../ui/dialog";
import type { DraftController } from "./draft";

export function useDiscardDraft(
  controller: DraftController,
  onDiscarded: () => void,
  onFailed: (message: string) => void,
) {
  const confirm = useConfirm();
  const discard = async () => {
    const yes = await confirm.ask({
      title: t("discard.title"),
      message: t("discard.message"),
      confirm: t("discard.confirm"),
      danger: true,
    });
    if (!yes) return;
    try {
      await controller.discard();
      onDiscarded();
    } catch (error) {
      onFailed(t("discard.failed", { error: describeError(error) }));
    }
  };
  return { discard, element: confirm.element };
}
