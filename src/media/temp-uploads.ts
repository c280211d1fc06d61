// The data dir's tmp/ folder, where uploads are streamed while they are processed. Each
// request removes its own file; what a crash left behind is swept at start-up. Only files
// older than an hour go, so a node starting beside others (`--workers`, a shared volume)
// never takes an upload another is still receiving.

import { mkdir, readdir, rm, stat } from "node:fs/promises";
import path from "node:path";

const STALE_AFTER_MS = 60 * 60 * 1000;

export async function prepareUploadTmpDir(dir: string, now = Date.now()): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const name of await readdir(dir)) {
    if (!name.startsWith("upload-")) continue;
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info && now - info.mtimeMs > STALE_AFTER_MS) await rm(file, { force: true });
  }
}
