// The checks a JSON body passes before it is parsed. Plain JavaScript, so the worker thread that
// runs them for big bodies (json-text-worker.mjs) loads it without a TypeScript loader; types in
// json-text.d.mts.

const utf8 = new TextDecoder("utf-8", { fatal: true });
// A key named so in an object (not inside a string, where its quotes would be escaped).
const PROTOTYPE_KEY = /"(?:__proto__|constructor|prototype)"\s*:/;
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
 * into U+FFFD), `__proto__`/`constructor`/`prototype` keys (which no Fluxo body has, the usual
 * prototype-pollution lever), or nesting deeper than MAX_JSON_DEPTH.
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
  if (PROTOTYPE_KEY.test(text)) return { problem: { code: "body.prototype_key" } };
  if (depthOf(text) > MAX_JSON_DEPTH) return { problem: { code: "body.too_deep", params: { max: MAX_JSON_DEPTH } } };
  return { text, mayHoldUnstorable: UNSTORABLE_ESCAPE.test(text) };
}

/**
 * How deeply objects and arrays nest in a JSON text (brackets inside strings don't count).
 * @param {string} text
 */
function depthOf(text) {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) deepest = Math.max(deepest, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return deepest;
}
