// Admins: the audit log, newest first, a page at a time; entries about people read as
// sentences (./audit-phrases.ts), the others show their detail.

import { useEffect, useState } from "preact/hooks";
import { describeError } from "../api/client";
import { audit } from "../api/newsroom";
import type { AuditEntry } from "../api/types";
import { Notice } from "../ui/dialog";
import { deskTime } from "../ui/time";
import { phraseAuditEntry } from "./audit-phrases";

export function AuditScreen() {
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const load = (before?: string) =>
    audit.page(before).then(
      (page) => {
        setEntries((shown) => (before ? [...shown, ...page.entries] : page.entries));
        setNext(page.next);
      },
      (e) => setError(describeError(e)),
    );
  useEffect(() => void load(), []);
  return (
    <main class="page">
      <h1>Audit log</h1>
      <Notice text={error} tone="error" />
      <table class="table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Blog</th>
            <th scope="col">Post</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td>
                <time dateTime={entry.at}>{deskTime(entry.at)}</time>
              </td>
              <td>{entry.actor?.name ?? "—"}</td>
              <td>
                <code>{entry.action}</code>
              </td>
              <td>{entry.blog ?? ""}</td>
              <td>{entry.postId ?? ""}</td>
              <td class="small">
                {phraseAuditEntry(entry) ??
                  (entry.detail === undefined
                    ? ""
                    : typeof entry.detail === "string"
                      ? entry.detail
                      : JSON.stringify(entry.detail))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {next && (
        <button type="button" onClick={() => void load(next)}>
          Load more
        </button>
      )}
    </main>
  );
}
