// The server side of bench:uploads, in its own process: the real Dispatch on SQLite in a
// temporary data dir with UPLOAD_USERS reporters (one API token each), or (`floor` as the
// first argument) a bare HTTP server that gathers each upload whole in memory before it
// answers, as Dispatch did before uploads were streamed to a file. Answers `usage` with its
// RSS, after a full GC when the parent asks and --expose-gc is given.

import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadConfig } from "../../src/config/index.js";
import { addUser, createToken } from "../../src/core/operations/users.js";
import { startDispatch } from "../../src/main.js";
import { answerParent, failed, tell, usage } from "../support/child.js";

const users = Number(process.env.UPLOAD_USERS ?? "20");

async function floor(): Promise<void> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const whole = Buffer.concat(chunks);
      // Held as long as processing would hold it (about a second), then answered.
      setTimeout(() => {
        res.writeHead(201, { "content-type": "application/json" });
        res.end(JSON.stringify({ bytes: whole.length }));
      }, 1000);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  answerParent(usage, () => new Promise((resolve) => server.close(() => resolve())));
  tell({ type: "ready", url: `http://127.0.0.1:${port}`, tokens: Array(users).fill("floor") });
}

async function dispatch(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "dispatch-bench-uploads-"));
  const config = loadConfig(
    { port: "0", host: "127.0.0.1", "data-dir": dataDir },
    { LOG_LEVEL: "silent" },
  );
  const running = await startDispatch(config);
  const tokens: string[] = [];
  for (let n = 1; n <= users; n++) {
    const email = `reporter${n}@dispatch.example`;
    await addUser(running.newsroom, {
      email,
      role: "reporter",
      name: `Reporter ${n}`,
      password: "bench password 123",
    });
    tokens.push((await createToken(running.newsroom, email, "bench")).token);
  }
  answerParent(usage, async () => {
    await running.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  tell({ type: "ready", url: running.url, tokens });
}

try {
  await (process.argv[2] === "floor" ? floor() : dispatch());
} catch (error) {
  failed(error);
}
