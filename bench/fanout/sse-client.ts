// Dispatch's subscribers: N raw TCP connections in one process, each sending the GET for the
// blog's event stream by hand. Reads land in one shared buffer (net's `onread`), and a small
// per-connection state machine picks the `id:` lines out of the bytes as they come, across
// read boundaries, without allocating per event. Then it publishes the plan through the API.

import net from "node:net";
import { performance } from "node:perf_hooks";
import { answerParent, failed, tell } from "../support/child.js";
import { benchPost } from "../support/posts.js";
import { DeliveryLog } from "./deliveries.js";
import { type ClientOptions, sourceAddress } from "./options.js";
import { PLAN_EVENTS, post, runPlan, settle, warmUp } from "./publisher.js";

const options = JSON.parse(process.argv[2]!) as ClientOptions & { slug: string; token: string };
const { hostname, port } = new URL(options.url);
/** Deliveries of the current round of the plan: a fresh log for each. */
let log = new DeliveryLog(options.subscribers, PLAN_EVENTS);
const sockets: net.Socket[] = [];

// `id: ` at the start of a line. The read buffer has room after it for a copy of the pattern,
// written after each read's last byte, so indexOf never runs past the read into stale bytes.
const PATTERN = Buffer.from("\nid: ");
const READ_SIZE = 64 * 1024;
const backing = Buffer.alloc(READ_SIZE + PATTERN.length);
const readBuffer = backing.subarray(0, READ_SIZE);
const READING_ID = PATTERN.length;
/** Per connection: how much of PATTERN the last read ended with, or READING_ID mid-number. */
const matched = new Uint8Array(options.subscribers);
const partialId = new Float64Array(options.subscribers);
/** The last id each subscriber saw: what it reconnects with in the storm. */
const lastIds = new Float64Array(options.subscribers);
/** Events each subscriber got since it reconnected in the storm. */
const sinceReconnect = new Int32Array(options.subscribers);
/** Set while all subscribers are being cut off on purpose. */
let leaving = false;

function onRead(c: number, nread: number): void {
  const now = performance.now();
  PATTERN.copy(backing, nread);
  let i = 0;
  let state = matched[c]!;
  if (state > 0 && state < READING_ID) {
    while (state < READING_ID && i < nread && backing[i] === PATTERN[state]) {
      state++;
      i++;
    }
    if (state < READING_ID) {
      if (i === nread) {
        matched[c] = state;
        return;
      }
      i = 0;
    } else partialId[c] = 0;
  }
  if (state === READING_ID) i = readId(c, i, nread, now);
  while (matched[c] !== READING_ID) {
    const at = backing.indexOf(PATTERN, i);
    if (at >= nread) break;
    partialId[c] = 0;
    i = readId(c, at + PATTERN.length, nread, now);
  }
  if (matched[c] === READING_ID) return;
  // The read may end with the start of the pattern; the next read finishes it.
  let tail = Math.min(PATTERN.length - 1, nread);
  for (; tail > 0; tail--) {
    if (backing.compare(PATTERN, 0, tail, nread - tail, nread) === 0) break;
  }
  matched[c] = tail;
}

/** Reads the digits of an id from `from`; at the line's end the event is recorded. */
function readId(c: number, from: number, nread: number, now: number): number {
  let id = partialId[c]!;
  for (let p = from; p < nread; p++) {
    const byte = backing[p]!;
    if (byte >= 48 && byte <= 57) id = id * 10 + (byte - 48);
    else {
      log.record(c, id, now);
      lastIds[c] = id;
      sinceReconnect[c] = (sinceReconnect[c] ?? 0) + 1;
      matched[c] = 0;
      return p;
    }
  }
  partialId[c] = id;
  matched[c] = READING_ID;
  return nread;
}

function subscribe(c: number, lastEventId?: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let first = true;
    matched[c] = 0;
    partialId[c] = 0;
    const socket = net.connect({
      host: hostname,
      port: Number(port),
      localAddress: sourceAddress(options, c),
      onread: {
        buffer: readBuffer,
        callback(nread: number) {
          if (first) {
            first = false;
            // The status line arrives in the first read: the headers leave before any event.
            if (backing.toString("latin1", 0, 12) !== "HTTP/1.1 200") {
              reject(new Error(`subscriber ${c}: ${backing.toString("latin1", 0, 40)}`));
              socket.destroy();
              return false;
            }
            resolve();
          }
          onRead(c, nread);
          return true;
        },
      },
    });
    socket.on("connect", () => {
      const resume = lastEventId === undefined ? "" : `Last-Event-ID: ${lastEventId}\r\n`;
      socket.write(
        `GET /api/blogs/${options.slug}/events HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAccept: text/event-stream\r\n${resume}\r\n`,
      );
    });
    socket.on("error", (error) => reject(error));
    socket.on("close", () => {
      if (!first && !leaving) log.dropped++;
    });
    sockets[c] = socket;
  });
}

/** Connects every subscriber, `options.concurrency` at a time. */
async function connectAll(resume: boolean): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < options.subscribers) {
      const c = next++;
      await subscribe(c, resume ? lastIds[c] : undefined);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
}

/**
 * What a dying node does to its readers: every subscriber is cut off, two posts go out while
 * they are away, and all of them come back at once with their Last-Event-ID. Measures until
 * every one of them has exactly the two posts it missed.
 */
async function storm(publish: () => Promise<unknown>) {
  leaving = true;
  const closed = sockets.map((socket) => new Promise((resolve) => socket.once("close", resolve)));
  for (const socket of sockets) socket.destroy();
  await Promise.all(closed);
  leaving = false;
  const missed = 2;
  for (let k = 0; k < missed; k++) await publish();
  sinceReconnect.fill(0);
  const start = performance.now();
  await connectAll(true);
  await settle(() => sinceReconnect.every((n) => n >= missed), options.settleMs);
  const ms = performance.now() - start;
  return { ms, complete: sinceReconnect.filter((n) => n === missed).length };
}

try {
  const connectStart = performance.now();
  await connectAll(false);
  tell({ type: "connected", ms: performance.now() - connectStart });

  answerParent(
    async (message) => {
      const headers = { authorization: `Bearer ${options.token}` };
      if (message.type === "storm") {
        const publishOne = () =>
          post(
            `${options.url}/api/blogs/${options.slug}/posts`,
            headers,
            JSON.stringify(benchPost(PLAN_EVENTS + 1)),
          );
        return { type: "storm", ...(await storm(publishOne)) };
      }
      if (message.type !== "publish") return undefined;
      log = new DeliveryLog(options.subscribers, PLAN_EVENTS);
      const cpuBefore = process.cpuUsage();
      const { sentAt, answers } = await runPlan(
        (k) =>
          post(
            `${options.url}/api/blogs/${options.slug}/posts`,
            headers,
            JSON.stringify(benchPost(k + 1)),
          ),
        () => warmUp(`${options.url}/api/health`),
      );
      await settle(() => log.done, options.settleMs);
      const cpu = process.cpuUsage(cpuBefore);
      const report = log.summarize(sentAt, (cpu.user + cpu.system) / 1000);
      return { type: "publish", report, answers };
    },
    async () => {
      for (const socket of sockets) socket?.destroy();
    },
  );
} catch (error) {
  failed(error);
}
