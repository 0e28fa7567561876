import type { Request, Response } from "express";
import type { Audience, PreparedFailure } from "./scripted-failures.js";
import type { SandboxState } from "./sandbox-state.js";
import { waitWhileConnected } from "./waits.js";

/** Plays a scripted failure instead of the normal answer. */
type PlayedFailure = Extract<PreparedFailure, { kind: "respond" | "reset" | "hang" }>;

function playFailure(req: Request, res: Response, failure: PlayedFailure, audience: Audience): void {
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

function statsKeyOf(failure: PlayedFailure, audience: Audience): string {
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
  const failure = state.takeFailure(audience);
  const extraMs = failure?.kind === "delay" ? failure.ms : 0;
  if (!(await waitWhileConnected(state.latencyMs + extraMs, res))) return false; // client gone or sandbox closing

  if (failure && (failure.kind === "respond" || failure.kind === "reset" || failure.kind === "hang")) {
    state.countError(statsKeyOf(failure, audience));
    playFailure(req, res, failure, audience);
    return false;
  }
  return true;
}
