// A stand-in for a CDN's purge endpoint in tests: records every purge request it receives.

import http from "node:http";
import type { AddressInfo } from "node:net";

export interface PurgeRequest {
  paths: string[];
  tags: string[];
}

export interface PurgeReceiver {
  /** Where to point PURGE_URL. */
  url: string;
  /** Every request so far, oldest first; empty it to start counting again. */
  received: PurgeRequest[];
  close(): Promise<void>;
}

export async function startPurgeReceiver(): Promise<PurgeReceiver> {
  const received: PurgeRequest[] = [];
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      received.push(JSON.parse(body));
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/purge`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
