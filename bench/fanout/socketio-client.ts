// The baseline's subscribers: N socket.io-client sockets (WebSocket transport only) in one
// process, each recording the sequence number and arrival time of every "post" it receives.
// It publishes the same post JSON Dispatch broadcast, to the Socket.IO server's POST /publish.

import { performance } from "node:perf_hooks";
import { io, type ManagerOptions, type Socket, type SocketOptions } from "socket.io-client";
import { answerParent, failed, tell } from "../support/child.js";
import { DeliveryLog } from "./deliveries.js";
import { type ClientOptions, sourceAddress } from "./options.js";
import { PLAN_EVENTS, post, runPlan, settle, warmUp } from "./publisher.js";

const options = JSON.parse(process.argv[2]!) as ClientOptions;
/** Deliveries of the current round of the plan: a fresh log for each. */
let log = new DeliveryLog(options.subscribers, PLAN_EVENTS);
const sockets: Socket[] = [];

function subscribe(c: number): Promise<void> {
  return new Promise((resolve, reject) => {
    // engine.io-client hands localAddress on to the `ws` client; its types just omit it.
    const connectOptions: Partial<ManagerOptions & SocketOptions> & { localAddress: string } = {
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
      localAddress: sourceAddress(options, c),
    };
    const socket = io(options.url, connectOptions);
    let connected = false;
    socket.on("post", (seq: number) => log.record(c, seq, performance.now()));
    socket.once("connect", () => {
      connected = true;
      resolve();
    });
    socket.once("connect_error", reject);
    socket.once("disconnect", () => {
      if (connected) log.dropped++;
    });
    sockets[c] = socket;
  });
}

try {
  const connectStart = performance.now();
  let nextSubscriber = 0;
  const worker = async () => {
    while (nextSubscriber < options.subscribers) await subscribe(nextSubscriber++);
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  tell({ type: "connected", ms: performance.now() - connectStart });

  answerParent(
    async (message) => {
      if (message.type !== "publish") return undefined;
      log = new DeliveryLog(options.subscribers, PLAN_EVENTS);
      const bodies = message.bodies as string[];
      const cpuBefore = process.cpuUsage();
      const { sentAt } = await runPlan(
        (k) => post(`${options.url}/publish`, {}, bodies[k]!),
        () => warmUp(`${options.url}/health`),
      );
      await settle(() => log.done, options.settleMs);
      const cpu = process.cpuUsage(cpuBefore);
      return { type: "publish", report: log.summarize(sentAt, (cpu.user + cpu.system) / 1000) };
    },
    async () => {
      for (const socket of sockets) socket?.disconnect();
    },
  );
} catch (error) {
  failed(error);
}
