// Following another blog, in a blog's settings (editors and admins): the source blog's
// address, "key events only", how the follow stands (connected, the last error, how many
// posts came), and "Stop following" after a confirmation. The posts that came stay, marked.

import { useEffect, useState } from "preact/hooks";
import { describeError } from "../api/client";
import { follow } from "../api/newsroom";
import type { FollowStatus } from "../api/types";
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
      setMessage({ text: "Following. New posts from the source appear here.", tone: "info" });
    } catch (e) {
      setMessage({ text: describeError(e), tone: "error" });
    } finally {
      setBusy(false);
    }
  };

  const stop = async () => {
    const yes = await confirm.ask({
      title: "Stop following?",
      message:
        "No more posts will come from the source. The posts that already came stay, marked with their origin.",
      confirm: "Stop following",
      danger: true,
    });
    if (!yes) return;
    try {
      await follow.stop(props.slug);
      setStatus({ following: false });
      setMessage({ text: "No longer following.", tone: "info" });
    } catch (e) {
      setMessage({ text: describeError(e), tone: "error" });
    }
  };

  return (
    <section class="card settings follow-panel" aria-labelledby="follow-heading">
      <h2 id="follow-heading">Follow another blog</h2>
      <p class="muted">
        Posts from another Dispatch blog (on this site or another) appear in this one, marked “From”
        their source, and follow its corrections and deletions.
      </p>
      {status?.following && (
        <p class="follow-state" data-connected={status.connected ? "yes" : "no"}>
          Following <a href={status.source}>{status.sourceTitle || status.source}</a>
          {status.keyEventsOnly ? " (key events only)" : ""}:{" "}
          {status.connected ? "connected" : "not connected right now"}, {status.posts ?? 0}{" "}
          {status.posts === 1 ? "post" : "posts"} from it.
          {status.lastError && !status.connected && (
            <span class="follow-error"> Last problem: {status.lastError.message}</span>
          )}
        </p>
      )}
      <form onSubmit={save}>
        <label class="field">
          Source blog's address
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
          Key events only
        </label>
        <Notice text={message?.text ?? null} tone={message?.tone} />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {status?.following ? "Save follow" : "Follow"}
          </button>
          {status?.following && (
            <button type="button" class="danger" onClick={() => void stop()}>
              Stop following
            </button>
          )}
        </div>
      </form>
      {confirm.element}
    </section>
  );
}
