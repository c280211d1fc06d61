// bench:uploads: what a burst of image uploads costs a server in memory. UPLOAD_USERS
// reporters (default 20) each send one ~10 MB image at the same moment, three rounds; the
// server's RSS is read (after a full GC) before the burst, at its peak (sampled every 50 ms)
// and after it. Baseline in the same run: a bare server that gathers each upload whole in
// memory, as Dispatch did before uploads were streamed to a temporary file.

import sharp from "sharp";
import { type Child, type IpcMessage, sleep, spawnScript } from "../support/processes.js";

const USERS = Number(process.env.UPLOAD_USERS ?? "20");
const ROUNDS = 3;
const MB = 1024 * 1024;

/** A 1800×1800 PNG stored without compression: about 10 MB, quick to process. */
const photo = await sharp({
  create: { width: 1800, height: 1800, channels: 3, background: "#2a6f97" },
})
  .png({ compressionLevel: 0 })
  .toBuffer();

interface Ready extends IpcMessage {
  url: string;
  tokens: string[];
}

const rss = async (child: Child) =>
  (await child.ask<IpcMessage & { rss: number }>({ type: "usage", gc: true })).rss;

async function burst(child: Child, ready: Ready) {
  const before = await rss(child);
  let peak = before;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, await rss(child));
      await sleep(50);
    }
  })();
  const statuses = await Promise.all(
    ready.tokens.map(async (token) => {
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(photo)], { type: "image/png" }), "photo.png");
      const response = await fetch(`${ready.url}/api/media`, {
        method: "POST",
        body: form,
        headers: { authorization: `Bearer ${token}` },
      });
      await response.arrayBuffer();
      return response.status;
    }),
  );
  sampling = false;
  await sampler;
  const after = await rss(child);
  return { before, peak, after, statuses };
}

const rows: string[] = [];
for (const [name, args] of [
  ["Dispatch", []],
  ["whole in memory (baseline)", ["floor"]],
] as const) {
  const child = spawnScript("uploads/server.ts", {
    core: 0,
    args: [...args],
    nodeArgs: ["--expose-gc"],
    env: { ...process.env, UPLOAD_USERS: String(USERS) },
  });
  try {
    const ready = await child.next<Ready>("ready", 120_000);
    for (let round = 1; round <= ROUNDS; round++) {
      console.error(`bench:uploads: ${name}, round ${round} of ${ROUNDS}…`);
      const r = await burst(child, ready);
      const tally = new Map<number, number>();
      for (const status of r.statuses) tally.set(status, (tally.get(status) ?? 0) + 1);
      const counts = [...tally].map(([status, n]) => `${n}×${status}`).join(" ");
      const mb = (bytes: number) => (bytes / MB).toFixed(0);
      rows.push(
        `| ${name} | ${round} | ${mb(r.before)} | ${mb(r.peak)} (+${mb(r.peak - r.before)}) | ${mb(r.after)} | ${counts} |`,
      );
    }
  } finally {
    await child.stop();
  }
}

console.log(
  `${USERS} concurrent uploads of ${(photo.length / MB).toFixed(1)} MB (${((USERS * photo.length) / MB).toFixed(0)} MB in all)\n`,
);
console.log("| server | round | RSS before, MB | peak, MB (growth) | after, MB | answers |");
console.log("|---|---|---|---|---|---|");
for (const row of rows) console.log(row);
