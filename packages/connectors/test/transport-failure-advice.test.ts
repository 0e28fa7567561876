import { renderStepMessage, type StepMessageRef } from "@fluxo/contracts";
import { describe, expect, it } from "vitest";
import { transportFailure as btgIdTransportFailure } from "../src/btg-id/failures.js";
import { transportFailure as httpTransportFailure } from "../src/http/failures.js";
import { HttpClientError } from "../src/sdk/errors.js";

// A request that never got an answer (too slow, refused by the outbound policy, too large, the
// network) says what to do through its message's `advice` param, like every other coded failure:
// the app knows a message advises by that param alone, and tells it in either language.
const failures = [
  new HttpClientError("timeout", "timed out", { timeoutMs: 1000 }),
  new HttpClientError("refused", "refused", { code: "private" }),
  new HttpClientError("invalid_response", "too large", { code: "response_too_large", limitBytes: 1024 }),
  new HttpClientError("network", "refused", { code: "ECONNREFUSED" }),
];

describe("transport failures carry their advice as a param", () => {
  it.each([
    ["BTG-ID", (error: HttpClientError) => btgIdTransportFailure(error, "https://id.example/oauth2/token")],
    ["HTTP", (error: HttpClientError) => httpTransportFailure(error, "https://api.example/x", { code: "http.service.server" })],
  ])("%s", (_, tell) => {
    for (const error of failures) {
      const info = tell(error);
      const advice = info.messageParams?.advice as StepMessageRef | undefined;
      expect(advice, `${info.messageCode} has advice`).toBeDefined();
      // The message ends with its advice, in pt-BR as stored and in English as rendered.
      expect(info.message.endsWith(renderStepMessage(advice!.code, advice!.params, "pt-BR")!)).toBe(true);
      expect(renderStepMessage(info.messageCode!, info.messageParams, "en")!.endsWith(renderStepMessage(advice!.code, advice!.params, "en")!)).toBe(true);
    }
  });
});
