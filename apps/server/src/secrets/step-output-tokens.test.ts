import { randomBytes } from "node:crypto";
import type { ExecutionEvent } from "@fluxo/contracts";
import type { ExecutionChange, ExecutionStore, StepRunRecord } from "@fluxo/engine";
import { describe, expect, it } from "vitest";
import { SecretBox, type SealedSecret } from "./secret-box.js";
import { openOutputToken, tokenSealingStore } from "./step-output-tokens.js";

const box = new SecretBox(randomBytes(32));

/** The store under the wrapper: keeps what it was given. */
function recordingStore(): ExecutionStore & { stored: ExecutionChange[] } {
  const stored: ExecutionChange[] = [];
  return { stored, apply: async (change) => void stored.push(change) };
}

function finished(executionId: string, stepId: string, body: Record<string, unknown>, input: Record<string, unknown> | null = null): [ExecutionChange, ExecutionEvent[]] {
  const at = new Date();
  const run: StepRunRecord = { stepId, iteration: 0,
        loopPath: [], attempt: 1, startedAt: at, finishedAt: at, durationMs: 1, input, output: { code: 200, headers: {}, body }, error: null, http: null, attempts: [] };
  const event = { executionId, seq: 3, type: "step.succeeded", at: at.toISOString() } as unknown as ExecutionEvent;
  return [{ kind: "step.finished", run, execution: null }, [event]];
}

const storedToken = (change: ExecutionChange | undefined) => (change?.kind === "step.finished" ? (change.run.output?.body as { access_token: SealedSecret }).access_token : undefined);

describe("tokenSealingStore", () => {
  it("stores a step's access token sealed, and blanks it where a later step of the run received it", async () => {
    const inner = recordingStore();
    const store = tokenSealingStore(inner, box);
    await store.apply(...finished("e1", "credentials", { access_token: "token-one", expires_in: 300 }));
    await store.apply(...finished("e1", "call", { ok: true }, { authorization: "Bearer token-one" }));

    const [first, second] = inner.stored;
    expect(JSON.stringify(first)).not.toContain("token-one");
    expect(first?.kind === "step.finished" && openOutputToken(first.run.output, box)).toBe("token-one");
    expect(second?.kind === "step.finished" && second.run.input).toEqual({ authorization: "Bearer [redacted]" });
  });

  it("gives a reused token its last sealing again, and a new token a sealing of its own", async () => {
    const inner = recordingStore();
    const store = tokenSealingStore(inner, box);
    await store.apply(...finished("e1", "credentials", { access_token: "token-one" }));
    await store.apply(...finished("e2", "credentials", { access_token: "token-one" }));
    await store.apply(...finished("e3", "credentials", { access_token: "token-two" }));

    const [one, again, two] = inner.stored.map(storedToken);
    expect(again).toEqual(one);
    expect(again).not.toBe(one); // a copy: whoever changes one stored output changes no other
    expect(two!.iv).not.toBe(one!.iv);
    expect(box.open(two!)).toBe("token-two");
  });
});
