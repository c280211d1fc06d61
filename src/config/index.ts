// The one typed configuration object: command-line flags win over environment variables,
// which win over defaults. A bad setting stops start-up with a message naming the setting.

import { existsSync } from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";
import { AdScriptOrigins, AdScriptUrl, fromAllowedOrigin } from "./ad-scripts.js";

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  publicUrl: string | undefined;
  /** Called with the public paths to purge from a CDN after every change. */
  purgeUrl: string | undefined;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "silent";
  /** Let the server fetch loopback and private addresses a person gives (an intranet host). */
  fetchAllowPrivate: boolean;
  /**
   * Whose X-Forwarded-For/-Host/-Proto to believe: nobody (false, the default), the proxies
   * at these addresses or CIDR ranges, or this many hops in front of us.
   */
  trustProxy: TrustProxy;
  /** The bearer token GET /metrics answers to; unset turns the route off (404). */
  metricsToken: string | undefined;
  /** A port of its own for GET /metrics (no token needed there), bound to metricsHost. */
  metricsPort: number | undefined;
  metricsHost: string;
  /**
   * TLS_CERT and TLS_KEY: PEM files. Given both, `serve` speaks HTTPS with HTTP/2 (HTTP/1.1
   * still offered through ALPN); given neither, plain HTTP/1.1.
   */
  tlsCert: string | undefined;
  tlsKey: string | undefined;
  /**
   * The newsroom as search engines name it (JSON-LD `publisher`, `og:site_name`, the Google
   * News sitemap): PUBLISHER_NAME, else PUBLIC_URL's host, else "Dispatch".
   */
  publisherName: string;
  /** PUBLISHER_LOGO: an absolute http(s) URL of the newsroom's logo, for JSON-LD. */
  publisherLogo: string | undefined;
  /** The first wait before a failed webhook delivery is tried again; later waits grow from it. */
  webhookRetryBaseMs: number;
  /** POLL_VOTES_PER_MINUTE: how many poll votes one address may cast a minute (default 30). */
  pollVotesPerMinute: number;
  /**
   * AD_SCRIPT_ORIGINS: where the publisher's ad script and what it loads may come from, added
   * to the policy of live pages with ad slots only (reader/ad-scripts.ts); none by default.
   */
  adScriptOrigins: string[];
  /** AD_SCRIPT_URL: the ad script the live pages with slots load; from one of those origins. */
  adScriptUrl: string | undefined;
  /**
   * ALERTS_CONTACT: how push services reach the operator about readers' alerts, the VAPID
   * `sub` (a mailto: or https: URL); PUBLIC_URL when it is https and this is unset.
   */
  alertsContact: string | undefined;
  /** ALERTS_RETRY_BASE_MS: the first wait before a refused push (429, 5xx) is tried again. */
  alertsRetryBaseMs: number;
  contributionsPerHour: number;
  contributionRetentionDays: number;
  contributionChallengeBits: number;
  /** NUMBERS_FLUSH_MS: how often the desk's counts go to the database (default 5000). */
  numbersFlushMs: number;
  /** READERS_SAMPLE_MS: how often live readers are sampled for the desk's chart (default 60000). */
  readersSampleMs: number;
}

export type TrustProxy = false | number | string[];

export class ConfigError extends Error {}

export type ConfigFlags = Partial<
  Record<"port" | "host" | "data-dir" | "tls-cert" | "tls-key", string>
>;

