// "Discard draft" in the composer: asked once, because it cannot be undone; then the draft is
// gone from the server and from this device (DraftController.discard).

import { describeError } from "../api/client";
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
      title: "Discard this draft?",
      message: "The draft is deleted for the whole newsroom and from this device.",
      confirm: "Discard draft",
      danger: true,
    });
    if (!yes) return;
    try {
      await controller.discard();
      onDiscarded();
    } catch (error) {
      onFailed(`The draft was not discarded: ${describeError(error)}`);
    }
  };
  return { discard, element: confirm.element };
}
