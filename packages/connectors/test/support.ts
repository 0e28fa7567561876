import { createServer } from "node:net";
import type { HttpExchangeSummary, StepErrorInfo } from "@fluxo/contracts";
import { expect } from "vitest";
import { StepError } from "../src/index.js";
import type { ConnectionValues } from "../src/index.js";

export function btgConnection(values: { clientId: string; clientSecret: string; environmentUrl: string }): ConnectionValues {
  return {
    id: "conn-1",
    name: "BTG sandbox",
    values: { clientId: values.clientId, environmentUrl: values.environmentUrl },
    secrets: { clientSecret: values.clientSecret },
  };
}

/** Awaits a promise that must reject with a StepError and returns its info. */
export async function stepErrorOf(promise: Promise<unknown>): Promise<StepErrorInfo> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(StepError);
  return (error as StepError).info;
}

/** A port that nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("expected a TCP address");
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return address.port;
}

export function recorder(): { summaries: HttpExchangeSummary[]; recordHttp: (summary: HttpExchangeSummary) => void } {
  const summaries: HttpExchangeSummary[] = [];
  return { summaries, recordHttp: (summary) => summaries.push(summary) };
}

/** For operations that never evaluate per-response fields. */
export function noEvaluate(): never {
  throw new Error("this operation has no perResponse field to evaluate");
}
