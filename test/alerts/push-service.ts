// A local push-service stand-in for the tests: an HTTPS server on 127.0.0.1 (a certificate made
// here with openssl, trusted by the nodes through NODE_EXTRA_CA_CERTS) playing the browser
// vendors' push service. Each request is checked as a real one would be, with maintained
// libraries independent of the sender: the VAPID JWT's ES256 signature and claims (aud = this
// origin, exp within 24 h, sub) with `jose`, and the payload decrypted (RFC 8291, aes128gcm)
// with `http_ece` using the subscriber's private key and auth secret. Each subscriber is a
// browser stand-in with its own P-256 key pair made with node's ECDH.

import { execFileSync } from "node:child_process";
import { createECDH, type ECDH, randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import type { IncomingHttpHeaders } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import ece from "http_ece";
import { importJWK, jwtVerify } from "jose";

export interface Subscriber {
  id: string;
  endpoint: string;
  /** The browser's ECDH key pair and auth secret. */
  ecdh: ECDH;
  auth: Buffer;
  /** PushSubscription#toJSON(), as a browser would send it. */
  json: { endpoint: string; expirationTime: null; keys: { p256dh: string; auth: string } };
}

export interface Notification {
  subscriberId: string;
  /** The decrypted payload, parsed. */
  payload: { title: string; body: string; url: string; tag: string };
  /** The VAPID public key the request was signed with (`k=`). */
  vapidKey: string;
  claims: { aud: string; exp: number; sub?: string };
  headers: IncomingHttpHeaders;
}

export interface PushService {
  origin: string;
  /** The certificate to trust (for NODE_EXTRA_CA_CERTS). */
  caFile: string;
  /** Decrypted, verified notifications, in arrival order. */
  notifications: Notification[];
  /** Requests refused because a check failed, with why: the tests expect none. */
  rejected: string[];
  /** Every request, whatever became of it. */
  requests: number;
  /** Requests that passed the checks, per subscriber, whatever they were answered. */
  asked: Map<string, number>;
  /** The status a request for this subscriber is answered with (after its checks). */
  answer: (subscriberId: string) => number;
  subscriber(): Subscriber;
  /** What VAPID `sub` each request must carry. */
  expectSubject: string | undefined;
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startPushService(): Promise<PushService> {
  const dir = await mkdtemp(path.join(tmpdir(), "dispatch-push-"));
  const [certFile, keyFile] = [path.join(dir, "cert.pem"), path.join(dir, "key.pem")];
  execFileSync(
    "openssl",
    [
      ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"],
      ...["-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
      ...["-keyout", keyFile, "-out", certFile],
    ],
    { stdio: "ignore" },
  );
  const subscribers = new Map<string, Subscriber>();
  const service: PushService = {
    origin: "",
    caFile: certFile,
    notifications: [],
    rejected: [],
    requests: 0,
    asked: new Map(),
    answer: () => 201,
    expectSubject: undefined,
    subscriber() {
      const id = randomBytes(8).toString("hex");
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      const auth = randomBytes(16);
      const endpoint = `${service.origin}/push/${id}`;
      const subscriber: Subscriber = {
        id,
        endpoint,
        ecdh,
        auth,
        json: {
          endpoint,
          expirationTime: null,
          keys: {
            p256dh: ecdh.getPublicKey().toString("base64url"),
            auth: auth.toString("base64url"),
          },
        },
      };
      subscribers.set(id, subscriber);
      return subscriber;
    },
    async waitFor(count, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (service.notifications.length < count) {
        if (Date.now() > deadline) {
          throw new Error(
            `Received ${service.notifications.length} of ${count} notifications (refused: ${service.rejected.join("; ") || "none"})`,
          );
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      await new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections();
      await rm(dir, { recursive: true, force: true });
    },
  };

  async function check(url: string, headers: IncomingHttpHeaders, body: Buffer) {
    const id = /^\/push\/([0-9a-f]+)$/.exec(url)?.[1];
    const subscriber = id ? subscribers.get(id) : undefined;
    if (!subscriber) return { status: 404, problem: `no subscription at ${url}` };
    if (headers["content-encoding"] !== "aes128gcm") return { problem: "not aes128gcm" };
    if (!/^\d+$/.test(String(headers.ttl ?? ""))) return { problem: "no TTL header" };
    if (!["very-low", "low", "normal", "high"].includes(String(headers.urgency))) {
      return { problem: "no valid Urgency header" };
    }
    const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(headers.authorization ?? "");
    if (!match?.[1] || !match[2]) return { problem: "no VAPID Authorization header" };
    const [token, vapidKey] = [match[1], match[2]];
    const point = Buffer.from(vapidKey, "base64url");
    if (point.length !== 65 || point[0] !== 4) return { problem: "k= is not a P-256 point" };
    const key = await importJWK(
      {
        kty: "EC",
        crv: "P-256",
        x: point.subarray(1, 33).toString("base64url"),
        y: point.subarray(33).toString("base64url"),
      },
      "ES256",
    );
    let claims: Notification["claims"];
    try {
      const verified = await jwtVerify(token, key, {
        algorithms: ["ES256"],
        audience: service.origin,
        requiredClaims: ["exp"],
      });
      claims = verified.payload as Notification["claims"];
    } catch (error) {
      return { problem: `VAPID JWT refused: ${(error as Error).message}` };
    }
    if (claims.exp > Date.now() / 1000 + 24 * 60 * 60) return { problem: "exp over 24 h ahead" };
    if (service.expectSubject !== undefined && claims.sub !== service.expectSubject) {
      return { problem: `sub was ${claims.sub}` };
    }
    let payload: Notification["payload"];
    try {
      const plain = ece.decrypt(body, {
        version: "aes128gcm",
        privateKey: subscriber.ecdh,
        authSecret: subscriber.auth,
      });
      payload = JSON.parse(plain.toString("utf8"));
    } catch (error) {
      return { problem: `payload not decrypted: ${(error as Error).message}` };
    }
    return { subscriber, notification: { payload, vapidKey, claims, headers } };
  }

  const server: Server = createServer(
    { cert: await readFile(certFile), key: await readFile(keyFile) },
    (request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        service.requests++;
        void check(request.url ?? "", request.headers, Buffer.concat(chunks)).then(
          (outcome) => {
            if ("problem" in outcome && outcome.problem) {
              service.rejected.push(outcome.problem);
              response.writeHead(outcome.status ?? 400).end(outcome.problem);
              return;
            }
            if (!("subscriber" in outcome) || !outcome.subscriber) return;
            const id = outcome.subscriber.id;
            service.asked.set(id, (service.asked.get(id) ?? 0) + 1);
            const status = service.answer(id);
            // A real push service accepts (201) before it delivers; refusals deliver nothing.
            if (status >= 200 && status < 300) {
              service.notifications.push({
                subscriberId: outcome.subscriber.id,
                ...outcome.notification,
              });
            }
            response.writeHead(status).end();
          },
          (error: unknown) => {
            service.rejected.push(String(error));
            response.writeHead(500).end();
          },
        );
      });
    },
  );
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  service.origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return service;
}
