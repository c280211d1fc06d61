// Support for the backup tests: the `dispatch` command as a child process, a newsroom seeded
// through the API with everything a store holds, and readers of a whole database and of the
// public API that know nothing of the backup code they check.

import { spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import Sqlite from "better-sqlite3";
import pg from "pg";
import sharp from "sharp";
import { expect } from "vitest";
import { withDefaultUser } from "../../src/store/postgres/open.js";
import { dispatchEntry } from "../helpers/processes.js";
import { paragraph, type TestServer } from "../helpers/server.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `dispatch ARGS` (compiled from today's source) with only the given Dispatch settings. */
export function dispatchCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  delete base.DISPATCH_DATA_DIR;
  const child = spawn(process.execPath, [...dispatchEntry(), ...args], {
    cwd: ROOT,
    env: { ...base, LOG_LEVEL: "silent", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.once("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** Where a store lives, for the dumpers: a SQLite file or a PostgreSQL URL. */
export type StoreAt = { sqlite: string } | { postgres: string };

/**
 * Every table's rows, each as JSON text, sorted: two stores hold the same data exactly when
 * their dumps are equal. Kysely's migration log is reduced to the names (a restore applies
 * the migrations anew, at its own time) and its lock table left out.
 */
export async function dumpStore(at: StoreAt): Promise<Record<string, string[]>> {
  const tables: Record<string, Record<string, unknown>[]> = {};
  if ("sqlite" in at) {
    const db = new Sqlite(at.sqlite, { readonly: true, fileMustExist: true });
    try {
      const names = db
        // Plain tables: a full-text index's virtual and shadow tables are rebuilt, not copied.
        .prepare(
          "select name from pragma_table_list where schema = 'main' and type = 'table' and name not like 'sqlite_%'",
        )
        .all() as { name: string }[];
      for (const { name } of names)
        tables[name] = db.prepare(`select * from "${name}"`).all() as Record<string, unknown>[];
    } finally {
      db.close();
    }
  } else {
    const client = new pg.Client({ connectionString: withDefaultUser(at.postgres) });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>(
        "select table_name as name from information_schema.tables where table_schema = 'public'",
      );
      for (const { name } of rows)
        tables[name] = (await client.query(`select * from "${name}"`)).rows;
    } finally {
      await client.end();
    }
  }
  delete tables.kysely_migration_lock;
  const dump: Record<string, string[]> = {};
  for (const [name, rows] of Object.entries(tables)) {
    const shown = name === "kysely_migration" ? rows.map((r) => ({ name: r.name })) : rows;
    dump[name] = shown.map((row) => JSON.stringify(row)).sort();
  }
  return dump;
}

/** The blog's change sequence in a dump. */
export function lastSeq(dump: Record<string, string[]>, slug: string): number {
  const blog = (dump.blogs ?? []).map((r) => JSON.parse(r)).find((b) => b.slug === slug);
  return Number(blog?.last_seq);
}

/** Every media file under a data dir's media/, by key, with its bytes. */
export async function mediaFiles(dataDir: string): Promise<Map<string, Buffer>> {
  const root = path.join(dataDir, "media");
  const found = new Map<string, Buffer>();
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    found.set(path.relative(root, file), await readFile(file));
  }
  return found;
}

/** What anyone may read of a blog through the API and feeds, with the origin made neutral. */
export async function publicAnswers(url: string, slug: string): Promise<Record<string, unknown>> {
  const read = async (route: string) => {
    const response = await fetch(`${url}${route}`);
    return { status: response.status, body: (await response.text()).replaceAll(url, "ORIGIN") };
  };
  const answers: Record<string, unknown> = {
    blogs: await read("/api/blogs"),
    blog: await read(`/api/blogs/${slug}`),
    changes: await read(`/api/blogs/${slug}/changes?since=0`),
    feed: await read(`/live/${slug}/feed.json`),
    media: await read("/api/media"),
  };
  let route = `/api/blogs/${slug}/posts?limit=100`;
  for (let page = 0; route; page++) {
    const answer = await read(route);
    answers[`posts ${page}`] = answer;
    const next = answer.status === 200 ? JSON.parse(answer.body).next : undefined;
    route = next ? `/api/blogs/${slug}/posts?limit=100&before=${encodeURIComponent(next)}` : "";
  }
  return answers;
}

export interface Seeded {
  slug: string;
  editorToken: string;
  revokedToken: string;
}

/** A blog with what a night on the desk leaves behind: edits, deletions, drafts, images… */
export async function seedNewsroom(server: TestServer): Promise<Seeded> {
  const admin = await server.userFor("admin", "Ada Admin");
  const editor = await server.userFor("editor", "Eda Editor");
  const reporter = await server.userFor("reporter", "Rui Reporter");
  const leaver = await server.userFor("reporter", "Lee Leaver");
  const ok = async (answer: Promise<{ status: number; json: unknown }>, status: number) => {
    const settled = await answer;
    expect(settled.status, JSON.stringify(settled.json)).toBe(status);
    // biome-ignore lint/suspicious/noExplicitAny: answers are read field by field below
    return settled.json as any;
  };
  const slug = "harbour-fire";
  await ok(
    server.api("POST", "/api/blogs", {
      token: editor.token,
      body: { slug, title: "Harbour fire" },
    }),
    201,
  );
  await ok(
    server.api("PATCH", `/api/blogs/${slug}`, {
      token: editor.token,
      body: { summary: "Crews at the quay" },
    }),
    200,
  );
  const images = [];
  for (const [name, colour] of [
    ["quay.png", "#c0392b"],
    ["crew.png", "#2c3e50"],
  ] as const) {
    const png = await sharp({
      create: { width: 320, height: 200, channels: 3, background: colour },
    })
      .png()
      .toBuffer();
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(png)], { type: "image/png" }), name);
    const response = await fetch(`${server.url}/api/media`, {
      method: "POST",
      body: form,
      headers: { authorization: `Bearer ${editor.token}` },
    });
    expect(response.status).toBe(201);
    images.push((await response.json()) as { src: string });
  }
  const posts = `/api/blogs/${slug}/posts`;
  const publish = (body: object, token = editor.token) =>
    ok(server.api("POST", posts, { token, body }), 201);
  await publish({ title: "Police cordon", blocks: [paragraph("Police name **a suspect**.")] });
  const corrected = await publish({ blocks: [paragraph("Two engines at the quay.")] });
  await ok(
    server.api("PATCH", `${posts}/${corrected.id}`, {
      token: editor.token,
      body: { version: corrected.version, blocks: [paragraph("Four engines at the quay.")] },
    }),
    200,
  );
  const withdrawn = await publish({ blocks: [paragraph("Unconfirmed: a second fire.")] });
  await ok(server.api("DELETE", `${posts}/${withdrawn.id}`, { token: editor.token }), 204);
  await publish({
    blocks: [
      { type: "image", src: images[0]?.src, alt: "The quay", caption: "Smoke", credit: "Desk" },
    ],
    pinned: true,
    keyEvent: true,
  });
  await publish({ blocks: [paragraph("Draft from the scene")], status: "draft" }, reporter.token);
  await publish({
    blocks: [paragraph("Scheduled recap")],
    status: "scheduled",
    publishAt: "2099-01-01T09:00:00.000Z",
  });
  await ok(
    server.api("PATCH", `/api/users/${leaver.id}`, {
      token: admin.token,
      body: { disabled: true },
    }),
    200,
  );
  const spare = await ok(
    server.api("POST", "/api/tokens", { token: editor.token, body: { label: "old laptop" } }),
    201,
  );
  await ok(server.api("DELETE", `/api/tokens/${spare.id}`, { token: editor.token }), 204);
  await server.signIn(reporter.email, reporter.password);
  await server.api("POST", "/api/session", {
    body: { email: admin.email, password: "not the password" },
  });
  return { slug, editorToken: editor.token, revokedToken: spare.token };
}
