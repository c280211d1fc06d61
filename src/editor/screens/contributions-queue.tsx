// "Reader contributions": a blog's moderation queue (editors and admins). New questions and
// eyewitness accounts arrive live from the desk stream. An editor answers one in a post that
// quotes the reader's words with the name they gave ("Your questions answered"), rejects it,
// blocks its sender, or erases the sender's personal data on request. A reader's photo is
// shown from the private photo route; the answer may publish a copy of it, credited to the
// reader. Nothing here is public until the answer is published.

import { useEffect, useState } from "preact/hooks";
import { describeError } from "../api/client";
import {
  type Contribution,
  type ContributionStatus,
  photoPath,
  contributions as queueApi,
} from "../api/contributions";
import { posts } from "../api/newsroom";
import { type MessageKey, t } from "../i18n/messages";
import { followOnDesk } from "../live/desk-tabs";
import { idempotencyKey } from "../offline/outbox";
import { onLinkClick } from "../router";
import { Notice, useConfirm } from "../ui/dialog";
import { deskTime } from "../ui/time";

type Filter = ContributionStatus | "all";

const STATUS_WORDS: Record<ContributionStatus, MessageKey> = {
  new: "contributions.status.new",
  answered: "contributions.status.answered",
  rejected: "contributions.status.rejected",
};

export function ContributionsQueue(props: { slug: string }) {
  const { slug } = props;
  const [filter, setFilter] = useState<Filter>("new");
  const [items, setItems] = useState<Contribution[] | null>(null);
  const [live, setLive] = useState(false);
  const [notice, setNotice] = useState<{ text: string; tone: "error" | "info" } | null>(null);
  const confirm = useConfirm();

  const shows = (c: Contribution) => filter === "all" || c.status === filter;
  const put = (c: Contribution) =>
    setItems((list) => {
      const rest = (list ?? []).filter((item) => item.id !== c.id);
      if (filter !== "all" && c.status !== filter) return rest;
      return [c, ...rest].sort((a, b) => b.id.localeCompare(a.id));
    });

  useEffect(() => {
    let stopped = false;
    const read = () =>
      queueApi.list(slug, filter).then(
        (list) => stopped || setItems(list),
        (e) => stopped || setNotice({ text: describeError(e), tone: "error" }),
      );
    void read();
    // Desk events are not replayed: the list is read again each time the stream comes back.
    const stop = followOnDesk(slug, {
      event: (name, data) => {
        if (name === "contribution" && !stopped) put(data as Contribution);
      },
      opened: () => {
        setLive(true);
        void read();
      },
      down: () => setLive(false),
    });
    return () => {
      stopped = true;
      stop();
    };
  }, [slug, filter]);

  const act = async (work: () => Promise<Contribution>, done: string) => {
    try {
      put(await work());
      setNotice({ text: done, tone: "info" });
    } catch (e) {
      setNotice({ text: describeError(e), tone: "error" });
    }
  };

  return (
    <main class="contributions-queue">
      <header class="blog-head">
        <div>
          <h1>{t("contributions.title")}</h1>
          <p class="muted">
            <a href={`/admin/blogs/${slug}`} onClick={onLinkClick}>
              {t("contributions.backToDesk")}
            </a>
          </p>
        </div>
        <p class={`connection connection-${live ? "connected" : "reconnecting"}`} role="status">
          {live ? t("contributions.live") : t("contributions.reconnecting")}
        </p>
      </header>
      <p class="muted">{t("contributions.explain")}</p>
      <label class="field inline">
        {t("contributions.show")}{" "}
        <select value={filter} onChange={(e) => setFilter(e.currentTarget.value as Filter)}>
          <option value="new">{t("contributions.filter.new")}</option>
          <option value="answered">{t("contributions.filter.answered")}</option>
          <option value="rejected">{t("contributions.filter.rejected")}</option>
          <option value="all">{t("contributions.filter.all")}</option>
        </select>
      </label>
      <Notice text={notice?.text ?? null} tone={notice?.tone} />
      {confirm.element}
      {items === null ? (
        <p class="muted">{t("contributions.loading")}</p>
      ) : items.filter(shows).length === 0 ? (
        <p class="muted">{t("contributions.none")}</p>
      ) : (
        <ul class="contribution-list">
          {items.filter(shows).map((c) => (
            <ContributionCard
              key={c.id}
              slug={slug}
              contribution={c}
              onAnswered={(answered) => {
                put(answered);
                setNotice({ text: t("contributions.answered"), tone: "info" });
              }}
              onError={(e) => setNotice({ text: describeError(e), tone: "error" })}
              onReject={() =>
                void act(() => queueApi.reject(slug, c.id), t("contributions.rejected"))
              }
              onBlock={async () => {
                const yes = await confirm.ask({
                  title: t("contributions.blockTitle"),
                  message: t("contributions.blockMessage", { name: c.name }),
                  confirm: t("contributions.block"),
                  danger: true,
                });
                if (yes) await act(() => queueApi.block(slug, c.id), t("contributions.blocked"));
              }}
              onErase={async () => {
                const yes = await confirm.ask({
                  title: t("contributions.eraseTitle"),
                  message: t("contributions.eraseMessage", { name: c.name }),
                  confirm: t("contributions.erase"),
                  danger: true,
                });
                if (yes) await act(() => queueApi.erase(slug, c.id), t("contributions.erased"));
              }}
            />
          ))}
        </ul>
      )}
    </main>
  );
}

