import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { KEY_BYTES } from "./secret-box.js";

export interface LoadedKey {
  key: Buffer;
  /** Where it came from; `generated` means this start created it (the banner says so). */
  source: "env" | "file" | "generated";
  file?: string;
}

export const KEY_HINT = `generate one with: node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"`;

export function parseKey(text: string, variable = "FLUXO_ENCRYPTION_KEY"): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (key.length !== KEY_BYTES) throw new Error(`${variable} must be ${KEY_BYTES} random bytes in base64 (or 64 hex digits); ${KEY_HINT}`);
  return key;
}

/**
 * The key that seals secrets: FLUXO_ENCRYPTION_KEY when set; otherwise, for the embedded
 * database only, a key kept beside it in `<dataDir>/encryption.key` (0600), made on first start.
 */
export async function loadEncryptionKey(options: { envKey?: string; embedded: boolean; dataDir: string }): Promise<LoadedKey> {
  if (options.envKey) return { key: parseKey(options.envKey), source: "env" };
  if (!options.embedded) throw new Error(`FLUXO_ENCRYPTION_KEY is required with DATABASE_URL (it seals connection secrets); ${KEY_HINT}`);
  const file = path.join(options.dataDir, "encryption.key");
  try {
    const info = await stat(file);
    if ((info.mode & 0o077) !== 0) await chmod(file, 0o600);
    return { key: parseKey(await readFile(file, "utf8"), file), source: "file", file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await mkdir(options.dataDir, { recursive: true });
  const key = randomBytes(KEY_BYTES);
  await writeFile(file, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  return { key, source: "generated", file };
}
