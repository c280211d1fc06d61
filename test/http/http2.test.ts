// HTTPS with HTTP/2 when TLS_CERT and TLS_KEY are set: a self-signed certificate made here
// with openssl, Node's HTTP/2 client, and on one connection a reader page, API calls, the
// event stream, the shared streams and the desk, all at once. HTTP/1.1 is still offered
// through ALPN for clients that do not speak HTTP/2.

import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import http2 from "node:http2";
import https from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/index.js";
import { paragraph, startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let certDir: string;
let cert: Buffer;
let token: string;
const slug = "summit";

beforeAll(async () => {
  certDir = await mkdtemp(path.join(tmpdir(), "dispatch-tls-"));
  const [certFile, keyFile] = [path.join(certDir, "cert.pem"), path.join(certDir, "key.pem")];
  execFileSync(
    "openssl",
    [
      ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"],
      ...["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-days", "1"],
      ...["-keyout", keyFile, "-out", certFile],
    ],
    { stdio: "pipe" },
  );
  cert = await readFile(certFile);
  server = await startTestServer({ env: { TLS_CERT: certFile, TLS_KEY: keyFile } });
  token = await server.tokenFor("editor", "Hana Two");
});

afterAll(async () => {
  await server?.close();
  await rm(certDir, { recursive: true, force: true });
});

/** One HTTP/2 request on `session`; the body read whole. */
function ask(
  session: http2.ClientHttp2Session,
  headers: http2.OutgoingHttpHeaders,
  body?: unknown,
): Promise<{ status: number; headers: http2.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const stream = session.request(headers);
    let text = "";
    let answer: http2.IncomingHttpHeaders = {};
    stream.setEncoding("utf8");
    stream.on("response", (h) => {
      answer = h;
    });
    stream.on("data", (chunk: string) => {
      text += chunk;
    });
    stream.on("end", () => resolve({ status: Number(answer[":status"]), headers: answer, text }));
    stream.on("error", reject);
    stream.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** An open event stream on `session`, collecting what arrives. */
function listen(session: http2.ClientHttp2Session, route: string, extra = {}) {
  const stream = session.request({ ":path": route, accept: "text/event-stream", ...extra });
  const seen = { status: 0, type: "", text: "" };
  stream.setEncoding("utf8");
  stream.on("response", (h) => {
    seen.status = Number(h[":status"]);
    seen.type = String(h["content-type"]);
  });
  stream.on("data", (chunk: string) => {
    seen.text += chunk;
  });
  return { seen, close: () => stream.close() };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check(); waited += 20) {
    if (waited > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("HTTP/2 over TLS", () => {
  it("serves a page, the API and live streams on one HTTP/2 connection", async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const session = http2.connect(server.url, { ca: cert });
    await new Promise<void>((resolve, reject) => {
      session.once("connect", () => resolve());
      session.once("error", reject);
    });
    expect(session.alpnProtocol).toBe("h2");
    const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const made = await ask(
      session,
      { ":method": "POST", ":path": "/api/blogs", ...auth },
      { slug, title: "Summit" },
    );
    expect(made.status).toBe(201);

    // More streams than HTTP/1.1 would allow connections, all on this one connection.
    const streams = Array.from({ length: 7 }, () => listen(session, `/api/blogs/${slug}/events`));
    const shared = listen(session, `/api/events?blogs=${slug}:0`);
    const desk = listen(session, `/api/desk/events?blogs=${slug}`, {
      authorization: `Bearer ${token}`,
    });
    await until(() => shared.seen.text.includes("event: attached"), "the shared stream");
    const oneDesk = listen(session, `/api/blogs/${slug}/desk`, {
      authorization: `Bearer ${token}`,
    });
    await until(() => desk.seen.text.includes("event: presence"), "the desk's presence");
    await until(() => oneDesk.seen.text.includes("event: presence"), "the blog's desk");
    expect(oneDesk.seen.status).toBe(200);

    const page = await ask(session, { ":path": `/live/${slug}` });
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
    expect(page.text).toContain("Summit");
    const published = await ask(
      session,
      { ":method": "POST", ":path": `/api/blogs/${slug}/posts`, ...auth },
      { blocks: [paragraph("Leaders arrive by motorcade.")] },
    );
    expect(published.status).toBe(201);
    for (const { seen } of [...streams, shared, desk]) {
      await until(() => seen.text.includes("Leaders arrive by motorcade."), "the post live");
      expect(seen.status).toBe(200);
      expect(seen.type).toMatch(/^text\/event-stream/);
    }
    expect(shared.seen.text).toMatch(new RegExp(`data: ${slug}\nid: \\d+\nevent: post\n`));
    const read = await ask(session, { ":path": `/api/blogs/${slug}/posts` });
    expect(JSON.parse(read.text).posts).toHaveLength(1);
    for (const stream of [...streams, shared, desk, oneDesk]) stream.close();
    session.close();
  });

  it("still speaks HTTP/1.1 to clients that ask for it, streams included", async () => {
    const get = (route: string, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; version: string; first: string }>((resolve, reject) => {
        const req = https.get(
          `${server.url}${route}`,
          { ca: cert, headers, agent: false },
          (res) => {
            res.setEncoding("utf8");
            res.once("data", (chunk: string) => {
              resolve({ status: res.statusCode ?? 0, version: res.httpVersion, first: chunk });
              req.destroy();
            });
          },
        );
        req.on("error", reject);
      });
    const page = await get(`/live/${slug}`);
    expect(page).toMatchObject({ status: 200, version: "1.1" });
    const events = await get(`/api/blogs/${slug}/events`, { accept: "text/event-stream" });
    expect(events.status).toBe(200);
    expect(events.first).toContain("retry:");
  });

  it("refuses a certificate without its key, naming the setting", () => {
    expect(() => loadConfig({ "tls-cert": path.join(certDir, "cert.pem") }, {})).toThrow(
      ConfigError,
    );
    expect(() =>
      loadConfig({}, { TLS_CERT: "/nowhere/cert.pem", TLS_KEY: "/nowhere/key.pem" }),
    ).toThrow(/TLS_CERT \(--tls-cert\): no such file/);
  });
});
