// GET /api/audit's query: paging, and the filters the audit screen offers (who acted, in which
// blog, what they did). The same schema feeds the OpenAPI document.

import { z } from "zod";
import { AUDIT_ACTIONS } from "../../../core/audit.js";

export const AuditQuery = z
  .object({
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(200)
      .default(50)
      .describe("Entries per page (1 to 200, default 50)"),
    before: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe("The `next` of the previous page: entries older than that one"),
    actor: z.string().min(1).max(100).optional().describe("Only what this person (user id) did"),
    blog: z.string().min(1).max(100).optional().describe("Only entries about this blog (its slug)"),
    action: z.enum(AUDIT_ACTIONS).optional().describe("Only entries of this action"),
  })
  .strict();
