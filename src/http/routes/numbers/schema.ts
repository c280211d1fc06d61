// The numbers routes' inputs: the desk's window in hours, and the share control a reader used.

import { z } from "zod";
import { NUMBERS_MAX_HOURS } from "../../../core/numbers.js";

export const NumbersQuery = z
  .object({
    hours: z.coerce
      .number({ message: `Give hours as a whole number from 1 to ${NUMBERS_MAX_HOURS}` })
      .int(`Give hours as a whole number from 1 to ${NUMBERS_MAX_HOURS}`)
      .min(1, `Give hours as a whole number from 1 to ${NUMBERS_MAX_HOURS}`)
      .max(NUMBERS_MAX_HOURS, `The desk keeps the last ${NUMBERS_MAX_HOURS} hours at most`)
      .default(6),
  })
  .strict();

/** The share controls of share-view.ts: its networks, the copied link and the share sheet. */
export const SHARE_NETWORKS = ["x", "facebook", "whatsapp", "telegram", "copy", "native"] as const;

export const ShareInput = z.object({
  network: z.enum(SHARE_NETWORKS, { message: `One of ${SHARE_NETWORKS.join(", ")}` }),
});
