// The baseline: a plain Socket.IO 4 server with every subscriber in one room. POST /publish
// takes a post's JSON (the same JSON Dispatch's live event carries), numbers it like Dispatch's
// change sequence and broadcasts it to the room, so the path (an HTTP request in, a broadcast
// out) is the same as publishing to Dispatch minus the database. Answers `usage` like
// bench/support/dispatch-server.ts.

import { createServer } from "node:http";
import { Server } from "socket.io";
import { answerParent, failed, tell, usage } from "../support/child.js";
import { benchPost, WARM_UP_PUBLISHES } from "../support/posts.js";

try {
  const http = createServer();
  const io = new Server(http, { serveClient: false });
  io.on("connection", (socket) => {
    socket.join("blog");
  });
  let seq = 0;
  http.on("request", (req, res) => {
    if (req.method === "GET" && req.url === "/health") {
      res.writeHead(200, { "Content-Type": "application/json" }).end('{"status":"ok"}');
      return;
    }
    if (req.method !== "POST" || req.url !== "/publish") return; // engine.io answers its own
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const post: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      seq += 1;
      io.to("blog").emit("post", seq, post);
      res.writeHead(201, { "Content-Type": "application/json" }).end(JSON.stringify({ seq }));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const address = http.address();
  const port = typeof address === "object" && address ? address.port : 0;
  // Warmed up like the Dispatch server: its publish path compiled before anything is measured.
  for (let n = 1; n <= WARM_UP_PUBLISHES; n++) {
    const body = JSON.stringify(benchPost(n));
    await fetch(`http://127.0.0.1:${port}/publish`, { method: "POST", body });
  }
  seq = 0;
  answerParent(
    (message) => {
      if (message.type === "usage") return { ...usage(message), readers: io.engine.clientsCount };
      return undefined;
    },
    async () => {
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  );
  tell({ type: "ready", url: `http://127.0.0.1:${port}` });
} catch (error) {
  failed(error);
}
