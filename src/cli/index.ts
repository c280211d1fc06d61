// The `dispatch` command. Each subcommand calls core operations directly (never the HTTP
// API) against the same database `serve` uses, chosen by the same flags and environment.

import cluster from "node:cluster";
import { parseArgs } from "node:util";
import { ensureDataDir } from "../config/data-dir.js";
import { ConfigError, type ConfigFlags, loadConfig } from "../config/index.js";
import { systemClock } from "../core/clock.js";
import { DomainError } from "../core/errors.js";
import { resetPassword } from "../core/operations/people.js";
import { addUser, createToken } from "../core/operations/users.js";
import { openNewsroomStore, startDispatch } from "../main.js";
import { blockWordsFor } from "../reader/i18n/block-words.js";
import { InProcessBroadcaster } from "../realtime/in-process-broadcaster.js";
import { BackupError } from "../store/backup/backup.js";
import { backupCommand, restoreCommand } from "./backup.js";
import { type DemoResult, seedDemo } from "./demo.js";
import { followCommand, unfollowCommand } from "./follow.js";
import { exportCommand, importCommand } from "./transfer.js";
import { LISTENING, startWorkers } from "./workers.js";

const USAGE = `Usage: dispatch <command>

  serve [--port 8080] [--host 127.0.0.1] [--data-dir ./data] [--demo] [--workers N]
        [--tls-cert FILE --tls-key FILE]
                      migrate the database, then serve the API and reader pages
                      (--workers: N processes sharing the port, one per core)
  migrate             apply pending database migrations
  user add EMAIL --role admin|editor|reporter [--name NAME] [--password-stdin]
                      create a newsroom user (prints a generated password if none is given)
  user reset-password EMAIL [--password-stdin]
                      set a temporary password (prints a generated one if none is given);
                      the user is signed out and must choose a new one at their next sign-in
  token create EMAIL [--label LABEL]
                      print a new API token for that user
  backup FILE         write the database and media to FILE (a tar archive), online:
                      safe while the server runs and publishes
  restore FILE        load a backup into an empty data dir (and an empty database when
                      DATABASE_URL is set); never overwrites
  export SLUG [--out FILE] [--media include|link]
                      write one blog (settings, published and scheduled posts, media) to
                      FILE: a .tar holding the files (default SLUG.tar), or with --media
                      link a .json naming them by their address under PUBLIC_URL
  import FILE [--as EMAIL] [--slug SLUG] [--merge]
                      bring in a blog from a Dispatch export (.tar or .json) or another
                      platform's LiveBlogPosting JSON-LD (.json, .jsonld or a saved .html
                      page); a second run changes nothing. --as: whose import it is (default:
                      the first admin); --merge: add the posts to an existing blog of that slug
  follow SLUG SOURCE_URL [--key-events-only]
                      make the blog follow another Dispatch blog (its reader URL,
                      https://host/live/slug): its posts appear here, marked, and follow
                      its edits and deletions
  unfollow SLUG       stop following (the posts that came stay)

Environment: PORT, HOST, DISPATCH_DATA_DIR, DATABASE_URL, REDIS_URL, PUBLIC_URL, LOG_LEVEL,
TLS_CERT and TLS_KEY (--tls-cert, --tls-key: PEM files; serve HTTPS with HTTP/2)`;

const FLAGS = {
  port: { type: "string" },
  host: { type: "string" },
  "data-dir": { type: "string" },
  "tls-cert": { type: "string" },
  "tls-key": { type: "string" },
  demo: { type: "boolean" },
  workers: { type: "string" },
  role: { type: "string" },
  name: { type: "string" },
  label: { type: "string" },
  "password-stdin": { type: "boolean" },
  out: { type: "string" },
  media: { type: "string" },
  as: { type: "string" },
  slug: { type: "string" },
  merge: { type: "boolean" },
  "key-events-only": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export async function run(argv: string[]): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: FLAGS,
      allowPositionals: true,
    });
    const [command, sub, ...rest] = positionals;
    const config = loadConfig(pickConfigFlags(values));
    if (values.help || !command) {
      console.log(USAGE);
      return command || values.help ? 0 : 1;
    }
    // Every command opens the data dir (SQLite, media, secrets): check it once, up front.
    if (!cluster.isWorker) await ensureDataDir(config.dataDir);
    if (command === "serve") return await serve(config, values.demo === true, values.workers);
    if (command === "migrate") return await migrate(config);
    if (command === "user" && sub === "add" && rest[0]) {
      return await userAdd(
        config,
        rest[0],
        values.role,
        values.name,
        values["password-stdin"] === true,
      );
    }
    if (command === "user" && sub === "reset-password" && rest[0])
      return await userResetPassword(config, rest[0], values["password-stdin"] === true);
    if (command === "token" && sub === "create" && rest[0])
      return await tokenCreate(config, rest[0], values.label);
    if (command === "backup" && sub && !rest.length) return await backupCommand(config, sub);
    if (command === "restore" && sub && !rest.length) return await restoreCommand(config, sub);
    if (command === "export" && sub && !rest.length)
      return await exportCommand(config, sub, { out: values.out, media: values.media });
    if (command === "import" && sub && !rest.length) {
      return await importCommand(config, sub, {
        as: values.as,
        slug: values.slug,
        merge: values.merge,
      });
    }
    if (command === "follow" && sub && rest.length === 1 && rest[0])
      return await followCommand(config, sub, rest[0], values["key-events-only"] === true);
    if (command === "unfollow" && sub && !rest.length) return await unfollowCommand(config, sub);
    console.error(`Unknown command: ${positionals.join(" ")}\n\n${USAGE}`);
    return 1;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof BackupError) console.error(error.message);
    else if (error instanceof DomainError) {
      // An import's refusal already begins with the item at fault.
      const named = error.field && !error.message.startsWith(error.field);
      console.error(`${error.message}${named ? ` (${error.field})` : ""}`);
    } else if (
      error instanceof TypeError &&
      "code" in error &&
      String(error.code).startsWith("ERR_PARSE_ARGS")
    ) {
      console.error(`${error.message}\n\n${USAGE}`);
    } else throw error;
    return 1;
  }
}

