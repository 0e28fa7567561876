import type { ConnectionTestResult } from "@fluxo/contracts";
import { act, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import i18n from "../i18n/index.js";
import { renderWithProviders } from "../ui/testing.js";
import { ConnectionTestOutcome, remoteErrorText } from "./ConnectionTestOutcome.js";

const timedOut: ConnectionTestResult = {
  ok: false,
  testedAt: "2026-12-07T04:00:00.000Z",
  durationMs: 1000,
  message: "O BTG-ID (id.example) não respondeu em 1000 ms. Tente de novo; se continuar, confira a URL do ambiente ou aumente o Tempo limite (ms) do passo.",
  error: {
    kind: "timeout",
    message: "O BTG-ID (id.example) não respondeu em 1000 ms. Tente de novo; se continuar, confira a URL do ambiente ou aumente o Tempo limite (ms) do passo.",
    messageCode: "btg_id.timeout",
    messageParams: { host: "id.example", limit: 1000, advice: { code: "btg_id.advice.timeout" } },
  },
};

describe("ConnectionTestOutcome", () => {
  it("tells a failed test in the app's language (#18 item 8), in Portuguese by default", async () => {
    renderWithProviders(<ConnectionTestOutcome result={timedOut} />);
    expect(screen.getByText(/^O BTG-ID \(id\.example\) não respondeu em 1000 ms/)).toBeTruthy();
    await act(() => i18n.changeLanguage("en"));
    expect(screen.getByText(/^BTG-ID \(id\.example\) didn't answer within 1000 ms\. Try again/)).toBeTruthy();
    await act(() => i18n.changeLanguage("pt-BR"));
  });
});

describe("remoteErrorText", () => {
  it("gives a service's code and words, never Fluxo's own consent codes (their coded message tells them)", () => {
    const failed = (code: string, description?: string): ConnectionTestResult => ({ ok: false, testedAt: timedOut.testedAt, durationMs: 5, message: "m", error: { kind: "connection", message: "m", code, ...(description ? { description } : {}) } });
    expect(remoteErrorText(failed("invalid_client", "client authentication failed"))).toBe("invalid_client — client authentication failed");
    for (const code of ["not_connected", "reconnect_required", "refresh_budget_exhausted", "token_refused"]) expect(remoteErrorText(failed(code))).toBeUndefined();
  });
});
