// The composer's poll form: a dialog for a new poll or the one selected (question, 2 to 6
// answers added and removed, an optional closing time typed on the blog's clock). Votes are
// counted by answer id, so an answer keeps its id when reworded here and a new one goes without
// (the server gives it one). Once readers have voted the answers are fixed: no vote can end up
// under words it was not cast for. The question and closing time stay open to change.

import { useRef, useState } from "preact/hooks";
import type { PollBlock } from "../../core/content/blocks";
import { t } from "../i18n/messages";
import { Dialog } from "../ui/dialog";
import { fromLocalInput, toLocalInput, type Zone, zoneLabel } from "../ui/time";

const MIN_ANSWERS = 2;
const MAX_ANSWERS = 6;

interface AnswerDraft {
  /** The server's id, kept so the answer's votes stay with it; none for a new answer. */
  id?: string;
  text: string;
  /** Preact's key for the row, stable while answers above it are removed. */
  key: number;
}

interface Problem {
  field: string;
  message: string;
}

let answerKeys = 0;

function draftAnswers(poll: PollBlock | null): AnswerDraft[] {
  const answers = poll?.answers ?? [{ text: "" }, { text: "" }];
  return answers.map((answer) => ({
    ...(answer.id ? { id: answer.id } : {}),
    text: answer.text,
    key: ++answerKeys,
  }));
}

export function PollDialog(props: {
  /** The poll being changed, or null for a new one. */
  poll: PollBlock | null;
  /** Votes counted so far: any fix the answers. */
  votes: number;
  zone: Zone;
  onSave: (poll: PollBlock) => void;
  onClose: () => void;
}) {
  const { poll, zone } = props;
  const fixed = props.votes > 0;
  const [question, setQuestion] = useState(poll?.question ?? "");
  const [answers, setAnswers] = useState(() => draftAnswers(poll));
  const initialClose = toLocalInput(poll?.closesAt, zone);
  const [closes, setCloses] = useState(initialClose);
  const [problem, setProblem] = useState<Problem | null>(null);
  const form = useRef<HTMLFormElement>(null);

  const refuse = (field: string, message: string) => {
    setProblem({ field, message });
    form.current?.querySelector<HTMLInputElement>(`[data-field="${field}"]`)?.focus();
  };
  const submit = (event: Event) => {
    event.preventDefault();
    if (!question.trim()) return refuse("question", t("pollForm.needsQuestion"));
    const empty = answers.findIndex((answer) => !answer.text.trim());
    if (empty >= 0) {
      return refuse(`answer-${empty}`, t("pollForm.needsAnswerText", { number: empty + 1 }));
    }
    let closesAt: string | undefined;
    if (closes) {
      closesAt = fromLocalInput(closes, zone) ?? undefined;
      if (!closesAt) return refuse("closes", t("pollForm.closingNotATime"));
      // A poll kept as it was may have closed already; a new closing time must be ahead.
      if (closes !== initialClose && Date.parse(closesAt) <= Date.now()) {
        return refuse("closes", t("pollForm.closingPassed"));
      }
      // Unchanged, the stored time is kept to the second rather than the minute typed.
      if (closes === initialClose && poll?.closesAt) closesAt = poll.closesAt;
    }
    props.onSave({
      type: "poll",
      ...(poll?.id ? { id: poll.id } : {}),
      question: question.trim(),
      answers: answers.map((answer) => ({
        ...(answer.id ? { id: answer.id } : {}),
        text: answer.text.trim(),
      })),
      ...(closesAt ? { closesAt } : {}),
    });
  };
  const invalid = (field: string) =>
    problem?.field === field
      ? { "aria-invalid": true as const, "aria-describedby": "poll-form-problem" }
      : {};
  const write = (index: number, text: string) =>
    setAnswers((now) => now.map((answer, i) => (i === index ? { ...answer, text } : answer)));
  const zoneWords = zoneLabel(zone, new Date(fromLocalInput(closes, zone) ?? Date.now()));

  return (
    <Dialog title={poll ? t("pollForm.editPoll") : t("pollForm.newPoll")} onClose={props.onClose}>
      <form ref={form} class="poll-form" noValidate onSubmit={submit}>
        <label class="field">
          {t("pollForm.question")}
          <input
            type="text"
            data-field="question"
            maxLength={200}
            value={question}
            onInput={(event) => setQuestion(event.currentTarget.value)}
            {...invalid("question")}
          />
        </label>
        <fieldset class="poll-form-answers">
          <legend>{t("pollForm.answers")}</legend>
          {fixed && <p class="hint">{t("pollForm.answersFixed")}</p>}
          <ol>
            {answers.map((answer, i) => (
              <li key={answer.key}>
                <label>
                  {t("pollForm.answer", { number: i + 1 })}
                  <input
                    type="text"
                    data-field={`answer-${i}`}
                    maxLength={100}
                    value={answer.text}
                    readOnly={fixed}
                    onInput={(event) => write(i, event.currentTarget.value)}
                    {...invalid(`answer-${i}`)}
                  />
                </label>
                {!fixed && answers.length > MIN_ANSWERS && (
                  <button
                    type="button"
                    aria-label={t("pollForm.removeAnswer", { number: i + 1 })}
                    onClick={() => {
                      setAnswers((now) => now.filter((_, j) => j !== i));
                      setProblem(null);
                    }}
                  >
                    {t("pollForm.remove")}
                  </button>
                )}
              </li>
            ))}
          </ol>
          {!fixed && answers.length < MAX_ANSWERS && (
            <button
              type="button"
              onClick={() => setAnswers((now) => [...now, { text: "", key: ++answerKeys }])}
            >
              {t("pollForm.addAnswer")}
            </button>
          )}
        </fieldset>
        <label class="field">
          {t("pollForm.closesAt", { zone: zoneWords })}
          <input
            type="datetime-local"
            data-field="closes"
            value={closes}
            onInput={(event) => setCloses(event.currentTarget.value)}
            {...invalid("closes")}
          />
          <span class="hint">{t("pollForm.closesAtHint")}</span>
        </label>
        {problem && (
          <p id="poll-form-problem" class="notice notice-error" role="alert">
            {problem.message}
          </p>
        )}
        <div class="actions">
          <button type="button" onClick={props.onClose}>
            {t("pollForm.cancel")}
          </button>
          <button type="submit" class="primary">
            {poll ? t("pollForm.savePoll") : t("pollForm.insertPoll")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