function ContributionCard(props: {
  slug: string;
  contribution: Contribution;
  onAnswered(c: Contribution): void;
  onError(e: unknown): void;
  onReject(): void;
  onBlock(): void;
  onErase(): void;
}) {
  const c = props.contribution;
  const [answering, setAnswering] = useState(false);
  const headingId = `contribution-${c.id}-from`;
  return (
    <li class="card contribution" id={`contribution-${c.id}`} aria-labelledby={headingId}>
      <p class="muted" id={headingId}>
        <strong>
          {c.kind === "eyewitness" ? t("contributions.eyewitness") : t("contributions.question")}
        </strong>
        {" · "}
        {t("contributions.from", { name: c.name })}
        {" · "}
        {deskTime(c.receivedAt)}
        {" · "}
        {t(STATUS_WORDS[c.status])}
      </p>
      <blockquote class="contribution-text">{c.text}</blockquote>
      {c.photo && (
        <a href={photoPath(props.slug, c.id)} target="_blank" rel="noopener">
          <img
            class="contribution-photo"
            src={photoPath(props.slug, c.id)}
            width={c.photo.width}
            height={c.photo.height}
            alt={t("contributions.photoFrom", { name: c.name })}
          />
        </a>
      )}
      <p class="muted">
        {c.personalDataErasedAt
          ? t("contributions.personalDataErased")
          : c.contact
            ? t("contributions.contact", { contact: c.contact })
            : t("contributions.noContact")}
        {c.senderBlocked && (
          <>
            {" · "}
            {t("contributions.senderBlocked")}
          </>
        )}
      </p>
      {answering ? (
        <AnswerForm
          slug={props.slug}
          contribution={c}
          onCancel={() => setAnswering(false)}
          onAnswered={(answered) => {
            setAnswering(false);
            props.onAnswered(answered);
          }}
          onError={props.onError}
        />
      ) : (
        <div class="actions">
          {c.status === "new" && (
            <>
              <button type="button" class="primary" onClick={() => setAnswering(true)}>
                {t("contributions.answer")}
              </button>
              <button type="button" onClick={props.onReject}>
                {t("contributions.reject")}
              </button>
            </>
          )}
          {!c.senderBlocked && !c.personalDataErasedAt && (
            <button type="button" class="quiet" onClick={props.onBlock}>
              {t("contributions.block")}
            </button>
          )}
          {!c.personalDataErasedAt && (
            <button type="button" class="quiet" onClick={props.onErase}>
              {t("contributions.erase")}
            </button>
          )}
        </div>
      )}
    </li>
  );
}

/**
 * The answer, composed here: a post quoting the reader's words attributed to their chosen
 * name, then the newsroom's answer. Published, it marks the contribution answered.
 */
