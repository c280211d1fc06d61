// Modal dialogs on the browser's own <dialog>: focus is trapped and restored, Escape closes,
// and screen readers announce it by its title. useConfirm gives a promise-returning ask().

import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../i18n/messages";

let dialogIds = 0;

export function Dialog(props: {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [id] = useState(() => `dialog-${++dialogIds}`);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      class={props.wide ? "dialog dialog-wide" : "dialog"}
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
    >
      <h2 id={`${id}-title`}>{props.title}</h2>
      {props.children}
    </dialog>
  );
}

interface Question {
  title: string;
  message: string;
  confirm: string;
  danger?: boolean;
  resolve(answer: boolean): void;
}

/** A confirmation dialog: `await ask({...})` is true when the person confirmed. */
export function useConfirm() {
  const [question, setQuestion] = useState<Question | null>(null);
  const ask = (q: Omit<Question, "resolve">) =>
    new Promise<boolean>((resolve) => setQuestion({ ...q, resolve }));
  const answer = (value: boolean) => {
    question?.resolve(value);
    setQuestion(null);
  };
  const element = question ? (
    <Dialog title={question.title} onClose={() => answer(false)}>
      <p>{question.message}</p>
      <div class="actions">
        <button type="button" onClick={() => answer(false)}>
          {t("dialog.cancel")}
        </button>
        <button
          type="button"
          class={question.danger ? "danger" : "primary"}
          onClick={() => answer(true)}
        >
          {question.confirm}
        </button>
      </div>
    </Dialog>
  ) : null;
  return { ask, element };
}

/** A polite live region line: "Saved", "Post published", errors. */
export function Notice(props: { text: string | null; tone?: "error" | "info" }) {
  if (!props.text) return null;
  return (
    <p
      class={`notice notice-${props.tone ?? "info"}`}
      role={props.tone === "error" ? "alert" : "status"}
    >
      {props.text}
    </p>
  );
}
