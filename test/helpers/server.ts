// A real Dispatch server for integration tests: the real SQLite file in a temp data dir (or
// PostgreSQL when given a URL), real HTTP on a free port, and newsroom users with API tokens.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadConfig } from "../../src/config/index.js";
import { addUser, createToken } from "../../src/core/operations/users.js";
import { setPasswordCostForTests } from "../../src/core/secrets.js";
import type { Role } from "../../src/core/user.js";
import { type RunningDispatch, startDispatch } from "../../src/main.js";

/**
 * Production scrypt (N = 2^17) takes seconds per hash on a busy test machine and suites make
 * hundreds of users and sign-ins, so servers started here hash at N = 2^10. A test of the
 * real cost restores it with setPasswordCostForTests(undefined).
 */
export const TEST_PASSWORD_COST = 2 ** 10;
setPasswordCostForTests(TEST_PASSWORD_COST);

export interface TestServer {
  url: string;
  dispatch: RunningDispatch;
  dataDir: string;
  /** Makes a newsroom user and returns a bearer token for them. */
  tokenFor(role: Role, name?: string): Promise<string>;
  /** Makes a newsroom user; returns their id, email and password and a bearer token. */
  userFor(role: Role, name?: string): Promise<TestUser>;
  /** Signs in over HTTP; `cookie` is ready for a Cookie header. Throws if refused. */
  signIn(email: string, password: string): Promise<{ cookie: string; csrfToken: string }>;
  /** fetch against the server with JSON in and out; `token` adds the bearer header. */
  api(
    method: string,
    route: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; json: AnswerJson }>;
  close(): Promise<void>;
}

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers and assert on them
type AnswerJson = any;

export interface TestUser {
  id: string;
  email: string;
  password: string;
  token: string;
}

let users = 0;

export async function startTestServer(
  options: {
    dataDir?: string;
    databaseUrl?: string;
    env?: Record<string, string>;
    /** Receives the server's log lines (set LOG_LEVEL in env to see more than warnings). */
    logStream?: { write(line: string): void };
    /** How often the scheduler looks for due posts (100 ms unless given). */
    schedulerMs?: number;
  } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), "dispatch-test-")));
  const config = loadConfig(
    { port: "0", host: "127.0.0.1", "data-dir": dataDir },
    {
      LOG_LEVEL: "silent",
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      ...options.env,
    },
  );
  const dispatch = await startDispatch(config, {
    schedulerMs: options.schedulerMs ?? 100,
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });
  const server: TestServer = {
    url: dispatch.url,
    dispatch,
    dataDir,
    async tokenFor(role, name) {
      users += 1;
      const email = `${role}${users}-${process.pid}@newsroom.example`;
      const newsroom = dispatch.newsroom;
      await addUser(newsroom, {
        email,
        role,
        name: name ?? `${role} ${users}`,
        password: "correct horse battery",
      });
      return (await createToken(newsroom, email, "test")).token;
    },
    async userFor(role, name) {
      users += 1;
      const email = `${role}${users}-${process.pid}@newsroom.example`;
      const password = `correct horse battery ${users}`;
      const newsroom = dispatch.newsroom;
      const { user } = await addUser(newsroom, {
        email,
        role,
        name: name ?? `${role} ${users}`,
        password,
      });
      const { token } = await createToken(newsroom, email, "test");
      return { id: user.id, email, password, token };
    },
    async signIn(email, password) {
      const answer = await server.api("POST", "/api/session", { body: { email, password } });
      const setCookie = answer.headers
        .getSetCookie()
        .find((c) => c.startsWith("dispatch_session="));
      if (answer.status !== 200 || !setCookie) {
        throw new Error(
          `Sign-in as ${email} failed: ${answer.status} ${JSON.stringify(answer.json)}`,
        );
      }
      return { cookie: setCookie.split(";")[0] ?? "", csrfToken: answer.json.csrfToken };
    },
    async api(method, route, { token, body, headers = {} } = {}) {
      const response = await fetch(`${dispatch.url}${route}`, {
        method,
        headers: {
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        ...(body !== undefined
          ? { body: typeof body === "string" ? body : JSON.stringify(body) }
          : {}),
      });
      const text = await response.text();
      let json: AnswerJson = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = text;
      }
      return { status: response.status, headers: response.headers, json };
    },
    async close() {
      await dispatch.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

export const paragraph = (text: string) => ({ type: "paragraph", text });
