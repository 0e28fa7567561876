// The checks a JSON body passes before it is parsed. Plain JavaScript, so the worker thread that
// runs them for big bodies (json-text-worker.mjs) loads it without a TypeScript loader; types in
// json-text.d.mts.

const utf8 = new TextDecoder("utf-8", { fatal: true });
/** Keys no Fluxo body has, the usual prototype-pollution levers. */
const PROTOTYPE_KEYS = new Set(["__proto__", "constructor", "prototype"]);
/** The longest spelling of one as a JSON string: every character escaped (\uXXXX), with its quotes. */
const LONGEST_PROTOTYPE_KEY = 2 + 6 * 11;
/**
 * Where a parsed JSON text may hold a NUL or a lone UTF-16 surrogate, which PostgreSQL can't store
 * (storable-text.ts): only as a `\u0000` or `\uD800`–`\uDFFF` escape, since valid UTF-8 encodes
 * neither and JSON strings can't hold a raw control character. No such escape: nothing to look for.
 */
const UNSTORABLE_ESCAPE = /\\u(?:0000|d[89a-f])/i;
/** Far deeper than any flow definition or sensible payload; deeper bodies only make recursion expensive. */
export const MAX_JSON_DEPTH = 64;

/**
 * The body as text, or why it is refused: not valid UTF-8 (instead of silently turning bytes
 * into U+FFFD), `__proto__`/`constructor`/`prototype` keys however they are spelled (which no Fluxo
 * body has, the usual prototype-pollution lever: the values built from a body — JSON.parse's, the
 * sliced parse's, forms', queries' and headers' — hold such a key as a plain member anyway), or
 * nesting deeper than MAX_JSON_DEPTH.
 * @param {Uint8Array} bytes
 * `mayHoldUnstorable`: false when the parsed value can't hold text PostgreSQL refuses (see UNSTORABLE_ESCAPE).
 * @returns {import("./json-text.d.mts").JsonTextCheck}
 */
export function checkJsonText(bytes) {
  let text;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { problem: { code: "body.not_utf8" } };
  }
  const { prototypeKey, deepest } = shapeOf(text);
  if (prototypeKey) return { problem: { code: "body.prototype_key" } };
  if (deepest > MAX_JSON_DEPTH) return { problem: { code: "body.too_deep", params: { max: MAX_JSON_DEPTH } } };
  return { text, mayHoldUnstorable: UNSTORABLE_ESCAPE.test(text) };
}

/**
 * How deeply objects and arrays nest in a JSON text (brackets inside strings don't count), and whether
 * it has a key that is one of PROTOTYPE_KEYS as JSON decodes it: "\u005f_proto__" is "__proto__" too.
 * Stops at the first such key.
 * @param {string} text
 */
function shapeOf(text) {
  let depth = 0;
  let deepest = 0;
  let stringStart = -1;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (stringStart >= 0) {
      if (c === 92) {
        i++; // backslash: skip the escaped character
        escaped = true;
      } else if (c === 34) {
        if (i + 1 - stringStart <= LONGEST_PROTOTYPE_KEY && isKeyEndingAt(text, i) && PROTOTYPE_KEYS.has(decoded(text.slice(stringStart, i + 1), escaped))) return { prototypeKey: true, deepest };
        stringStart = -1;
      }
    } else if (c === 34) {
      stringStart = i;
      escaped = false;
    } else if (c === 123 || c === 91) deepest = Math.max(deepest, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return { prototypeKey: false, deepest };
}

/**
 * A string is a key when a colon follows it.
 * @param {string} text
 * @param {number} closingQuote
 */
function isKeyEndingAt(text, closingQuote) {
  let i = closingQuote + 1;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9 || text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13)) i++;
  return text.charCodeAt(i) === 58;
}

/**
 * @param {string} quoted a JSON string with its quotes
 * @param {boolean} escaped whether it has escapes
 */
function decoded(quoted, escaped) {
  if (!escaped) return quoted.slice(1, -1);
  try {
    return JSON.parse(quoted);
  } catch {
    return quoted; // not JSON: the parse that follows refuses the body
  }
}
