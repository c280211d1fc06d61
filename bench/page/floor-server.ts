// The floor for bench:page: a bare Node.js HTTP server answering every GET with the same page
// bytes Dispatch serves (read from the file named on the command line) and its ETag, 304 on a
// matching If-None-Match: no framework, routing, headers beyond those, or cache lookups. Its
// rate is what Node's HTTP server allows for this page on this machine; nginx, serving the
// file with sendfile, skips the copy into the socket that every Node.js server makes.

import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { answerParent, failed, tell } from "../support/child.js";

try {
  const [file, etag] = process.argv.slice(2);
  if (!file || !etag) throw new Error("usage: floor-server.ts PAGE_FILE ETAG");
  const body = await readFile(file);
  const headers = {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Length": String(body.length),
    ETag: etag,
  };
  const server = createServer((request, response) => {
    if (request.headers["if-none-match"] === etag) {
      response.writeHead(304, { ETag: etag }).end();
      return;
    }
    response.writeHead(200, headers).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  answerParent(
    () => undefined,
    async () => {
      server.closeAllConnections();
      server.close();
    },
  );
  tell({ type: "ready", url: `http://127.0.0.1:${port}/` });
} catch (error) {
  failed(error);
}
