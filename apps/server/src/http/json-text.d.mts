export declare const MAX_JSON_DEPTH: number;
import type { ProblemText } from "./route-problems.js";

/** The text, or why the body is refused (a route-problem text, told in the request's language). */
export type JsonTextCheck = { text: string; mayHoldUnstorable: boolean } | { problem: ProblemText };
export declare function checkJsonText(bytes: Uint8Array): JsonTextCheck;
