import { createCipheriv, createDecipheriv, hash, randomFillSync } from "node:crypto";

/**
 * The one place secrets are sealed before storage and opened after: AES-256-GCM with a
 * random 96-bit nonce per value and the key's id stored beside the ciphertext, so a
 * wrong key is detected (not silently misread) and a key rotation can find what to redo.
 */
export interface SealedSecret {
  v: 1;
  /** Id of the key that sealed it (a hash prefix of the key, never the key). */
  kid: string;
  iv: string;
  tag: string;
  ct: string;
}

export type SealedSecrets = Record<string, SealedSecret>;

export class WrongKeyError extends Error {
  constructor(readonly storedKid: string, readonly currentKid: string) {
    super(`secrets were sealed with key ${storedKid}, but FLUXO_ENCRYPTION_KEY is key ${currentKid}; start with the key they were sealed with (or rotate them: npm run rotate-key)`);
    this.name = "WrongKeyError";
  }
}

export const KEY_BYTES = 32;

export function keyId(key: Buffer): string {
  return hash("sha256", key, "hex").slice(0, 12);
}

const NONCE_BYTES = 12;

/**
 * Random 96-bit nonces drawn from a block of CSPRNG bytes filled 1 024 nonces at a time: one
 * `randomFillSync` per block instead of one per seal (which was ~1 % of the API's CPU when every
 * execution seals a new token). Each nonce is its own fresh bytes, never handed out twice.
 */
class NonceSource {
  private readonly block = Buffer.alloc(NONCE_BYTES * 1024);
  private offset = this.block.length;

  next(): Buffer {
    if (this.offset === this.block.length) {
      randomFillSync(this.block);
      this.offset = 0;
    }
    // A copy: the block is overwritten when it is refilled.
    const nonce = Buffer.from(this.block.subarray(this.offset, this.offset + NONCE_BYTES));
    this.offset += NONCE_BYTES;
    return nonce;
  }
}

const nonces = new NonceSource();

export class SecretBox {
  readonly kid: string;

  constructor(private readonly key: Buffer) {
    if (key.length !== KEY_BYTES) throw new Error(`an encryption key must be ${KEY_BYTES} bytes (got ${key.length})`);
    this.kid = keyId(key);
  }

  seal(value: string): SealedSecret {
    const iv = nonces.next();
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    const ct = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
    return { v: 1, kid: this.kid, iv: iv.toString("base64"), tag: cipher.getAuthTag().toString("base64"), ct: ct.toString("base64") };
  }

  open(sealed: SealedSecret): string {
    if (sealed?.v !== 1) throw new Error("unknown sealed-secret format");
    if (sealed.kid !== this.kid) throw new WrongKeyError(sealed.kid, this.kid);
    const decipher = createDecipheriv("aes-256-gcm", this.key, Buffer.from(sealed.iv, "base64"));
    decipher.setAuthTag(Buffer.from(sealed.tag, "base64"));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ct, "base64")), decipher.final()]).toString("utf8");
  }

  sealAll(values: Record<string, string>): SealedSecrets {
    return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, this.seal(value)]));
  }

  openAll(sealed: unknown): Record<string, string> {
    if (typeof sealed !== "object" || sealed === null) return {};
    return Object.fromEntries(Object.entries(sealed as SealedSecrets).map(([key, value]) => [key, this.open(value)]));
  }
}
