// /api/audit: the audit log for admins, newest first, paged with `before`.

import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { readAuditLog } from "../../../core/operations/audit-log.js";
import type { Newsroom } from "../../../core/ports.js";
import { parseInput } from "../../../core/validation.js";
import { requireActor } from "../../auth.js";
import { presentAuditEntry } from "../../presenters.js";

export const AuditQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: z.string().min(1).max(100).optional(),
  })
  .strict();

export function registerAuditRoutes(app: FastifyInstance, newsroom: Newsroom): void {
  app.get("/api/audit", async (request) => {
    const actor = requireActor(request);
    const query = parseInput(AuditQuery, request.query);
    const page = await readAuditLog(newsroom, actor, {
      limit: query.limit,
      ...(query.before !== undefined ? { before: query.before } : {}),
    });
    const entries = page.entries.map((entry) => presentAuditEntry(entry, page.blogSlugs));
    return page.next ? { entries, next: page.next } : { entries };
  });
}
