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

  // The connection's button reads "Conectar com o BTG" only before any consent (or after Desconectar);
  // once a consent was given — Reconexão necessária included — it reads "Reconectar com o BTG"
  // (apps/web/src/connections/OAuthConnectPanel.tsx, connections.json oauth.connect / oauth.reconnect).
  const BUTTON = { connect: { "pt-BR": '"Conectar com o BTG"', en: '"Connect with BTG"' }, reconnect: { "pt-BR": '"Reconectar com o BTG"', en: '"Reconnect with BTG"' } } as const;
  const SAID_BEFORE_ANY_CONSENT: StepMessageCode[] = ["btg_id.not_connected", "btg_id.consent_not_saved"];
  const SAID_WHEN_RECONNECTING: StepMessageCode[] = ["btg_id.refresh_refused", "btg_id.reconnect_again"];

  it.each(["pt-BR", "en"] as const)("names the button the person sees in each state of the consent (%s)", (language) => {
    for (const code of SAID_BEFORE_ANY_CONSENT) {
      expect(STEP_MESSAGES[code][language], code).toContain(BUTTON.connect[language]);
      expect(STEP_MESSAGES[code][language], code).not.toContain(BUTTON.reconnect[language]);
    }
    for (const code of SAID_WHEN_RECONNECTING) {
      expect(STEP_MESSAGES[code][language], code).toContain(BUTTON.reconnect[language]);
      expect(STEP_MESSAGES[code][language], code).not.toContain(BUTTON.connect[language]);
    }
    // The step's error as the step details show it, whichever way the reason was stored.
    for (const problem of [{ code: "btg_id.refresh_refused", params: { code: "invalid_grant" } }, { code: "btg_id.reconnect_again" }]) {
      const told = renderStepMessage("btg_id.reconnect_required", { name: "BTG conta do cliente", problem }, language)!;
      expect(told).toContain(BUTTON.reconnect[language]);
      expect(told).not.toContain(BUTTON.connect[language]);
    }
    // No other message names either button without being listed here, in its state.
    const listed = new Set<string>([...SAID_BEFORE_ANY_CONSENT, ...SAID_WHEN_RECONNECTING]);
    const naming = (Object.keys(STEP_MESSAGES) as StepMessageCode[]).filter((code) => STEP_MESSAGES[code][language].includes(BUTTON.connect[language]) || STEP_MESSAGES[code][language].includes(BUTTON.reconnect[language]));
    expect(naming.filter((code) => !listed.has(code))).toEqual([]);
  });
});
