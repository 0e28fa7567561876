import type { Execution, StepRun } from "@fluxo/contracts";
import { parseTemplate, type EvaluationData } from "@fluxo/expressions";
import { codedMessage } from "../../i18n/codedMessage.js";
import { describe, expect, it } from "vitest";
import { evaluationData } from "./evaluationData.js";
import { looksLikeToken, maskSecrets } from "./maskSecrets.js";
import { previewTemplate } from "./preview.js";

const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkZW1vLWNsaWVudCJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg";

const data: EvaluationData = {
  input: { body: { locations: ["https://api.btg/a", "https://api.btg/b"], conta: 123, nome: "" }, headers: { "x-tenant": "t1" }, query_params: {} },
  steps: { credentials: { code: 200, headers: {}, body: { access_token: JWT, token_type: "Bearer", expires_in: 86400 } } },
};

const preview = (text: string) => previewTemplate(parseTemplate(text), data);

describe("previewTemplate", () => {
  it("shows a single action's value with its type: lists and objects as JSON", () => {
    expect(preview("{{ .input.body.locations }}")).toEqual({ kind: "value", valueKind: "list", text: '["https://api.btg/a","https://api.btg/b"]' });
    expect(preview("{{ .input.body.conta }}")).toEqual({ kind: "value", valueKind: "number", text: "123" });
    expect(preview("{{ .steps.credentials.body.token_type }}")).toEqual({ kind: "value", valueKind: "text", text: "Bearer" });
    expect(preview('{{ index .input.headers "x-tenant" }}')).toEqual({ kind: "value", valueKind: "text", text: "t1" });
    expect(preview("conta-{{ .input.body.conta }}")).toEqual({ kind: "value", valueKind: "text", text: "conta-123" });
  });

  it("masks what looks like a token, alone, inside text or inside an object", () => {
    const alone = preview("{{ .steps.credentials.body.access_token }}");
    expect(alone.kind === "value" && alone.text).toMatch(/^eyJhbGci•+/);
    const inText = preview("Bearer {{ .steps.credentials.body.access_token }}");
    expect(inText.kind === "value" && inText.text).toMatch(/^Bearer eyJhbGci•+/);
    const body = preview("{{ .steps.credentials.body }}");
    expect(body.kind === "value" && body.text).toContain('"token_type":"Bearer"');
    for (const shown of [alone, inText, body]) expect(JSON.stringify(shown)).not.toContain(JWT);
  });

  it("gives the language's error when evaluation fails: pt-BR, and its code to tell it in English", () => {
    const failed = preview("{{ .input.body.agencia }}");
    expect(failed).toMatchObject({ kind: "error", message: "coluna 4: .input.body.agencia não existe" });
    expect(failed.kind === "error" && codedMessage(failed, "en")).toBe("column 4: .input.body.agencia doesn't exist");
  });

  it("says there is no execution data for steps without a result", () => {
    expect(preview("{{ .steps.other.code }} {{ .steps.credentials.code }}")).toEqual({ kind: "no_execution_data", stepIds: ["other"] });
  });

  it("tells a typo (a name no run can give) from a path the data lacks", () => {
    expect(preview("{{ .input.bodi.account }}")).toEqual({ kind: "unknown_path", path: ".input.bodi", root: ".input", expected: ["body", "headers", "query_params"] });
    expect(preview("{{ .steps.credentials.bdy.token }}")).toEqual({ kind: "unknown_path", path: ".steps.credentials.bdy", root: ".steps.credentials", expected: ["code", "headers", "body", "error"] });
    // Also for a step with no result yet: the typo is what there is to say.
    expect(preview("{{ .steps.other.bodi }}")).toMatchObject({ kind: "unknown_path", path: ".steps.other.bodi" });
    expect(preview("{{ .input.body.agencia }}")).toMatchObject({ kind: "error" });
  });

  it("says there is no sample input yet, rather than 'não existe', when nothing was set or run", () => {
    const empty = evaluationData(undefined, undefined, []);
    expect(previewTemplate(parseTemplate("{{ .input.body.account }}"), empty)).toEqual({ kind: "no_sample_input" });
    expect(previewTemplate(parseTemplate("{{ .input.bodi.account }}"), empty)).toMatchObject({ kind: "unknown_path" });
    // A payload typed for the flow is sample data: a path it lacks is missing.
    expect(previewTemplate(parseTemplate("{{ .input.body.account }}"), evaluationData('{ "body": {} }', undefined, []))).toMatchObject({ kind: "error" });
  });
});

describe("maskSecrets", () => {
  it("tells tokens from ordinary values", () => {
    expect(looksLikeToken(JWT)).toBe(true);
    expect(looksLikeToken("AbCdEfGhIjKlMnOpQrStUvWxYz0123456789")).toBe(true);
    for (const text of ["Bearer", "https://api.btgpactual.com/accounts/1234567890abcdefABCDEF", "conta-123", "account_information"]) expect(looksLikeToken(text)).toBe(false);
  });

  it("masks values under credential keys whatever they look like", () => {
    expect(maskSecrets({ client_secret: "demo-secret", password: "x", name: "demo" })).toEqual({ client_secret: "•••••••••••", password: "•", name: "demo" });
  });
});

describe("evaluationData", () => {
  const run = (stepId: string, body: unknown): StepRun => ({
    stepId,
    connector: "btg-id",
    operation: "get-credentials",
    status: "succeeded",
    attempt: 1,
    startedAt: null,
    finishedAt: null,
    durationMs: null,
    input: null,
    output: { code: 200, headers: {}, body },
    error: null,
    http: null,
  });
  const execution = {
    input: { body: { from: "execution" }, headers: {}, query_params: {} },
    steps: [run("credentials", { token_type: "Bearer" }), run("later", {})],
  } as unknown as Execution;

  it("reads .input from the payload typed for the flow, else from the last execution", () => {
    expect(evaluationData('{ "body": { "from": "payload" } }', execution, []).input.body).toEqual({ from: "payload" });
    expect(evaluationData(undefined, execution, []).input.body).toEqual({ from: "execution" });
    expect(evaluationData("{ not json", execution, []).input.body).toEqual({ from: "execution" });
    expect(evaluationData(undefined, undefined, []).input).toEqual({ body: {}, headers: {}, query_params: {} });
  });

  it("takes .steps from the last execution, only for the steps that run before", () => {
    expect(Object.keys(evaluationData(undefined, execution, ["credentials"]).steps)).toEqual(["credentials"]);
  });
});
