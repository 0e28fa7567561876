// Does for the main thread (see off-thread-json.ts) what would hold its event loop on a big JSON text:
// { id, bytes } (a body): checkJsonText, then parsed to know it is JSON (`slices` null when it isn't),
// planned for a sliced parse (json-slices.mjs) and, when its escapes say it may, searched for text
// PostgreSQL can't store (`unstorable`, null when there is none); { id, text } (a stored JSON text,
// valid already): only planned. Answers { id, result }.
import { parentPort } from "node:worker_threads";
import { slicePlan } from "./json-slices.mjs";
import { checkJsonText } from "./json-text.mjs";
import { firstUnstorable } from "./unstorable-text.mjs";

parentPort.on("message", ({ id, bytes, text }) => {
  parentPort.postMessage({ id, result: bytes ? checked(bytes) : slicePlan(text) });
});

function checked(bytes) {
  const result = checkJsonText(bytes);
  if (!("text" in result)) return result;
  let value;
  try {
    value = JSON.parse(result.text);
  } catch {
    return { ...result, slices: null };
  }
  return { ...result, slices: slicePlan(result.text), unstorable: result.mayHoldUnstorable ? firstUnstorable(value, "body") : null };
}