function AnswerForm(props: {
  slug: string;
  contribution: Contribution;
  onCancel(): void;
  onAnswered(c: Contribution): void;
  onError(e: unknown): void;
}) {
  const c = props.contribution;
  // The words typed so far outlive a reload of this tab (and go with it: a shared desk computer
  // does not show them to the next person).
  const draftKey = `dispatch-answer:${props.slug}:${c.id}`;
  const [draft] = useState(() => readAnswerDraft(draftKey));
  const [title, setTitle] = useState(
    draft?.title ??
      (c.kind === "eyewitness"
        ? t("contributions.eyewitnessHeadline")
        : t("contributions.headline")),
  );
  const [answer, setAnswer] = useState(draft?.answer ?? "");
  useEffect(() => keepAnswerDraft(draftKey, { title, answer }), [draftKey, title, answer]);
  const [withPhoto, setWithPhoto] = useState(c.photo !== null);
  const [photoAlt, setPhotoAlt] = useState("");
  const [busy, setBusy] = useState(false);
  // One key per answer: pressing Publish again after a lost answer never makes two posts.
  const [key] = useState(idempotencyKey);
  const publish = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      // The photo becomes an ordinary published image, credited to the reader's chosen name.
      const photo = c.photo && withPhoto ? await queueApi.publishPhoto(props.slug, c.id) : null;
      const post = await posts.create(
        props.slug,
        {
          title: title.trim(),
          status: "published",
          blocks: [
            { type: "quote", text: c.text, cite: c.name },
            ...(photo
              ? [
                  {
                    type: "image" as const,
                    src: photo.src,
                    alt: photoAlt.trim(),
                    credit: photo.credit,
                    width: photo.width,
                    height: photo.height,
                  },
                ]
              : []),
            { type: "paragraph", text: answer.trim() },
          ],
        },
        key,
      );
      const answered = await queueApi.answer(props.slug, c.id, post.id);
      keepAnswerDraft(draftKey, null);
      props.onAnswered(answered);
    } catch (e) {
      props.onError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="answer-form" onSubmit={publish}>
      <label class="field">
        {t("contributions.answerHeadline")}
        <input value={title} maxLength={200} onInput={(e) => setTitle(e.currentTarget.value)} />
      </label>
      <figure class="answer-quote">
        <blockquote>{c.text}</blockquote>
        <figcaption>{c.name}</figcaption>
      </figure>
      {c.photo && (
        <>
          <label class="field inline">
            <input
              type="checkbox"
              checked={withPhoto}
              onChange={(e) => setWithPhoto(e.currentTarget.checked)}
            />{" "}
            {t("contributions.includePhoto", { name: c.name })}
          </label>
          {withPhoto && (
            <label class="field">
              {t("contributions.photoAltLabel")}
              <input
                required
                maxLength={300}
                value={photoAlt}
                onInput={(e) => setPhotoAlt(e.currentTarget.value)}
              />
            </label>
          )}
        </>
      )}
      <label class="field">
        {t("contributions.answerText")}
        <textarea
          required
          rows={4}
          value={answer}
          onInput={(e) => setAnswer(e.currentTarget.value)}
        />
      </label>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy || !answer.trim()}>
          {t("contributions.publishAnswer")}
        </button>
        <button type="button" class="quiet" onClick={props.onCancel}>
          {t("contributions.cancel")}
        </button>
      </div>
    </form>
  );
}

interface AnswerDraft {
  title: string;
  answer: string;
}

function readAnswerDraft(key: string): AnswerDraft | null {
  try {
    const kept = sessionStorage.getItem(key);
    return kept ? (JSON.parse(kept) as AnswerDraft) : null;
  } catch {
    return null; // Storage refused (a private window): nothing was kept.
  }
}

/** Keeps the answer being written for this tab; null forgets it (once published). */
function keepAnswerDraft(key: string, draft: AnswerDraft | null): void {
  try {
    if (draft?.answer.trim()) sessionStorage.setItem(key, JSON.stringify(draft));
    else sessionStorage.removeItem(key);
  } catch {
    // Storage refused: the words stay in the form only.
  }
}
