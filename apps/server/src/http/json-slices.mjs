// How to parse a big JSON text a piece at a time (json-slices.d.mts has the types): planned in the
// worker thread (json-text-worker.mjs), followed on the event loop by sliced-parse.ts, which yields
// between pieces. Plain JavaScript for the worker, like json-text.mjs.

/** A piece of at most this many characters: JSON.parse of one holds the loop a few ms (~2 ms for 256 k of small objects). */
export const SLICE_CHARS = 256 * 1024;

const SPACE = new Set([32, 9, 10, 13]);

/**
 * The plan for the JSON value in `text` from `at` to `end` (the text is valid JSON: the worker parsed it).
 * A value shorter than SLICE_CHARS, or one that isn't an array or object (a long string), is one piece;
 * a longer array or object is its members, runs of small ones together, big ones planned in turn.
 * @param {string} text
 * @returns {import("./json-slices.d.mts").SlicePlan}
 */
export function slicePlan(text, at = 0, end = text.length) {
  while (SPACE.has(text.charCodeAt(at))) at++;
  const open = text.charCodeAt(at);
  if (end - at <= SLICE_CHARS || (open !== 91 && open !== 123)) return { piece: [at, end] };
  const isObject = open === 123;
  const parts = [];
  let run = null;
  for (const member of membersOf(text, at)) {
    if (member.end - member.start <= SLICE_CHARS) {
      if (run && member.end - run[0] > SLICE_CHARS) run = null;
      if (run) run[1] = member.end;
      else parts.push({ run: (run = [member.start, member.end]) });
      continue;
    }
    run = null;
    parts.push(isObject ? { key: [member.start, member.colon], value: slicePlan(text, member.colon + 1, member.end) } : { value: slicePlan(text, member.start, member.end) });
  }
  return isObject ? { object: parts } : { array: parts };
}

/**
 * The members of the array or object that opens at `at`: where each starts and ends (the comma or
 * closing bracket after it) and, in an object, where its key ends (the colon).
 * @param {string} text
 * @param {number} at
 */
function membersOf(text, at) {
  const members = [];
  let depth = 0;
  let inString = false;
  let start = -1;
  let colon = -1;
  for (let i = at + 1; ; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
      continue;
    }
    if (depth === 0 && start < 0 && !SPACE.has(c) && c !== 93 && c !== 125) start = i;
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) depth++;
    else if (depth > 0 && (c === 125 || c === 93)) depth--;
    else if (depth === 0 && c === 58) colon = i;
    else if (depth === 0 && (c === 44 || c === 125 || c === 93)) {
      if (start >= 0) members.push({ start, end: i, colon });
      if (c !== 44) return members;
      start = -1;
    }
  }
}
