// Following another blog, in a blog's settings (editors and admins): the source blog's
// address, "key events only", how the follow stands (connected, the last error, how many
// posts came), and "Stop following" after a confirmation. The posts that came stay, marked.

import type { VNode } from "preact";
import { useEffect, useState } from "preact/hooks";
import { describeError } from "../api/client";
import { follow } from "../api/newsroom";
import type { FollowStatus } from "../api/types";
import { t, tParts } from "../i18n/messages";
import { Notice, useConfirm } from "../ui/dialog";

/** How often the panel asks how the follow stands while it is open. */
const REFRESH_MS = 5000;

export function FollowPanel(props: { slug: string }) {
  const [status, setStatus] = useState<FollowStatus | null>(null);
  const [source, setSource] = useState("");
  const [keyEventsOnly, setKeyEventsOnly] = useState(false);
  const [message, setMessage] = useState<{ text: string; tone: "error" | "info" } | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = useConfirm();

  useEffect(() => {
    let live = true;
    const read = (first: boolean) =>
      follow.status(props.slug).then(
        (answer) => {
          if (!live) return;
          setStatus(answer);
          if (first && answer.following) {
            setSource(answer.source ?? "");
            setKeyEventsOnly(answer.keyEventsOnly ?? false);
          }
        },
        (e) => first && live && setMessage({ text: describeError(e), tone: "error" }),
      );
    void read(true);
    const timer = setInterval(() => void read(false), REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [props.slug]);

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      setStatus(await follow.set(props.slug, source.trim(), keyEventsOnly));
      setMessage({ text: t("blogFollow.followingNow"), tone: "info" });
    } catch (e) {
      setMessage({ text: describeError(e), tone: "error" });
    } finally {
      setBusy(false);
    }
  };

  const stop = async () => {
    const yes = await confirm.ask({
      title: t("blogFollow.stopTitle"),
      message: t("blogFollow.stopMessage"),
      confirm: t("blogFollow.stopFollowing"),
      danger: true,
    });
    if (!yes) return;
    try {
      await follow.stop(props.slug);
      setStatus({ following: false });
      setMessage({ text: t("blogFollow.noLongerFollowing"), tone: "info" });
    } catch (e) {
      setMessage({ text: describeError(e), tone: "error" });
    }
  };

  return (
    <section class="card settings follow-panel" aria-labelledby="follow-heading">
      <h2 id="follow-heading">{t("blogFollow.followAnotherBlog")}</h2>
      <p class="muted">{t("blogFollow.postsFromAnotherDispatch")}</p>
      {status?.following && (
        <p class="follow-state" data-connected={status.connected ? "yes" : "no"}>
          {tParts<VNode>("blogFollow.state", {
            source: <a href={status.source}>{status.sourceTitle || status.source}</a>,
            keyEventsOnly: status.keyEventsOnly,
            connected: status.connected,
            count: status.posts ?? 0,
          })}
          {status.lastError && !status.connected && (
            <span class="follow-error">
              {" "}
              {t("blogFollow.lastProblem", { problem: status.lastError.message })}
            </span>
          )}
        </p>
      )}
      <form onSubmit={save}>
        <label class="field">
          {t("blogFollow.sourceAddress")}
          <input
            type="url"
            required
            placeholder="https://news.example.com/live/election"
            value={source}
            onInput={(e) => setSource(e.currentTarget.value)}
          />
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={keyEventsOnly}
            onChange={(e) => setKeyEventsOnly(e.currentTarget.checked)}
          />{" "}
          {t("blogFollow.keyEventsOnly4")}
        </label>
        <Notice text={message?.text ?? null} tone={message?.tone} />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {status?.following ? t("blogFollow.saveFollow") : t("blogFollow.follow")}
          </button>
          {status?.following && (
            <button type="button" class="danger" onClick={() => void stop()}>
              {t("blogFollow.stopFollowing")}
            </button>
          )}
        </div>
      </form>
      {confirm.element}
    </section>
  );
}
