// Admins: the audit log, newest first, a page at a time, narrowed by person, blog and action
// (kept in the URL, ./audit-filters.tsx). Each entry reads as a sentence (./audit-phrases.ts)
// with links to the post and the blog it names, and when it happened.

import { useEffect, useRef, useState } from "preact/hooks";
import { describeError } from "../api/client";
import { audit, blogs as blogApi, users as userApi } from "../api/newsroom";
import type { AuditEntry, AuditFilter, Blog, User } from "../api/types";
import { t } from "../i18n/messages";
import { navigate } from "../router";
import { Notice } from "../ui/dialog";
import { deskTime, zoneOf } from "../ui/time";
import { AuditFilters, filterFromUrl, filterToUrl } from "./audit-filters";
import { auditSentence, type People, type SentencePart } from "./audit-phrases";

export function AuditScreen() {
  const [filter, setFilter] = useState<AuditFilter>(filterFromUrl);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [next, setNext] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [people, setPeople] = useState<User[]>([]);
  const [blogs, setBlogs] = useState<Blog[]>([]);
  // Answers to an earlier filter that arrive late are dropped, not shown under the new one.
  const asked = useRef(0);

  const load = (shown: AuditFilter, before?: string) => {
    const ticket = ++asked.current;
    audit.page(shown, before).then(
      (page) => {
        if (ticket !== asked.current) return;
        setEntries((earlier) => (before ? [...(earlier ?? []), ...page.entries] : page.entries));
        setNext(page.next);
        setError(null);
      },
      (e) => ticket === asked.current && setError(describeError(e)),
    );
  };
  useEffect(() => {
    userApi.list().then(setPeople, (e) => setError(describeError(e)));
    blogApi.list().then(setBlogs, (e) => setError(describeError(e)));
  }, []);
  useEffect(() => load(filter), [filter]);

  const change = (narrowed: AuditFilter) => {
    filterToUrl(narrowed);
    setEntries(null);
    setFilter(narrowed);
  };
  const names: People = new Map(people.map((user) => [user.id, user.name]));
  // An entry about a blog reads on that blog's clock; the others on this browser's.
  const zones = new Map(blogs.map((blog) => [blog.slug, zoneOf(blog)]));
  return (
    <main class="page">
      <h1>{t("audit.auditLog")}</h1>
      <AuditFilters filter={filter} people={people} blogs={blogs} onChange={change} />
      <Notice text={error} tone="error" />
      {entries?.length === 0 && <p class="muted">{t("audit.nothingInTheLog")}</p>}
      <ol class="audit-log" aria-label={t("audit.auditEntries")} aria-busy={entries === null}>
        {(entries ?? []).map((entry) => (
          <li key={entry.id}>
            <Sentence parts={auditSentence(entry, names)} /> {t("audit.at")}{" "}
            <time dateTime={entry.at} title={new Date(entry.at).toLocaleString()}>
              {deskTime(entry.at, (entry.blog && zones.get(entry.blog)) || null)}
            </time>
          </li>
        ))}
      </ol>
      {next && (
        <button type="button" onClick={() => load(filter, next)}>
          {t("audit.loadMore")}
        </button>
      )}
    </main>
  );
}

function Sentence(props: { parts: SentencePart[] }) {
  return (
    <>
      {props.parts.map((part, i) =>
        typeof part === "string" ? (
          part
        ) : part.href.startsWith("/admin/") ? (
          <a key={i} href={part.href} onClick={(event) => openInApp(event, part.href)}>
            {part.text}
          </a>
        ) : (
          <a key={i} href={part.href}>
            {part.text}
          </a>
        ),
      )}
    </>
  );
}

/** A desk link opens in the app (keeping a new tab for a modified click). */
function openInApp(event: MouseEvent, href: string): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
    return;
  event.preventDefault();
  navigate(href);
}
