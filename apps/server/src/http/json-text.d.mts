export declare const MAX_JSON_DEPTH: number;
export type JsonTextCheck = { text: string; mayHoldUnstorable: boolean } | { problem: string };
export declare function checkJsonText(bytes: Uint8Array): JsonTextCheck;
