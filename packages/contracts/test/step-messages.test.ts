import { describe, expect, it } from "vitest";
import { renderStepMessage, STEP_MESSAGES, stepMessage, type StepMessageCode } from "../src/step-messages.js";
import { fieldText, fieldTextIn, readFieldText } from "../src/step-messages/field-text.js";
import { messageList } from "../src/step-messages/list.js";

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

  // A zod schema carries only a field text's pt-BR words: each one must lead back to its own code and params.
  it.each((Object.keys(STEP_MESSAGES) as StepMessageCode[]).filter((code) => code.includes(".field.") || code.startsWith("form.")))("the field text %s is read back to its code and params", (code) => {
    const params = Object.fromEntries(placeholders(STEP_MESSAGES[code]["pt-BR"]).map((name, i) => [name!, `valor ${i} de ${code}`]));
    const text = fieldText(code, params);
    expect(readFieldText(text)).toEqual(Object.keys(params).length > 0 ? { code, params } : { code });
    expect(fieldTextIn(text, "en")).toBe(renderStepMessage(code, params, "en"));
  });

  it("leaves a text no field code writes as it is, and tells a list in one language", () => {
    expect(readFieldText("Entrada inválida: esperava string")).toBeUndefined();
    expect(fieldTextIn("o serviço disse: não", "en")).toBe("o serviço disse: não");
    const list = messageList([{ code: "definition.required" }, { code: "definition.edge_to_start" }, "as sent", { code: "definition.connection_gone" }], 3);
    expect(renderStepMessage("engine.cannot_run", { problems: list }, "en")).toBe("the flow can't run: fill in this field; nothing can link back to Start; as sent; and 1 more");
    expect(renderStepMessage("engine.cannot_run", { problems: list }, "pt-BR")).toBe("o fluxo não pode ser executado: preencha este campo; nada pode ligar de volta ao Início; as sent; e mais 1");
  });
});
