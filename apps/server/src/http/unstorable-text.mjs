// Where a JSON value holds text PostgreSQL can't store (see storable-text.ts). Plain JavaScript, so the
// worker thread that checks big bodies (json-text-worker.mjs) looks for it too; types in unstorable-text.d.mts.

// A NUL, a high surrogate not followed by a low one, or a low one not preceded by a high one.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The first string (value or key) in `value` that PostgreSQL can't store: its path (a key's ends in
 * " (key)"), the character (its UTF-16 code unit) and its 1-based position in the string.
 * @param {unknown} value
 * @param {string} path
 * @returns {import("./unstorable-text.d.mts").UnstorableAt | null}
 */
export function firstUnstorable(value, path) {
  if (typeof value === "string") return unstorableIn(value, path);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstUnstorable(value[i], `${path}.${i}`);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const found = unstorableIn(key, `${path} (key)`) ?? firstUnstorable(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/**
 * @param {string} text
 * @param {string} path
 */
function unstorableIn(text, path) {
  const match = UNSTORABLE.exec(text);
  return match ? { path, codeUnit: match[0].charCodeAt(0), position: match.index + 1 } : null;
}