function pickConfigFlags(values: Record<string, unknown>): ConfigFlags {
  const flags: ConfigFlags = {};
  for (const key of ["port", "host", "data-dir", "tls-cert", "tls-key"] as const) {
    if (typeof values[key] === "string") flags[key] = values[key];
  }
  return flags;
}

async function serve(
  config: ReturnType<typeof loadConfig>,
  demo: boolean,
  workersFlag: string | undefined,
): Promise<number> {
  const workers = workersFlag === undefined ? 1 : Number(workersFlag);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
    console.error("--workers must be a whole number from 1 to 64 (e.g. the number of cores)");
    return 1;
  }
  if (cluster.isWorker) {
    const running = await startDispatch(config);
    process.send?.({ dispatch: LISTENING, url: running.url });
    process.once("SIGTERM", () => void running.close().then(() => process.exit(0)));
    return 0;
  }
  if (workers > 1) {
    const started = await startWorkers(config, workers, demo);
    announce(config, started.url, started.demo, workers);
    return 0;
  }
  const seeded: { demo: DemoResult | null } = { demo: null };
  const running = await startDispatch(config, {
    beforeListen: async (newsroom) => {
      if (demo) seeded.demo = await seedDemo(newsroom, config.dataDir);
    },
  });
  announce(config, running.url, seeded.demo, 1);
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return 0;
}

function announce(
  config: ReturnType<typeof loadConfig>,
  url: string,
  demoResult: DemoResult | null,
  workers: number,
) {
  console.log(`Dispatch listening on ${url}`);
  if (workers > 1) console.log(`  Workers:  ${workers}`);
  const base = config.publicUrl ?? url;
  console.log(`  API:      ${base}/api/blogs  (OpenAPI: ${base}/api/openapi.json)`);
  if (demoResult) {
    console.log(`  Reader:   ${base}/live/${demoResult.slug}`);
    console.log(`  Demo admin: ${demoResult.email}  password: ${demoResult.password}`);
    console.log(`  API token:  ${demoResult.token}`);
    console.log(`  Try: curl -X POST ${base}/api/blogs/${demoResult.slug}/posts \\`);
    console.log(
      `         -H "Authorization: Bearer ${demoResult.token}" -H "Content-Type: application/json" \\`,
    );
    console.log(
      `         -d '{"title":"Hello","blocks":[{"type":"paragraph","text":"First **update**"}]}'`,
    );
  } else {
    console.log(
      `  Reader:   ${base}/live/SLUG   (add a user: dispatch user add EMAIL --role admin)`,
    );
  }
}

async function migrate(config: ReturnType<typeof loadConfig>): Promise<number> {
  const store = await openNewsroomStore(config);
  try {
    const applied = await store.migrate();
    console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date");
    return 0;
  } finally {
    await store.close();
  }
}

async function userAdd(
  config: ReturnType<typeof loadConfig>,
  email: string,
  role: string | undefined,
  name: string | undefined,
  passwordFromStdin: boolean,
): Promise<number> {
  if (!role) {
    console.error("Give the user a role: --role admin|editor|reporter");
    return 1;
  }
  const password = passwordFromStdin ? (await readStdin()).replace(/\r?\n$/, "") : undefined;
  const store = await openNewsroomStore(config);
  try {
    await store.migrate();
    const result = await addUser({ store, clock: systemClock }, { email, role, name, password });
    console.log(`Added ${result.user.role} ${result.user.email}`);
    if (result.generated) console.log(`Password: ${result.password}`);
    return 0;
  } finally {
    await store.close();
  }
}

async function userResetPassword(
  config: ReturnType<typeof loadConfig>,
  email: string,
  passwordFromStdin: boolean,
): Promise<number> {
  const password = passwordFromStdin ? (await readStdin()).replace(/\r?\n$/, "") : undefined;
  const store = await openNewsroomStore(config);
  // Resetting a password changes no blog, so nothing is broadcast; the operation still wants
  // a broadcaster, and one for this process alone is enough.
  const broadcaster = new InProcessBroadcaster();
  try {
    await store.migrate();
    const newsroom = { store, clock: systemClock, broadcaster, blockWords: blockWordsFor };
    const result = await resetPassword(newsroom, null, { email }, { password });
    console.log(
      `Reset the password of ${result.user.email}: signed out everywhere; a new password must be chosen at the next sign-in`,
    );
    if (result.generated) console.log(`Password: ${result.password}`);
    return 0;
  } finally {
    await broadcaster.close();
    await store.close();
  }
}

async function tokenCreate(
  config: ReturnType<typeof loadConfig>,
  email: string,
  label: string | undefined,
): Promise<number> {
  const store = await openNewsroomStore(config);
  try {
    await store.migrate();
    const { token } = await createToken({ store, clock: systemClock }, email, label);
    process.stdout.write(`${token}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
