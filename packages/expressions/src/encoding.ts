/**
 * UTF-8 and base64 without Node's Buffer or browser-only globals, so the package runs the
 * same in browsers and in Node.
 */

/** Encodes a string as UTF-8; lone surrogates become U+FFFD (as TextEncoder does). */
export function utf8Encode(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else {
        code = 0xfffd;
      }
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      code = 0xfffd;
    }
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
  }
  return Uint8Array.from(bytes);
}

/** Number of bytes `text` takes in UTF-8, without building the bytes. */
export function utf8Length(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) length += 1;
    else if (code < 0x800) length += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length += 4;
        i++;
      } else length += 3;
    } else length += 3;
  }
  return length;
}

/**
 * Decodes UTF-8. With `fatal`, returns null on any invalid sequence (overlong forms, surrogates,
 * code points above U+10FFFF, truncated sequences); otherwise each invalid byte becomes U+FFFD.
 */
export function utf8Decode(bytes: ArrayLike<number>, fatal: boolean): string | null {
  const parts: string[] = [];
  let chunk: number[] = [];
  const flush = () => {
    if (chunk.length > 0) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  };
  let i = 0;
  while (i < bytes.length) {
    const b0 = bytes[i] ?? 0;
    let code = -1;
    let size = 1;
    if (b0 < 0x80) code = b0;
    else if (b0 >= 0xc2 && b0 <= 0xdf) {
      size = 2;
      const b1 = bytes[i + 1] ?? -1;
      if (isContinuation(b1)) code = ((b0 & 0x1f) << 6) | (b1 & 0x3f);
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      size = 3;
      const b1 = bytes[i + 1] ?? -1;
      const b2 = bytes[i + 2] ?? -1;
      if (isContinuation(b1) && isContinuation(b2)) {
        const value = ((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
        if (value >= 0x800 && (value < 0xd800 || value > 0xdfff)) code = value;
      }
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      size = 4;
      const b1 = bytes[i + 1] ?? -1;
      const b2 = bytes[i + 2] ?? -1;
      const b3 = bytes[i + 3] ?? -1;
      if (isContinuation(b1) && isContinuation(b2) && isContinuation(b3)) {
        const value = ((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
        if (value >= 0x10000 && value <= 0x10ffff) code = value;
      }
    }
    if (code < 0) {
      if (fatal) return null;
      code = 0xfffd;
      size = 1;
    }
    chunk.push(code);
    if (chunk.length >= 4096) flush();
    i += size;
  }
  flush();
  return parts.join("");
}

function isContinuation(byte: number): boolean {
  return byte >= 0x80 && byte <= 0xbf;
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const REVERSE: ReadonlyMap<string, number> = new Map([...ALPHABET].map((char, index) => [char, index]));

/** Standard base64 (RFC 4648 §4) with padding, like Go's base64.StdEncoding. */
export function base64Encode(bytes: Uint8Array): string {
  const parts: string[] = [];
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    parts.push(ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!);
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] ?? 0) << 16;
    parts.push(ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + "==");
  } else if (rest === 2) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8);
    parts.push(ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + "=");
  }
  return parts.join("");
}

/**
 * Decodes standard base64. Line breaks are ignored (as Go does); the padding may be left out.
 * Returns null when the text is not base64.
 */
export function base64Decode(text: string): Uint8Array | null {
  let clean = "";
  for (const char of text) if (char !== "\n" && char !== "\r") clean += char;
  let end = clean.length;
  let padding = 0;
  while (end > 0 && clean[end - 1] === "=") {
    end--;
    padding++;
  }
  if (padding > 2) return null;
  if (padding > 0 && clean.length % 4 !== 0) return null;
  if (end % 4 === 1) return null;
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < end; i++) {
    const value = REVERSE.get(clean[i]!);
    if (value === undefined) return null;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}
