// The `dispatch` command as a newsroom's scripts use it: users and tokens made on the command
// line work against the server on the same data dir; bad settings stop with a clear message.

import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dispatchEntry, removeCompiledCli } from "../helpers/processes.js";
import { startTestServer } from "../helpers/server.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
let dataDir: string;

/**
 * Runs `dispatch ARGS` to its end. Asynchronous, so the test runner's own messages keep
 * flowing while a command starts on a busy machine.
 */
function dispatch(
  args: string[],
  options: { input?: string; env?: Record<string, string> } = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [...dispatchEntry(), ...args], {
    cwd: ROOT,
    env: { ...process.env, DISPATCH_DATA_DIR: dataDir, ...options.env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  child.stdin.end(options.input ?? "");
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.once("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "dispatch-cli-"));
});
afterAll(async () => {
  removeCompiledCli();
  await rm(dataDir, { recursive: true, force: true });
});

// Each command starts a fresh Node process: a second or more apiece on a busy machine.
describe("dispatch", { timeout: 120_000 }, () => {
  it("migrates, adds users and prints a token that the API accepts", async () => {
    const migrated = await dispatch(["migrate"]);
    expect(migrated.status).toBe(0);
    expect(migrated.stdout).toMatch(/Applied: 0001_initial/);
    expect((await dispatch(["migrate"])).stdout).toMatch(/up to date/);

    const added = await dispatch([
      "user",
      "add",
      "night.desk@newsroom.example",
      "--role",
      "editor",
      "--name",
      "Night Desk",
    ]);
    expect(added.status).toBe(0);
    expect(added.stdout).toMatch(/Added editor night.desk@newsroom.example/);
    expect(added.stdout).toMatch(/Password: \S{10,}/);
    const withPassword = await dispatch(
      ["user", "add", "field@newsroom.example", "--role", "reporter", "--password-stdin"],
      {
        input: "a long enough password\n",
      },
    );
    expect(withPassword.status).toBe(0);
    expect(withPassword.stdout).not.toMatch(/Password:/);

    const token = await dispatch([
      "token",
      "create",
      "night.desk@newsroom.example",
      "--label",
      "wire importer",
    ]);
    expect(token.status).toBe(0);
    expect(token.stdout).toMatch(/^dsp_[A-Za-z0-9_-]+\n$/);

    const server = await startTestServer({ dataDir });
    try {
      const created = await server.api("POST", "/api/blogs", {
        token: token.stdout.trim(),
        body: { slug: "from-cli", title: "From the CLI" },
      });
      expect(created.status).toBe(201);
    } finally {
      await server.close();
    }
  });

  it("resets a password to a temporary one that signs in and must be changed first", async () => {
    const generated = await dispatch(["user", "reset-password", "night.desk@newsroom.example"]);
    expect(generated.status).toBe(0);
    expect(generated.stdout).toMatch(/Reset the password of night.desk@newsroom.example/);
    const password = /^Password: (\S{10,})$/m.exec(generated.stdout)?.[1] ?? "";
    const typed = await dispatch(
      ["user", "reset-password", "field@newsroom.example", "--password-stdin"],
      { input: "told over the phone\n" },
    );
    expect(typed.status).toBe(0);
    expect(typed.stdout).not.toMatch(/Password:/);
    const unknown = await dispatch(["user", "reset-password", "nobody@newsroom.example"]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/No newsroom user with the email nobody@/);

    const server = await startTestServer({ dataDir });
    try {
      const first = await server.signIn("night.desk@newsroom.example", password);
      const write = await server.api("POST", "/api/blogs", {
        body: { slug: "too-soon", title: "Not yet" },
        headers: { cookie: first.cookie, "x-csrf-token": first.csrfToken },
      });
      expect(write.status).toBe(403);
      expect(write.json.error.code).toBe("password_change_required");
      const field = await server.api("POST", "/api/session", {
        body: { email: "field@newsroom.example", password: "told over the phone" },
      });
      expect(field.json.user).toMatchObject({ mustChangePassword: true });
      const admin = await server.tokenFor("admin");
      const log = await server.api("GET", "/api/audit?limit=50", { token: admin });
      const resets = log.json.entries.filter(
        (e: { action: string }) => e.action === "password.reset",
      );
      expect(resets.map((e: { detail: { email: string } }) => e.detail.email)).toEqual([
        "field@newsroom.example",
        "night.desk@newsroom.example",
      ]);
      expect(resets[0]).toMatchObject({
        actor: null,
        detail: { via: "command line", generated: false },
      });
    } finally {
      await server.close();
    }
  });

  it("refuses bad input with a message and a non-zero exit", async () => {
    const duplicate = await dispatch([
      "user",
      "add",
      "night.desk@newsroom.example",
      "--role",
      "editor",
    ]);
    expect(duplicate.status).toBe(1);
    expect(duplicate.stderr).toMatch(/already a user/);
    const noRole = await dispatch(["user", "add", "x@newsroom.example"]);
    expect(noRole.status).toBe(1);
    expect(noRole.stderr).toMatch(/--role/);
    const unknown = await dispatch(["token", "create", "nobody@newsroom.example"]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/No newsroom user/);
    const badPort = await dispatch(["serve"], { env: { PORT: "eighty" } });
    expect(badPort.status).toBe(1);
    expect(badPort.stderr).toMatch(/PORT/);
    const badDb = await dispatch(["migrate"], { env: { DATABASE_URL: "mysql://x" } });
    expect(badDb.status).toBe(1);
    expect(badDb.stderr).toMatch(/DATABASE_URL/);
  });

  it("stops at once, naming the setting, when the data dir cannot be made or written", async () => {
    // A regular file standing where the directory should be, and a path under /proc, which
    // no one may create anything in: both used to leave `serve` retrying for ever.
    const file = path.join(dataDir, "not-a-dir");
    await writeFile(file, "taken");
    for (const place of [path.join(file, "data"), "/proc/dispatch-data"]) {
      const started = Date.now();
      const served = await dispatch(["serve", "--port", "0", "--data-dir", place]);
      expect(served.status).toBe(1);
      expect(Date.now() - started).toBeLessThan(20_000);
      const lines = served.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/DISPATCH_DATA_DIR \(--data-dir\)/);
      expect(lines[0]).toContain(place);
      expect(lines[0]).toMatch(/cannot (create|write)/);
    }
    const migrated = await dispatch(["migrate"], {
      env: { DISPATCH_DATA_DIR: path.join(file, "d") },
    });
    expect(migrated.status).toBe(1);
    expect(migrated.stderr).toMatch(/DISPATCH_DATA_DIR \(--data-dir\)/);
  });
});
