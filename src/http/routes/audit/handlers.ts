// /api/audit: the audit log for admins, newest first, paged with `before`, narrowed by person,
// blog and action; each entry names its blog and post as they are now.

import type { FastifyInstance } from "fastify";
import { readAuditLog } from "../../../core/operations/audit-log.js";
import type { Newsroom } from "../../../core/ports.js";
import { parseQuery } from "../../../core/validation.js";
import { requireActor } from "../../auth.js";
import { presentAuditEntry } from "../../presenters/audit.js";
import { AuditQuery } from "./schema.js";

export function registerAuditRoutes(app: FastifyInstance, newsroom: Newsroom): void {
  app.get("/api/audit", async (request) => {
    const actor = requireActor(request);
    const query = parseQuery(AuditQuery, request.query);
    const page = await readAuditLog(newsroom, actor, {
      limit: query.limit,
      ...(query.before !== undefined ? { before: query.before } : {}),
      ...(query.actor !== undefined ? { actor: query.actor } : {}),
      ...(query.blog !== undefined ? { blog: query.blog } : {}),
      ...(query.action !== undefined ? { action: query.action } : {}),
    });
    const entries = page.entries.map((entry) => presentAuditEntry(entry, page.blogs));
    return page.next ? { entries, next: page.next } : { entries };
  });
}
