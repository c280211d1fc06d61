// One process of the soak's readers: keeps its share of event streams open, replaces its share
// of the churn (readers leaving, newcomers arriving with the Last-Event-ID of the latest
// acknowledged post, as a reader page does), and checks every delivery: each connection must
// get every sequence number after the one it started from, once and in order, and a post's
// lag is its arrival here minus the moment the publisher sent it (both read from the wall
// clock's monotonic extension, which all processes on this machine share).

import net from "node:net";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { answerParent, failed, tell } from "../support/child.js";
import { LagHistogram } from "./lag.js";

interface ReaderOptions {
  url: string;
  slug: string;
  readers: number;
  churn: number;
  /** The first two octets and a third for this process's source addresses, e.g. "127.77.3". */
  sourcePrefix: string;
  /** The blog's sequence before the first post: where the first readers start. */
  startSeq: number;
}

interface Reader {
  socket: net.Socket;
  /** The next sequence number this connection must receive. */
  expected: number;
  connectedAt: number;
  leftover: string;
  answered: boolean;
  leaving: boolean;
}

const options = JSON.parse(process.argv[2] ?? "{}") as ReaderOptions;
const { hostname, port } = new URL(options.url);
const now = () => performance.timeOrigin + performance.now();
const SOURCE_ADDRESSES = 200;

const readers: Reader[] = [];
const sentAt = new Map<number, number>();
/** Deliveries that arrived before the publisher's word of when they were sent: [seq, at, since]. */
const early: [number, number, number][] = [];
let latestAcked = options.startSeq;
let addressTurn = 0;
let window = freshWindow();
/** How late this process's own timers ran: a starved reader reports lag the server never caused. */
const stalls = monitorEventLoopDelay({ resolution: 10 });
stalls.enable();

function freshWindow() {
  return {
    lag: new LagHistogram(),
    deliveries: 0,
    gaps: 0,
    duplicates: 0,
    resets: 0,
    dropped: 0,
    refused: 0,
    churned: 0,
  };
}

function connect(slot: number, resumeFrom: number): Promise<void> {
  const localAddress = `${options.sourcePrefix}.${2 + (addressTurn++ % SOURCE_ADDRESSES)}`;
  const socket = net.connect({ host: hostname, port: Number(port), localAddress });
  const reader: Reader = {
    socket,
    expected: resumeFrom + 1,
    connectedAt: now(),
    leftover: "",
    answered: false,
    leaving: false,
  };
  readers[slot] = reader;
  socket.setEncoding("latin1");
  return new Promise((resolve) => {
    socket.on("connect", () => {
      socket.write(
        `GET /api/blogs/${options.slug}/events HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAccept: text/event-stream\r\nLast-Event-ID: ${resumeFrom}\r\n\r\n`,
      );
    });
    socket.on("data", (text: string) => {
      if (!reader.answered) {
        reader.answered = true;
        resolve();
        if (!text.startsWith("HTTP/1.1 200")) {
          window.refused += 1;
          reader.leaving = true;
          socket.destroy();
          return;
        }
      }
      read(reader, text);
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      resolve();
      if (reader.leaving || readers[slot] !== reader) return;
      // The server let go of a reader nobody asked to leave: count it and come back, as
      // EventSource would, from the last event received.
      window.dropped += 1;
      void connect(slot, reader.expected - 1);
    });
  });
}

function read(reader: Reader, text: string): void {
  const lines = (reader.leftover + text).split("\n");
  reader.leftover = lines.pop() ?? "";
  const at = now();
  for (const line of lines) {
    if (line.startsWith("id: ")) deliver(reader, Number(line.slice(4)), at);
    else if (line.startsWith("event: reset")) window.resets += 1;
  }
}

function deliver(reader: Reader, seq: number, at: number): void {
  window.deliveries += 1;
  if (seq < reader.expected) {
    window.duplicates += 1;
    return;
  }
  if (seq > reader.expected) window.gaps += seq - reader.expected;
  reader.expected = seq + 1;
  const sent = sentAt.get(seq);
  if (sent === undefined) early.push([seq, at, reader.connectedAt]);
  // Only posts sent while the reader was connected: a newcomer's replay is catching up.
  else if (sent >= reader.connectedAt) window.lag.record(at - sent);
}

/** `perSecond` readers leave and as many arrive, spread over ten turns a second. */
function churn(perSecond: number): NodeJS.Timeout {
  let owed = 0;
  return setInterval(() => {
    owed += perSecond / 10;
    for (; owed >= 1; owed--) {
      const slot = Math.floor(Math.random() * readers.length);
      const leaving = readers[slot];
      if (leaving) {
        leaving.leaving = true;
        leaving.socket.destroy();
      }
      window.churned += 1;
      void connect(slot, latestAcked);
    }
  }, 100);
}

try {
  let next = 0;
  const worker = async () => {
    while (next < options.readers) await connect(next++, options.startSeq);
  };
  await Promise.all(Array.from({ length: 100 }, worker));
  tell({ type: "connected", readers: readers.filter((r) => r.answered && !r.leaving).length });
  let churning: NodeJS.Timeout | undefined;
  answerParent(
    (message) => {
      if (message.type === "sent") {
        sentAt.set(Number(message.seq), Number(message.at));
        for (let i = early.length - 1; i >= 0; i--) {
          const [seq, at, since] = early[i] as [number, number, number];
          const sent = sentAt.get(seq);
          if (sent === undefined) continue;
          if (sent >= since) window.lag.record(at - sent);
          early.splice(i, 1);
        }
        return undefined;
      }
      if (message.type === "acked") {
        latestAcked = Math.max(latestAcked, Number(message.seq));
        return undefined;
      }
      if (message.type === "churn") {
        churning = churn(options.churn);
        return { type: "churn" };
      }
      if (message.type === "window") {
        const { lag, ...counts } = window;
        window = freshWindow();
        const open = readers.filter((r) => r.answered && !r.leaving).length;
        const stallMs = stalls.max / 1e6;
        stalls.reset();
        return { type: "window", lag: lag.sparse(), open, stallMs, ...counts };
      }
      if (message.type === "final") {
        clearInterval(churning);
        const seq = Number(message.seq);
        const live = readers.filter((r) => r.answered && !r.leaving);
        return {
          type: "final",
          open: live.length,
          behind: live.filter((r) => r.expected <= seq).length,
        };
      }
      return undefined;
    },
    async () => {
      clearInterval(churning);
      for (const reader of readers) {
        reader.leaving = true;
        reader.socket.destroy();
      }
    },
  );
} catch (error) {
  failed(error);
}
