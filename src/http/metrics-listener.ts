// The METRICS_PORT listener: GET /metrics on a port of its own (bound to METRICS_HOST), for
// operators who keep the scraper on an internal network instead of handing it a token. It
// answers nothing else, and reads the same figures as the main port's /metrics.

import { createServer, type Server } from "node:http";
import { EXPOSITION_CONTENT_TYPE } from "../metrics/exposition.js";

export interface MetricsListener {
  url: string;
  close(): Promise<void>;
}

export async function listenForMetrics(options: {
  port: number;
  host: string;
  collect: () => Promise<string>;
  onError: (error: unknown) => void;
}): Promise<MetricsListener> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (path !== "/metrics" || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found\n");
      return;
    }
    options.collect().then(
      (text) => {
        res.writeHead(200, {
          "content-type": EXPOSITION_CONTENT_TYPE,
          "cache-control": "no-store",
        });
        res.end(req.method === "HEAD" ? undefined : text);
      },
      (error: unknown) => {
        options.onError(error);
        res.writeHead(500).end();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
