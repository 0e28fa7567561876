// Runs checkJsonText for the main thread (see off-thread-json.ts): { id, bytes } in, { id, result } out.
import { parentPort } from "node:worker_threads";
import { checkJsonText } from "./json-text.mjs";

parentPort.on("message", ({ id, bytes }) => {
  parentPort.postMessage({ id, result: checkJsonText(bytes) });
});
