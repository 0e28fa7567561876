import { describe, expect, it } from "vitest";
import { btgId } from "../src/index.js";
import { parseConnection, tokenEndpoint } from "../src/btg-id/connection.js";
import { StepError } from "../src/sdk/errors.js";

const valid = { clientId: "demo-client", clientSecret: "demo-secret", environmentUrl: "https://id.sandbox.btgpactual.com" };

function messagesFor(values: Record<string, unknown>): Record<string, string> {
  const parsed = btgId.connection.safeParse(values);
  expect(parsed.success).toBe(false);
  if (parsed.success) return {};
  return Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join("."), issue.message]));
}

describe("BTG-ID connection schema", () => {
  it.each([
    "https://id.sandbox.btgpactual.com",
    "https://id.btgpactual.com/",
    "https://id.btgpactual.com/oauth2/token",
    "https://id.btgpactual.com/oauth2/token/",
    "http://127.0.0.1:3100",
    "  http://localhost:3100/prefix  ",
  ])("accepts %j", (environmentUrl) => {
    expect(btgId.connection.safeParse({ ...valid, environmentUrl }).success).toBe(true);
  });

  it.each([
    ["id.btgpactual.com", "Informe a URL do ambiente completa, começando com https:// (ex.: https://id.sandbox.btgpactual.com)."],
    ["not a url", "Informe a URL do ambiente completa, começando com https:// (ex.: https://id.sandbox.btgpactual.com)."],
    ["ftp://id.btgpactual.com", "Informe a URL do ambiente completa, começando com https:// (ex.: https://id.sandbox.btgpactual.com)."],
    ["", "Informe a URL do ambiente completa, começando com https:// (ex.: https://id.sandbox.btgpactual.com)."],
    ["https://user:pass@id.btgpactual.com", "Tire o usuário e a senha da URL do ambiente: as credenciais vão em ID do Cliente e Chave Secreta do Cliente."],
    ["https://id.btgpactual.com/oauth2/token?x=1", 'Tire da URL do ambiente o que vem depois de "?" ou "#": informe só o endereço (ex.: https://id.sandbox.btgpactual.com).'],
    ["https://id.btgpactual.com?", 'Tire da URL do ambiente o que vem depois de "?" ou "#": informe só o endereço (ex.: https://id.sandbox.btgpactual.com).'],
    ["https://id.btgpactual.com/#top", 'Tire da URL do ambiente o que vem depois de "?" ou "#": informe só o endereço (ex.: https://id.sandbox.btgpactual.com).'],
    // A path is no prefix on BTG's own hosts, and a mistyped token path is none anywhere: never called as <path>/oauth2/token.
    ["https://id.btgpactual.com/v1", 'A URL do ambiente é só o endereço do BTG-ID, sem caminho (ex.: https://id.sandbox.btgpactual.com): o Fluxo chama <URL do ambiente>/oauth2/token. Tire "/v1" do fim.'],
    ["http://127.0.0.1:3100/oauth2/tokn", 'A URL do ambiente é só o endereço do BTG-ID, sem caminho (ex.: https://id.sandbox.btgpactual.com): o Fluxo chama <URL do ambiente>/oauth2/token. Tire "/oauth2/tokn" do fim.'],
    ["http://gateway.local/btg-id/oauth2", 'A URL do ambiente é só o endereço do BTG-ID, sem caminho (ex.: https://id.sandbox.btgpactual.com): o Fluxo chama <URL do ambiente>/oauth2/token. Tire "/btg-id/oauth2" do fim.'],
  ])("rejects %j with a message saying what to do", (environmentUrl, message) => {
    expect(messagesFor({ ...valid, environmentUrl })).toEqual({ environmentUrl: message });
  });

  it("requires ID do Cliente and Chave Secreta do Cliente", () => {
    expect(messagesFor({ environmentUrl: valid.environmentUrl, clientId: "  " })).toEqual({
      clientId: "Informe o ID do Cliente fornecido pelo BTG.",
      clientSecret: "Informe a Chave Secreta do Cliente fornecida pelo BTG.",
    });
  });

  it("keeps the secret as typed and points out stray whitespace instead of trimming it", () => {
    expect(messagesFor({ ...valid, clientSecret: "demo-secret\n" })).toEqual({
      clientSecret: "Tire os espaços do início ou do fim da Chave Secreta do Cliente.",
    });
  });
});

describe("tokenEndpoint", () => {
  it.each([
    ["https://id.btgpactual.com", "https://id.btgpactual.com/oauth2/token"],
    ["https://id.btgpactual.com/", "https://id.btgpactual.com/oauth2/token"],
    ["https://id.btgpactual.com/oauth2/token", "https://id.btgpactual.com/oauth2/token"],
    ["https://id.btgpactual.com/oauth2/token/", "https://id.btgpactual.com/oauth2/token"],
    ["http://127.0.0.1:3100//", "http://127.0.0.1:3100/oauth2/token"],
    ["http://gateway.local/btg-id/", "http://gateway.local/btg-id/oauth2/token"],
  ])("%s → %s", (environmentUrl, expected) => {
    expect(tokenEndpoint(environmentUrl)).toBe(expected);
  });
});

describe("parseConnection", () => {
  const loaded = (clientSecret: string) => ({ id: "c1", name: "BTG", values: { environmentUrl: valid.environmentUrl }, secrets: { clientId: valid.clientId, clientSecret } });

  it("validates a loaded connection once: its runs share the result, frozen; an edit (new values) is validated anew", () => {
    const first = loaded("secret-1");
    const parsed = parseConnection(first);
    expect(parseConnection(first)).toBe(parsed);
    expect(Object.isFrozen(parsed)).toBe(true);
    expect(parsed).toMatchObject({ id: "c1", clientSecret: "secret-1" });
    expect(parseConnection(loaded("secret-2")).clientSecret).toBe("secret-2");
    const broken = loaded("");
    expect(() => parseConnection(broken)).toThrow(StepError);
    // A failure isn't remembered as a success, nor a success as a failure.
    expect(() => parseConnection(broken)).toThrow(StepError);
  });
});