const settings = {
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  dataDir: z.string().min(1),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "use a postgres:// URL, or leave it unset for SQLite")
    .optional(),
  redisUrl: z
    .string()
    .regex(/^rediss?:\/\//, "use a redis:// URL")
    .optional(),
  publicUrl: z
    .url({
      protocol: /^https?$/,
      message: "use an absolute http(s) URL such as https://live.example.com",
    })
    .transform((v) => v.replace(/\/+$/, ""))
    .optional(),
  purgeUrl: z.url({ protocol: /^https?$/, message: "use an absolute http(s) URL" }).optional(),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "silent"]),
  fetchAllowPrivate: z
    .enum(["", "0", "1", "false", "true"], { message: "use 1 (allow) or 0 (refuse, the default)" })
    .transform((v) => v === "1" || v === "true"),
  trustProxy: z
    .string()
    .refine(
      (v) => v.trim() === "" || /^\d{1,2}$/.test(v.trim()) || v.split(",").every(isProxyAddress),
      "name your proxies' addresses or CIDR ranges, comma-separated (e.g. 10.0.0.5,10.1.0.0/16), or a hop count (e.g. 1)",
    )
    .transform((v): TrustProxy => {
      const value = v.trim();
      if (value === "" || value === "0") return false;
      if (/^\d+$/.test(value)) return Number(value);
      return value.split(",").map((entry) => entry.trim());
    }),
  metricsToken: z
    .string()
    .min(16, "use at least 16 characters, e.g. from `openssl rand -hex 32`")
    .regex(/^[\x21-\x7e]+$/, "use printable ASCII without spaces")
    .optional(),
  metricsPort: z.coerce.number().int().min(0).max(65535).optional(),
  metricsHost: z.string().min(1),
  tlsCert: z
    .string()
    .refine(existsSync, "no such file: give the PEM certificate (chain) file")
    .optional(),
  tlsKey: z.string().refine(existsSync, "no such file: give the PEM private key file").optional(),
  publisherName: z
    .string()
    .trim()
    .min(1, "name the newsroom, e.g. The Daily Example")
    .max(200, "use at most 200 characters")
    .regex(/^[^\p{Cc}]*$/u, "use a single line without control characters"),
  publisherLogo: z
    .url({
      protocol: /^https?$/,
      message: "use an absolute http(s) URL of an image, e.g. https://example.com/logo.png",
    })
    .optional(),
  webhookRetryBaseMs: z.coerce
    .number()
    .int()
    .min(10, "use at least 10 (milliseconds); the default is 5000"),
  pollVotesPerMinute: z.coerce
    .number()
    .int()
    .min(1, "use a whole number of votes, at least 1; the default is 30"),
  adScriptOrigins: AdScriptOrigins,
  adScriptUrl: AdScriptUrl,
  alertsContact: z
    .string()
    .regex(
      /^(mailto:[^\s@]+@[^\s@]+|https:\/\/[^\s]+)$/,
      "use a mailto: address or an https URL, e.g. mailto:ops@example.com",
    )
    .optional(),
  alertsRetryBaseMs: z.coerce
    .number()
    .int()
    .min(10, "use at least 10 (milliseconds); the default is 5000"),
  contributionsPerHour: z.coerce
    .number()
    .int()
    .min(1, "use a whole number of contributions, at least 1; the default is 10"),
  contributionRetentionDays: z.coerce
    .number()
    .int()
    .min(1, "use a whole number of days, at least 1; the default is 30")
    .max(3650, "use at most 3650 days"),
  contributionChallengeBits: z.coerce
    .number()
    .int()
    .min(1, "use a whole number of bits from 1 to 24; the default is 16")
    .max(24, "use at most 24 bits: more would keep a phone busy for minutes"),
  numbersFlushMs: z.coerce
    .number()
    .int()
    .min(50, "use at least 50 (milliseconds); the default is 5000"),
  readersSampleMs: z.coerce
    .number()
    .int()
    .min(50, "use at least 50 (milliseconds); the default is 60000"),
};

/** PUBLIC_URL's host name ("live.example.com"), or "Dispatch" without one. */
function defaultPublisherName(publicUrl: string | undefined): string {
  try {
    return publicUrl ? new URL(publicUrl).hostname || "Dispatch" : "Dispatch";
  } catch {
    return "Dispatch";
  }
}

/** The value a bad setting had, except a secret's: that is never written to a log. */
function shown(key: keyof typeof settings, value: unknown): string {
  return key === "metricsToken" ? "a value, not shown" : `"${String(value)}"`;
}

