import { describe, expect, it } from "vitest";
import { renderStepMessage, STEP_MESSAGES, stepMessage, type StepMessageCode } from "../src/step-messages.js";

// A param may come in one form per language (a count's digit grouping: grouped_pt, grouped_en).
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!.replace(/_(pt|en)$/, "")).sort();

describe("step messages", () => {
  it.each(Object.keys(STEP_MESSAGES) as StepMessageCode[])("%s has a text in pt-BR and in English, with the same params", (code) => {
    const texts: Record<string, unknown> = STEP_MESSAGES[code];
    expect(typeof texts["pt-BR"] === "string" && texts["pt-BR"].trim() !== "", `${code} has no pt-BR text`).toBe(true);
    expect(typeof texts["en"] === "string" && texts["en"].trim() !== "", `${code} has no English text`).toBe(true);
    expect(placeholders(STEP_MESSAGES[code].en)).toEqual(placeholders(STEP_MESSAGES[code]["pt-BR"]));
  });

  it("renders nested messages in the same language, and the service's own words as sent", () => {
    const params = { status: 401, code: "invalid_client", said: ": client authentication failed", advice: { code: "btg_id.advice.check_credentials" } };
    expect(stepMessage("btg_id.token_refused", params)).toEqual({
      message: "O BTG-ID recusou o pedido de token (401 invalid_client): client authentication failed. Confira o ID do Cliente e a Chave Secreta do Cliente na conexão.",
      messageCode: "btg_id.token_refused",
      messageParams: params,
    });
    expect(renderStepMessage("btg_id.token_refused", params, "en")).toBe(
      "BTG-ID refused the token request (401 invalid_client): client authentication failed. Check the Client ID and the Client Secret in the connection.",
    );
  });

  it("knows no text for a code it doesn't have (the reader falls back to the stored message)", () => {
    expect(renderStepMessage("someday.new_code", {}, "en")).toBeUndefined();
    expect(renderStepMessage("toString", {}, "en")).toBeUndefined();
  });
});
