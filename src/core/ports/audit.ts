// What the core asks of the store about the audit log (core/audit.ts).

import type { AuditEntry, AuditListing, AuditQuery } from "../audit.js";

/** Who did what, kept even when the words it was about are gone. */
export interface AuditStore {
  insertAudit(entry: AuditEntry): Promise<void>;
  /** Newest first, narrowed by the query; `before` is the id of the last entry of the previous page. */
  listAudit(query: AuditQuery): Promise<AuditListing[]>;
}
