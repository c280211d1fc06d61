// The sender's RFC 8291 encryption and RFC 8292 signature, checked by maintained libraries the
// sender does not use: http_ece decrypts what encryptPushMessage wrote, and jose verifies the
// VAPID JWT against the public key the header names.

import { createECDH, generateKeyPairSync, randomBytes } from "node:crypto";
import ece from "http_ece";
import { decodeProtectedHeader, importJWK, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { encryptPushMessage, MAX_PLAINTEXT } from "./encryption.js";
import { vapidAuthorization } from "./vapid.js";

function browser() {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    ecdh,
    auth,
    keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: auth.toString("base64url") },
  };
}

describe("push message encryption (RFC 8291)", () => {
  it("is read by the subscribed browser's key and secret, and by no other", () => {
    const reader = browser();
    const message = Buffer.from(JSON.stringify({ title: "Флуд", body: "Évacuation — 18 h" }));
    const body = encryptPushMessage(message, reader.keys);
    const plain = ece.decrypt(body, {
      version: "aes128gcm",
      privateKey: reader.ecdh,
      authSecret: reader.auth,
    });
    expect(plain.equals(message)).toBe(true);
    const stranger = browser();
    expect(() =>
      ece.decrypt(body, {
        version: "aes128gcm",
        privateKey: stranger.ecdh,
        authSecret: reader.auth,
      }),
    ).toThrow();
  });

  it("uses a new key and salt for every message", () => {
    const reader = browser();
    const message = Buffer.from("same words");
    const [a, b] = [
      encryptPushMessage(message, reader.keys),
      encryptPushMessage(message, reader.keys),
    ];
    expect(a.subarray(0, 16).equals(b.subarray(0, 16))).toBe(false);
    expect(a.subarray(21, 86).equals(b.subarray(21, 86))).toBe(false);
  });

  it("fits a push service's 4096 bytes, and refuses what would not", () => {
    const reader = browser();
    expect(encryptPushMessage(Buffer.alloc(MAX_PLAINTEXT, 97), reader.keys).length).toBe(4096);
    expect(() => encryptPushMessage(Buffer.alloc(MAX_PLAINTEXT + 1), reader.keys)).toThrow(
      RangeError,
    );
  });
});

describe("VAPID (RFC 8292)", () => {
  it("signs a JWT for the push service's origin that verifies with the key it names", async () => {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = privateKey.export({ format: "jwk" });
    const point = Buffer.concat([
      Buffer.from([4]),
      Buffer.from(jwk.x ?? "", "base64url"),
      Buffer.from(jwk.y ?? "", "base64url"),
    ]).toString("base64url");
    const now = Date.now();
    const header = vapidAuthorization(
      { publicKey: point, privateKey },
      "https://push.example.net/send/abc?x=1",
      now,
      "mailto:ops@example.com",
    );
    const match = /^vapid t=([^,]+), k=([A-Za-z0-9_-]+)$/.exec(header);
    expect(match?.[2]).toBe(point);
    const token = match?.[1] ?? "";
    expect(decodeProtectedHeader(token)).toEqual({ typ: "JWT", alg: "ES256" });
    const key = await importJWK({ kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y }, "ES256");
    const { payload } = await jwtVerify(token, key, { audience: "https://push.example.net" });
    expect(payload.sub).toBe("mailto:ops@example.com");
    expect(payload.exp).toBeGreaterThan(now / 1000);
    expect(payload.exp).toBeLessThanOrEqual(now / 1000 + 24 * 60 * 60);
  });
});
