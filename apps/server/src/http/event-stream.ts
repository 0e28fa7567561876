import type { Response } from "express";

/** How often an idle Server-Sent Events stream writes a comment, so proxies keep it open. */
export const HEARTBEAT_MS = 15_000;

/** Answers 200 as a Server-Sent Events stream (no caching, no proxy buffering). */
export function startEventStream(res: Response): void {
  res.status(200).set({
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-cache, no-transform",
    Connection: "keep-alive",
    "X-Accel-Buffering": "no",
  });
}

/** Writes a keep-alive comment every HEARTBEAT_MS; clear the returned timer when the stream ends. */
export function startHeartbeat(res: Response): NodeJS.Timeout {
  return setInterval(() => res.write(": keep-alive\n\n"), HEARTBEAT_MS);
}
