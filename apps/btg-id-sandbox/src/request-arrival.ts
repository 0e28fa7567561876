import type { Request, Response } from "express";
import type { Audience, PreparedFailure } from "./scripted-failures.js";
import type { SandboxState } from "./sandbox-state.js";
import { waitWhileConnected } from "./waits.js";

/** Plays a scripted failure instead of the normal answer. */
function playFailure(req: Request, res: Response, failure: Exclude<PreparedFailure, { kind: "delay" }>, audience: Audience): void {
  switch (failure.kind) {
    case "respond": {
      const reply = failure.replies[audience];
      res.status(failure.status);
      for (const [name, value] of Object.entries(reply.headers)) res.setHeader(name, value);
      res.end(reply.body);
      return;
    }
    case "reset":
      // A TCP RST where the platform offers it, a plain close otherwise.
      if (typeof req.socket.resetAndDestroy === "function") req.socket.resetAndDestroy();
      else req.socket.destroy();
      return;
    case "hang":
      // Never answer; the socket stays tracked and close() destroys it.
      return;
  }
}

function statsKeyOf(failure: Exclude<PreparedFailure, { kind: "delay" }>, audience: Audience): string {
  return failure.kind === "respond" ? failure.replies[audience].statsKey : failure.kind;
}

/**
 * What every token and API request goes through at arrival, before any validation: it
 * takes the next scripted entry (if any), waits the configured latency plus a scripted
 * delay, then plays the scripted failure. Resolves true when the request is to be answered
 * normally; false when it was answered (or dropped) here, or the client left meanwhile.
 * The caller counts the request itself, before calling this.
 */
export async function admitRequest(req: Request, res: Response, state: SandboxState, audience: Audience): Promise<boolean> {
  const failure = state.takeFailure();
  const extraMs = failure?.kind === "delay" ? failure.ms : 0;
  if (!(await waitWhileConnected(state.latencyMs + extraMs, res))) return false; // client gone or sandbox closing

  if (failure && failure.kind !== "delay") {
    state.countError(statsKeyOf(failure, audience));
    playFailure(req, res, failure, audience);
    return false;
  }
  return true;
}
