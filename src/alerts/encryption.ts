// Web Push message encryption (RFC 8291) in the aes128gcm content coding (RFC 8188), with
// node:crypto alone: a fresh P-256 key pair and salt per message, ECDH with the browser's
// key, HKDF mixing in the browser's auth secret, then one AES-128-GCM record. Only the
// browser holding the subscription's private key can read it; the push service cannot.

import { createCipheriv, createECDH, hkdfSync, randomBytes } from "node:crypto";

/** One record holds the whole message: push services take at most 4096 bytes. */
const RECORD_SIZE = 4096;
/** The payload must fit in one record with its padding delimiter and the 16-byte tag. */
export const MAX_PLAINTEXT = RECORD_SIZE - 16 - 1 - 86;

/**
 * The body of a push message for the subscription with these keys (base64url): the RFC 8188
 * header (salt, record size, the sender's public key as key id) and the encrypted record.
 */
export function encryptPushMessage(
  plaintext: Buffer,
  keys: { p256dh: string; auth: string },
): Buffer {
  if (plaintext.length > MAX_PLAINTEXT) throw new RangeError("The push message is too long");
  const uaPublic = Buffer.from(keys.p256dh, "base64url");
  const authSecret = Buffer.from(keys.auth, "base64url");
  const sender = createECDH("prime256v1");
  const asPublic = sender.generateKeys();
  const ecdhSecret = sender.computeSecret(uaPublic);
  // RFC 8291 §3.4: IKM = HKDF(auth_secret, ecdh_secret, "WebPush: info" ‖ 0 ‖ ua ‖ as, 32).
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), uaPublic, asPublic]);
  const ikm = Buffer.from(hkdfSync("sha256", ecdhSecret, authSecret, keyInfo, 32));
  const salt = randomBytes(16);
  // RFC 8188 §2.2 and §2.3.
  const cek = Buffer.from(
    hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16),
  );
  const nonce = Buffer.from(
    hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12),
  );
  const cipher = createCipheriv("aes-128-gcm", cek, nonce);
  // 0x02: the last (and only) record's padding delimiter, no padding after it.
  const record = Buffer.concat([
    cipher.update(Buffer.concat([plaintext, Buffer.from([2])])),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  const header = Buffer.alloc(21);
  salt.copy(header, 0);
  header.writeUInt32BE(RECORD_SIZE, 16);
  header.writeUInt8(asPublic.length, 20);
  return Buffer.concat([header, asPublic, record]);
}
