// nginx (the Debian package) serving one file, as the reader page's baseline: run in the
// foreground with one worker and a generated config in a temporary directory.

import type { ChildProcess } from "node:child_process";
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { spawnPinned } from "../support/processes.js";

export interface RunningNginx {
  url: string;
  stop(): Promise<void>;
}

/** A port nobody is listening on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === "object" && address ? address.port : 0;
}

/** Serves `body` at `route` (a path such as /live/slug) as text/html, like Dispatch does. */
export async function startNginx(
  core: number | null,
  dir: string,
  route: string,
  body: Buffer,
): Promise<RunningNginx> {
  const port = await freePort();
  const www = path.join(dir, "www");
  await mkdir(path.join(www, path.dirname(route)), { recursive: true });
  await mkdir(path.join(dir, "tmp"), { recursive: true });
  await writeFile(path.join(www, route), body);
  // Workers run as nobody when started by root: they must be able to read the file.
  for (const d of [dir, www, path.join(www, path.dirname(route))]) await chmod(d, 0o755);
  const config = `
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  sendfile on;
  tcp_nopush on;
  open_file_cache max=100;
  keepalive_requests 1000000;
  gzip off;
  server {
    listen 127.0.0.1:${port};
    root ${www};
    location ${path.dirname(route)}/ { default_type "text/html; charset=utf-8"; }
  }
}
`;
  const conf = path.join(dir, "nginx.conf");
  await writeFile(conf, config);
  const child: ChildProcess = spawnPinned(core, ["nginx", "-p", dir, "-c", conf], {
    stdout: "ignore",
  });
  const url = `http://127.0.0.1:${port}${route}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}); see ${dir}`);
    try {
      if ((await fetch(url)).ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`nginx did not answer within 10 s; see ${dir}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      const gone = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await gone;
    },
  };
}
