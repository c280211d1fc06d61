// A blog's numbers (editors and admins), at /admin/blogs/SLUG/numbers: readers now and over
// the last hours (readers-chart.tsx), the updates readers opened and shared most, and the
// host pages that load the embed. Counted on every node without cookies or personal data
// (src/numbers/); read again every half minute while the screen is open.

import { useEffect, useState } from "preact/hooks";
import { describeError } from "../api/client";
import { blogs } from "../api/newsroom";
import type { Blog, DeskNumbers } from "../api/types";
import { t } from "../i18n/messages";
import { onLinkClick } from "../router";
import { Notice } from "../ui/dialog";
import { DeskZone, zoneOf } from "../ui/time";
import { ReadersChart } from "./readers-chart";

const WINDOWS = [1, 6, 24, 48] as const;
const REFRESH_MS = 30_000;

export function BlogNumbers(props: { slug: string }) {
  const { slug } = props;
  const [blog, setBlog] = useState<Blog | null>(null);
  const [hours, setHours] = useState<number>(6);
  const [numbers, setNumbers] = useState<DeskNumbers | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    blogs.get(slug).then(setBlog, (e) => setError(describeError(e)));
  }, [slug]);
  useEffect(() => {
    let stopped = false;
    const refresh = () =>
      blogs.numbers(slug, hours).then(
        (n) => {
          if (stopped) return;
          setNumbers(n);
          setError(null);
        },
        (e) => stopped || setError(describeError(e)),
      );
    void refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [slug, hours]);
  if (!blog) return error ? <Notice text={error} tone="error" /> : <Loading />;
  return (
    <DeskZone.Provider value={zoneOf(blog)}>
      <main class="blog-numbers">
        <header class="blog-head">
          <div>
            <h1>{t("numbers.heading", { title: blog.title })}</h1>
            <p class="muted">
              <a href={`/admin/blogs/${blog.slug}`} onClick={onLinkClick}>
                {t("numbers.backToDesk")}
              </a>
              {" · "}
              {t("numbers.howCounted")}
            </p>
          </div>
          <label class="numbers-window">
            {t("numbers.window")}{" "}
            <select
              value={String(hours)}
              onChange={(e) => setHours(Number((e.currentTarget as HTMLSelectElement).value))}
            >
              {WINDOWS.map((h) => (
                <option key={h} value={String(h)}>
                  {t("numbers.lastHours", { hours: h })}
                </option>
              ))}
            </select>
          </label>
        </header>
        {error && <Notice text={error} tone="error" />}
        {numbers ? <Panels slug={blog.slug} numbers={numbers} /> : <Loading />}
      </main>
    </DeskZone.Provider>
  );
}

function Loading() {
  return <p class="muted">{t("numbers.loading")}</p>;
}

function Panels(props: { slug: string; numbers: DeskNumbers }) {
  const { slug, numbers } = props;
  return (
    <div class="numbers-panels">
      <section class="panel numbers-readers" aria-labelledby="numbers-readers-heading">
        <h2 id="numbers-readers-heading">{t("numbers.readersOverTime")}</h2>
        <p class="readers-now">
          {t("numbers.readersNow", { count: numbers.readersNow })}
          {numbers.partial && <span class="muted"> {t("numbers.partial")}</span>}
        </p>
        <ReadersChart minutes={numbers.readers} />
      </section>
      <section class="panel numbers-updates" aria-labelledby="numbers-updates-heading">
        <h2 id="numbers-updates-heading">{t("numbers.topUpdates")}</h2>
        {numbers.topUpdates.length === 0 ? (
          <p class="muted">{t("numbers.noOpens")}</p>
        ) : (
          <ol class="top-updates">
            {numbers.topUpdates.map((update) => (
              <li key={update.postId}>
                <a href={`/live/${slug}/posts/${update.postId}`} target="_blank" rel="noopener">
                  {update.title || t("numbers.untitled")}
                </a>{" "}
                <span class="muted">
                  {t("numbers.opensAndShares", { opens: update.opens, shares: update.shares })}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section class="panel numbers-embeds" aria-labelledby="numbers-embeds-heading">
        <h2 id="numbers-embeds-heading">{t("numbers.embedsByHost")}</h2>
        {numbers.embeds.length === 0 ? (
          <p class="muted">{t("numbers.noEmbeds")}</p>
        ) : (
          <table class="embed-hosts">
            <thead>
              <tr>
                <th scope="col">{t("numbers.hostPage")}</th>
                <th scope="col">{t("numbers.loads")}</th>
              </tr>
            </thead>
            <tbody>
              {numbers.embeds.map((embed) => (
                <tr key={`${embed.kind}:${embed.host ?? ""}`}>
                  <th scope="row">
                    {embed.kind === "host"
                      ? embed.host
                      : embed.kind === "unknown"
                        ? t("numbers.unknownHost")
                        : t("numbers.otherHosts")}
                  </th>
                  <td>{embed.loads}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
