// The part of http_ece (no types of its own) the tests' push-service stand-in uses: decrypting
// an aes128gcm Web Push message with the receiving browser's key and auth secret.

declare module "http_ece" {
  import type { ECDH } from "node:crypto";

  export interface DecryptParams {
    version: "aes128gcm";
    /** The receiver's key pair; the sender's public key is read from the message's key id. */
    privateKey: ECDH;
    authSecret: Buffer | string;
  }

  export function decrypt(buffer: Buffer, params: DecryptParams): Buffer;
  const ece: { decrypt: typeof decrypt };
  export default ece;
}
