// AD_SCRIPT_ORIGINS and AD_SCRIPT_URL: where a publisher's ad script may come from, and the
// script itself. The origins widen the policy of live pages with ad slots only (see
// reader/ad-scripts.ts), so each must be exactly an origin: https, a host (a leading `*.`
// for an ad network's many subdomains) and perhaps a port, nothing more. Plain http is
// accepted for this machine alone (localhost, 127.0.0.1, [::1]), for trying a script locally:
// anywhere else it would let a network in between rewrite the script.

import { z } from "zod";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);
const WILDCARD = "*.";
const HOST =
  /^(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** One origin as the policy names it ("https://ads.example.com"), or why it is not one. */
function parseOrigin(entry: string): { origin: string } | { problem: string } {
  // URL() refuses a `*` in a host, so the wildcard is set aside while the rest is read.
  const wildcard = /^https?:\/\/\*\./i.test(entry);
  const plain = wildcard ? entry.replace(WILDCARD, "") : entry;
  let url: URL;
  try {
    url = new URL(plain);
  } catch {
    return { problem: `"${entry}" is not an origin such as https://ads.example.com` };
  }
  const host = `${wildcard ? WILDCARD : ""}${url.hostname}`;
  if (url.pathname !== "/" || url.search || url.hash || url.username || url.password) {
    return { problem: `"${entry}" has more than an origin: give only https://host[:port]` };
  }
  if (!HOST.test(host) && !LOOPBACK.has(url.hostname)) {
    return { problem: `"${entry}" does not name a host such as ads.example.com` };
  }
  const loopback = !wildcard && LOOPBACK.has(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    return { problem: `"${entry}" is not https (plain http only for localhost)` };
  }
  return { origin: `${url.protocol}//${host}${url.port ? `:${url.port}` : ""}` };
}

/** AD_SCRIPT_ORIGINS: origins separated by commas or spaces; empty or unset, none. */
export const AdScriptOrigins = z.string().transform((value, ctx) => {
  const origins: string[] = [];
  for (const entry of value.split(/[\s,]+/).filter(Boolean)) {
    const parsed = parseOrigin(entry);
    if ("problem" in parsed) {
      ctx.addIssue({ code: "custom", message: parsed.problem });
      return z.NEVER;
    }
    if (!origins.includes(parsed.origin)) origins.push(parsed.origin);
  }
  return origins;
});

/** AD_SCRIPT_URL: the script's absolute address, https (http on this machine only). */
export const AdScriptUrl = z
  .url({ protocol: /^https?$/, message: "use the ad script's absolute https URL" })
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === "https:" || LOOPBACK.has(url.hostname);
  }, "use https (plain http only for localhost)")
  .optional();

/** Whether `url` comes from one of `origins` (a `*.` origin covers its subdomains). */
export function fromAllowedOrigin(url: string, origins: readonly string[]): boolean {
  const { protocol, host } = new URL(url);
  return origins.some((origin) => {
    const [scheme = "", allowed = ""] = origin.split("//");
    if (scheme !== protocol) return false;
    if (!allowed.startsWith(WILDCARD)) return allowed === host;
    return host.endsWith(allowed.slice(1)) && host.length > allowed.length - 1;
  });
}