/** An address, a CIDR range, or one of the names Fastify's trustProxy knows. */
function isProxyAddress(entry: string): boolean {
  const value = entry.trim();
  if (["loopback", "linklocal", "uniquelocal"].includes(value)) return true;
  const [address = "", prefix, ...rest] = value.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

const NAMES: Record<keyof typeof settings, string> = {
  port: "PORT (--port)",
  host: "HOST (--host)",
  dataDir: "DISPATCH_DATA_DIR (--data-dir)",
  databaseUrl: "DATABASE_URL",
  redisUrl: "REDIS_URL",
  publicUrl: "PUBLIC_URL",
  purgeUrl: "PURGE_URL",
  logLevel: "LOG_LEVEL",
  fetchAllowPrivate: "FETCH_ALLOW_PRIVATE",
  trustProxy: "TRUST_PROXY",
  metricsToken: "METRICS_TOKEN",
  metricsPort: "METRICS_PORT",
  metricsHost: "METRICS_HOST",
  tlsCert: "TLS_CERT (--tls-cert)",
  tlsKey: "TLS_KEY (--tls-key)",
  publisherName: "PUBLISHER_NAME",
  publisherLogo: "PUBLISHER_LOGO",
  webhookRetryBaseMs: "WEBHOOK_RETRY_BASE_MS",
  pollVotesPerMinute: "POLL_VOTES_PER_MINUTE",
  adScriptOrigins: "AD_SCRIPT_ORIGINS",
  adScriptUrl: "AD_SCRIPT_URL",
  alertsContact: "ALERTS_CONTACT",
  alertsRetryBaseMs: "ALERTS_RETRY_BASE_MS",
  contributionsPerHour: "CONTRIBUTIONS_PER_HOUR",
  contributionRetentionDays: "CONTRIBUTION_RETENTION_DAYS",
  contributionChallengeBits: "CONTRIBUTION_CHALLENGE_BITS",
  numbersFlushMs: "NUMBERS_FLUSH_MS",
  readersSampleMs: "READERS_SAMPLE_MS",
};

export function loadConfig(flags: ConfigFlags = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const raw = {
    port: flags.port ?? env.PORT ?? "8080",
    host: flags.host ?? env.HOST ?? "127.0.0.1",
    dataDir: flags["data-dir"] ?? env.DISPATCH_DATA_DIR ?? "./data",
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    publicUrl: env.PUBLIC_URL || undefined,
    purgeUrl: env.PURGE_URL || undefined,
    logLevel: env.LOG_LEVEL ?? "warn",
    fetchAllowPrivate: env.FETCH_ALLOW_PRIVATE ?? "",
    trustProxy: env.TRUST_PROXY ?? "",
    metricsToken: env.METRICS_TOKEN || undefined,
    metricsPort: env.METRICS_PORT || undefined,
    metricsHost: env.METRICS_HOST || (flags.host ?? env.HOST ?? "127.0.0.1"),
    tlsCert: flags["tls-cert"] || env.TLS_CERT || undefined,
    tlsKey: flags["tls-key"] || env.TLS_KEY || undefined,
    publisherName: env.PUBLISHER_NAME || defaultPublisherName(env.PUBLIC_URL),
    publisherLogo: env.PUBLISHER_LOGO || undefined,
    webhookRetryBaseMs: env.WEBHOOK_RETRY_BASE_MS || "5000",
    pollVotesPerMinute: env.POLL_VOTES_PER_MINUTE || "30",
    adScriptOrigins: env.AD_SCRIPT_ORIGINS ?? "",
    adScriptUrl: env.AD_SCRIPT_URL || undefined,
    alertsContact:
      env.ALERTS_CONTACT ||
      (env.PUBLIC_URL?.startsWith("https://") ? env.PUBLIC_URL.replace(/\/+$/, "") : undefined),
    alertsRetryBaseMs: env.ALERTS_RETRY_BASE_MS || "5000",
    contributionsPerHour: env.CONTRIBUTIONS_PER_HOUR || "10",
    contributionRetentionDays: env.CONTRIBUTION_RETENTION_DAYS || "30",
    contributionChallengeBits: env.CONTRIBUTION_CHALLENGE_BITS || "16",
    numbersFlushMs: env.NUMBERS_FLUSH_MS || "5000",
    readersSampleMs: env.READERS_SAMPLE_MS || "60000",
  };
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(settings) as [keyof typeof settings, z.ZodType][]) {
    const result = schema.safeParse(raw[key]);
    if (!result.success) {
      const message = result.error.issues[0]?.message ?? "invalid value";
      throw new ConfigError(
        `Invalid setting ${NAMES[key]}: ${message} (got ${shown(key, raw[key])})`,
      );
    }
    out[key] = result.data;
  }
  const config = out as unknown as Config;
  if ((config.tlsCert === undefined) !== (config.tlsKey === undefined)) {
    const missing = config.tlsCert === undefined ? NAMES.tlsCert : NAMES.tlsKey;
    throw new ConfigError(
      `Invalid setting ${missing}: HTTPS needs both TLS_CERT and TLS_KEY (or neither, for plain HTTP)`,
    );
  }
  if (config.adScriptUrl && !fromAllowedOrigin(config.adScriptUrl, config.adScriptOrigins)) {
    throw new ConfigError(
      `Invalid setting ${NAMES.adScriptUrl}: its origin is not in ${NAMES.adScriptOrigins}; list it there too (got "${config.adScriptUrl}")`,
    );
  }
  return {
    ...config,
    dataDir: path.resolve(config.dataDir),
    ...(config.tlsCert ? { tlsCert: path.resolve(config.tlsCert) } : {}),
    ...(config.tlsKey ? { tlsKey: path.resolve(config.tlsKey) } : {}),
  };
}
