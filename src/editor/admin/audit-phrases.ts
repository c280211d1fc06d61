// What the audit screen says about the entries on people and their sign-ins: a sentence a
// newsroom reads ("changed Rui's role from editor to reporter"), from the names the entry kept
// at the time. Entries without a sentence here show their detail as it is.

import type { AuditEntry } from "../api/types";

type Detail = Record<string, unknown>;

const text = (value: unknown) => (typeof value === "string" ? value : "");
const person = (d: Detail) => text(d.name) || text(d.email) || "someone";

/** Whose sign-ins the limiter slowed down, by which of its counts. */
function throttled(d: Detail): string {
  const failures = `${typeof d.count === "number" ? d.count : "many"} failed attempts`;
  const [email, address] = [text(d.email), text(d.address)];
  switch (d.scope) {
    case "address":
      return `slowed down sign-ins from ${address} after ${failures} there, for any email`;
    case "email":
      return `slowed down sign-ins as ${email} from unrecognised devices after ${failures} from many addresses`;
    case "device":
      return `slowed down sign-ins as ${email} from one of their recognised devices (at ${address}) after ${failures}`;
    default:
      return `slowed down sign-ins as ${email} from ${address} after ${failures}`;
  }
}

const PHRASES: Record<string, (d: Detail) => string> = {
  "session.throttled": throttled,
  "user.create": (d) => `added ${text(d.email)} as ${text(d.role)}`,
  "user.role": (d) =>
    `changed ${person(d)}'s role from ${text(d.from)} to ${text(d.to)}${d.signedOut ? "; signed them out everywhere" : ""}`,
  "user.update": (d) => {
    const parts: string[] = [];
    if (typeof d.name === "string") parts.push(`renamed ${text(d.email)} to ${d.name}`);
    if (d.disabled === true) parts.push(`disabled ${text(d.email)}`);
    if (d.disabled === false) parts.push(`re-enabled ${text(d.email)}`);
    return parts.join("; ");
  },
  "password.reset": (d) =>
    `reset ${person(d)}'s password to a ${d.generated ? "generated" : "typed"} temporary one${d.via === "command line" ? " from the command line" : ""}; signed them out everywhere`,
  "password.change": (d) =>
    d.replacedTemporary
      ? "replaced a temporary password with one of their own"
      : "changed their own password",
};

/** The sentence for an entry, or null when it has none (the screen shows its detail). */
export function phraseAuditEntry(entry: AuditEntry): string | null {
  const phrase = PHRASES[entry.action];
  const detail = entry.detail && typeof entry.detail === "object" ? (entry.detail as Detail) : {};
  return phrase ? phrase(detail) || null : null;
}
