// The floor: the least a Node.js server can do for the same fan-out on this machine. A bare
// TCP server that answers a GET with event-stream headers and, for each publish (any POST),
// answers and then writes the post's event to every open stream in one tight loop (the posts
// of a burst together, one write per stream): no framework, no database, no slicing, no
// bookkeeping. Its figures are what the machine's
// loopback TCP and Node's socket writes cost; a real server cannot go below them here. The
// posts' JSON (Dispatch's own live payloads, from the same run) arrives over IPC. Answers
// `usage` like bench/support/dispatch-server.ts.

import net from "node:net";
import { answerParent, failed, tell, usage } from "../support/child.js";

const HEAD = Buffer.from(
  "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncache-control: no-cache\r\n" +
    "connection: close\r\n\r\nretry: 3000\n\n",
  "latin1",
);
const END_OF_HEAD = Buffer.from("\r\n\r\n", "latin1");
const CONTENT_LENGTH = /\r\ncontent-length:\s*(\d+)/i;

let payloads: string[] = [];
const streams = new Set<net.Socket>();
let seq = 0;
/** Events published since the last broadcast: a burst goes out as one write per socket. */
let waiting: Buffer[] = [];

function answer(socket: net.Socket, status: string, body: string): void {
  socket.write(
    `HTTP/1.1 ${status}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function publish(socket: net.Socket): void {
  // Each round of the plan publishes the same posts again.
  const body = payloads[seq % Math.max(1, payloads.length)] ?? "{}";
  seq += 1;
  answer(socket, "201 Created", body);
  waiting.push(Buffer.from(`id: ${seq}\nevent: post\ndata: ${body}\n\n`, "utf8"));
  if (waiting.length === 1) setImmediate(broadcast);
}

function broadcast(): void {
  const frame = waiting.length === 1 ? waiting[0]! : Buffer.concat(waiting);
  waiting = [];
  for (const stream of streams) stream.write(frame);
}

try {
  const server = net.createServer({ noDelay: true }, (socket) => {
    let pending: Buffer = Buffer.alloc(0);
    socket.on("error", () => {});
    socket.on("data", (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      for (;;) {
        const end = pending.indexOf(END_OF_HEAD);
        if (end < 0) return;
        const head = pending.toString("latin1", 0, end);
        if (head.startsWith("GET /api/health ")) {
          // The publisher's warm-up: a plain answer on a connection that stays open.
          pending = pending.subarray(end + 4);
          answer(socket, "200 OK", '{"status":"ok"}');
          continue;
        }
        if (head.startsWith("GET ")) {
          streams.add(socket);
          socket.once("close", () => streams.delete(socket));
          socket.write(HEAD);
          pending = Buffer.alloc(0);
          return;
        }
        const length = Number(CONTENT_LENGTH.exec(head)?.[1] ?? "0");
        if (pending.length < end + 4 + length) return;
        pending = pending.subarray(end + 4 + length);
        publish(socket);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  answerParent(
    (message) => {
      if (message.type === "usage") return { ...usage(message), readers: streams.size };
      if (message.type === "payloads") {
        payloads = message.payloads as string[];
        return { type: "payloads" };
      }
      return undefined;
    },
    async () => {
      for (const stream of streams) stream.destroy();
      server.close();
    },
  );
  tell({ type: "ready", url: `http://127.0.0.1:${port}`, slug: "floor", token: "none" });
} catch (error) {
  failed(error);
}
