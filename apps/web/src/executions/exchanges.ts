import type { HttpExchangeSummary, StepAttempt, StepRun } from "@fluxo/contracts";

/** The HTTP exchanges of an attempt: all of them when it made several, else its one (if any). */
export function exchangesOf(attempt: Pick<StepAttempt, "http" | "exchanges">): HttpExchangeSummary[] {
  if (attempt.exchanges && attempt.exchanges.length > 0) return attempt.exchanges;
  return attempt.http ? [attempt.http] : [];
}

/** The exchanges of the step's outcome: its last attempt's, or the step's own summary for a record without attempts. */
export function outcomeExchanges(run: StepRun): HttpExchangeSummary[] {
  return exchangesOf(run.attempts?.at(-1) ?? run);
}
