// The real Dispatch server for benchmarks, in its own process: startDispatch on SQLite in a
// temporary data dir, with an editor, an API token and one live blog made by core operations
// (and BENCH_POSTS posts published into it), warmed up by WARM_UP_PUBLISHES publishes through
// its own API into another blog. Tells the parent its URL, slug and token, and answers `usage`
// with its CPU time and RSS.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadConfig } from "../../src/config/index.js";
import { createBlog } from "../../src/core/operations/blogs.js";
import { publishPost } from "../../src/core/operations/posts.js";
import { addUser, createToken } from "../../src/core/operations/users.js";
import { startDispatch } from "../../src/main.js";
import { answerParent, failed, tell, usage } from "./child.js";
import { benchPost, WARM_UP_PUBLISHES } from "./posts.js";

const SLUG = "bench-live";
const WARM_UP_SLUG = "bench-warm-up";
const posts = Number(process.env.BENCH_POSTS ?? "0");

try {
  const dataDir = await mkdtemp(path.join(tmpdir(), "dispatch-bench-"));
  const config = loadConfig(
    { port: "0", host: "127.0.0.1", "data-dir": dataDir },
    { LOG_LEVEL: "silent" },
  );
  const dispatch = await startDispatch(config);
  const { newsroom } = dispatch;
  const email = "bench.editor@dispatch.example";
  const { user } = await addUser(newsroom, {
    email,
    role: "editor",
    name: "Bench Desk",
    password: "bench password 123",
  });
  const { token } = await createToken(newsroom, email, "bench");
  const actor = { id: user.id, name: user.name, role: user.role };
  await createBlog(newsroom, actor, { slug: SLUG, title: "Benchmark live blog: the Vell floods" });
  for (let n = 1; n <= posts; n++) await publishPost(newsroom, actor, SLUG, benchPost(n));
  // A server that has been up for a while: the publish path (HTTP, validation, rendering, SQL)
  // is compiled by the JIT before anything is measured. Into another blog, so the measured
  // blog's stream starts clean.
  await createBlog(newsroom, actor, { slug: WARM_UP_SLUG, title: "Warm-up" });
  for (let n = 1; n <= WARM_UP_PUBLISHES; n++) {
    const response = await fetch(`${dispatch.url}/api/blogs/${WARM_UP_SLUG}/posts`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(benchPost(n)),
    });
    if (response.status !== 201) throw new Error(`warm-up publish: ${response.status}`);
  }

  answerParent(
    (message) => {
      if (message.type === "usage")
        return { ...usage(message), readers: dispatch.hub.totalReaders() };
      return undefined;
    },
    async () => {
      await dispatch.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  );
  tell({ type: "ready", url: dispatch.url, slug: SLUG, token });
} catch (error) {
  failed(error);
}
