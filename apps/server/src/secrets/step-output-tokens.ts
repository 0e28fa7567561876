import type { ExecutionEvent, StepResult } from "@fluxo/contracts";
import type { ExecutionChange, ExecutionStore } from "@fluxo/engine";
import { REDACTED } from "@fluxo/connectors";
import type { SealedSecret, SecretBox } from "./secret-box.js";

/** Keys of a step's response body that hold a credential (BTG-ID's token response). */
export const TOKEN_KEYS = ["access_token", "refresh_token", "id_token"] as const;

function isSealed(value: unknown): value is SealedSecret {
  return typeof value === "object" && value !== null && (value as { v?: unknown }).v === 1 && typeof (value as { ct?: unknown }).ct === "string";
}

function bodyOf(output: StepResult | null | undefined): Record<string, unknown> | null {
  const body = output?.body;
  return typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
}

/** The output as stored: each token sealed by `seal` (the engine keeps the real value for later steps' expressions). */
function sealOutputTokens(output: StepResult | null, seal: (token: string) => SealedSecret): { output: StepResult | null; tokens: string[] } {
  const body = bodyOf(output);
  if (!output || !body) return { output, tokens: [] };
  const tokens: string[] = [];
  const sealed: Record<string, unknown> = { ...body };
  for (const key of TOKEN_KEYS) {
    const value = body[key];
    if (typeof value === "string" && value !== "") {
      tokens.push(value);
      sealed[key] = seal(value);
    }
  }
  return { output: tokens.length ? { ...output, body: sealed } : output, tokens };
}

/**
 * The token as the API shows it: a JWS keeps its header and claims (what the step details
 * display) but loses its signature, so it is no longer a usable credential; anything else
 * becomes "[redacted]". The whole token is only at the reveal endpoint.
 */
export function unsignedToken(token: string): string {
  const parts = token.split(".");
  return parts.length === 3 ? `${parts[0]}.${parts[1]}.` : REDACTED;
}

/** The output for the API, with each sealed token opened only as far as `unsignedToken`. */
export function displayOutputTokens(output: StepResult | null, box: SecretBox): StepResult | null {
  return replaceSealedTokens(output, (sealed) => unsignedToken(box.open(sealed)));
}

export function openOutputToken(output: StepResult | null, box: SecretBox, key: (typeof TOKEN_KEYS)[number] = "access_token"): string | null {
  const value = bodyOf(output)?.[key];
  return isSealed(value) ? box.open(value) : null;
}

/** The output with every sealed token opened whole: only for callers allowed to reveal tokens (the gateway's sync answer). */
export function openOutputTokens(output: StepResult | null, box: SecretBox): StepResult | null {
  return replaceSealedTokens(output, (sealed) => box.open(sealed));
}

/** The output with each sealed token of its body replaced by `replace`'s value. */
function replaceSealedTokens(output: StepResult | null, replace: (sealed: SealedSecret, key: (typeof TOKEN_KEYS)[number]) => unknown): StepResult | null {
  const body = bodyOf(output);
  if (!output || !body) return output;
  const replaced: Record<string, unknown> = { ...body };
  for (const key of TOKEN_KEYS) {
    const value = body[key];
    if (isSealed(value)) replaced[key] = replace(value, key);
  }
  return { ...output, body: replaced };
}

/** Every sealed token of a stored output re-sealed with another key (`npm run rotate-key`). */
export function resealOutputTokens(output: unknown, from: SecretBox, to: SecretBox): { output: unknown; changed: boolean } {
  const body = bodyOf(output as StepResult | null);
  if (!body) return { output, changed: false };
  let changed = false;
  const resealed: Record<string, unknown> = { ...body };
  for (const key of TOKEN_KEYS) {
    const value = body[key];
    if (isSealed(value)) {
      resealed[key] = to.seal(from.open(value));
      changed = true;
    }
  }
  return { output: changed ? { ...(output as object), body: resealed } : output, changed };
}

/**
 * Wraps the execution store so step outputs are stored with their tokens sealed, and a
 * token a later step received through an expression is blanked in that step's stored
 * input, output (a server may echo it), HTTP summary and error. Events carry no outputs, so they pass unchanged.
 * `stored` sees each change once it is stored, as stored but with the tokens the step obtained whole
 * (what opening them again would give, without opening them).
 */
export function tokenSealingStore(inner: ExecutionStore, box: SecretBox, stored: (executionId: string, change: ExecutionChange) => void = () => {}): ExecutionStore {
  const tokensByExecution = new Map<string, string[]>();
  // A reused token comes back from every execution that reuses it: it gets its last sealing
  // again (the same ciphertext, not a new encryption under an old nonce) instead of a new one each time.
  let last: { token: string; sealed: SealedSecret } | null = null;
  const seal = (token: string): SealedSecret => {
    if (last?.token !== token) last = { token, sealed: box.seal(token) };
    return { ...last.sealed };
  };
  return {
    async apply(change: ExecutionChange, events: readonly ExecutionEvent[]) {
      const executionId = events[0]!.executionId;
      if (change.kind === "step.finished") {
        const known = tokensByExecution.get(executionId) ?? [];
        const { output, tokens } = sealOutputTokens(change.run.output, seal);
        // Sealed first, so a token this step obtained again (a reused one) stays revealable.
        const run = { ...change.run, output: scrub(output, known), input: scrub(change.run.input, known), http: scrub(change.run.http, known), error: scrub(change.run.error, known), route: scrub(change.run.route, known) };
        if (change.execution) tokensByExecution.delete(executionId);
        else if (tokens.length) tokensByExecution.set(executionId, [...known, ...tokens]);
        await inner.apply({ ...change, run }, events);
        stored(executionId, { ...change, run: tokens.length ? { ...run, output: withTokensOf(run.output, change.run.output) } : run });
        return;
      }
      if (change.kind === "execution.finished") tokensByExecution.delete(executionId);
      await inner.apply(change, events);
      stored(executionId, change);
    },
    release(executionId: string) {
      tokensByExecution.delete(executionId);
      inner.release?.(executionId);
    },
  };
}

/** The stored output with each token it sealed put back as `original` had it. */
function withTokensOf(output: StepResult | null, original: StepResult | null): StepResult | null {
  return replaceSealedTokens(output, (_sealed, key) => bodyOf(original)?.[key]);
}

function scrub<T>(value: T, tokens: string[]): T {
  if (tokens.length === 0 || value === null || value === undefined) return value;
  const text = JSON.stringify(value);
  const scrubbed = tokens.reduce((t, token) => t.split(token).join(REDACTED), text);
  return scrubbed === text ? value : (JSON.parse(scrubbed) as T);
}
