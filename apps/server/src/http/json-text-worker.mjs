// Runs checkJsonText for the main thread (see off-thread-json.ts): { id, bytes } in, { id, result } out.
// A body that passes is also parsed here, to know it is JSON, and planned for a sliced parse (json-slices.mjs):
// `slices` is null when it isn't JSON.
import { parentPort } from "node:worker_threads";
import { slicePlan } from "./json-slices.mjs";
import { checkJsonText } from "./json-text.mjs";

parentPort.on("message", ({ id, bytes }) => {
  const result = checkJsonText(bytes);
  parentPort.postMessage({ id, result: "text" in result ? { ...result, slices: plannedIfJson(result.text) } : result });
});

function plannedIfJson(text) {
  try {
    JSON.parse(text);
  } catch {
    return null;
  }
  return slicePlan(text);
}
