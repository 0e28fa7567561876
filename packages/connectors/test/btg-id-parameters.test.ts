import { describe, expect, it } from "vitest";
import { getCredentialsParameters } from "../src/btg-id/parameters.js";
import { tokenRequestForm } from "../src/btg-id/get-credentials.js";

function issuesOf(input: unknown): { path: string; message: string }[] {
  const parsed = getCredentialsParameters.safeParse(input);
  expect(parsed.success).toBe(false);
  return parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

describe("get-credentials parameters (resolved values)", () => {
  it("fills the defaults: client_credentials, 30000 ms and token reuse on", () => {
    expect(getCredentialsParameters.parse({ authorizationDetails: [{ type: "account" }] })).toStrictEqual({
      grantType: "client_credentials",
      authorizationDetails: [{ type: "account" }],
      timeoutMs: 30000,
      reuseToken: true,
    });
    expect(getCredentialsParameters.parse({ authorizationDetails: [{ type: "account" }], reuseToken: "false" }).reuseToken).toBe(false);
    expect(getCredentialsParameters.safeParse({ authorizationDetails: [{ type: "account" }], reuseToken: "sim" }).success).toBe(false);
  });

  it("trims text, drops blank list items, treats blank fields and empty lists as not set", () => {
    const parsed = getCredentialsParameters.parse({
      grantType: "",
      authorizationDetails: [{ type: " account ", resource: "  ", locations: [" https://a ", "", "  "], privileges: [] }],
      scope: "",
      timeoutMs: "",
    });
    expect(parsed.grantType).toBe("client_credentials");
    expect(parsed.timeoutMs).toBe(30000);
    expect(parsed.scope).toBeUndefined();
    expect(parsed.authorizationDetails).toStrictEqual([{ type: "account", resource: undefined, locations: ["https://a"], privileges: undefined }]);
  });

  it("takes what a whole-field expression produced: a list, a single text, a number", () => {
    const parsed = getCredentialsParameters.parse({
      authorizationDetails: [{ type: "account", resource: 12345, locations: "https://api.btgpactual.com", privileges: ["read", "write"] }],
      timeoutMs: "15000",
    });
    expect(parsed.authorizationDetails[0]).toStrictEqual({
      type: "account",
      resource: "12345",
      locations: ["https://api.btgpactual.com"],
      privileges: ["read", "write"],
    });
    expect(parsed.timeoutMs).toBe(15000);
  });

  it("takes none (a Scope, or a consented connection, may be all it needs), at most 20", () => {
    expect(issuesOf({ authorizationDetails: [], grantType: 1 }).map((i) => i.path)).toEqual(["grantType"]);
    expect(getCredentialsParameters.parse({}).authorizationDetails).toEqual([]);
    const tooMany = Array.from({ length: 21 }, () => ({ type: "account" }));
    expect(issuesOf({ authorizationDetails: tooMany })[0]?.message).toBe(
      "Use no máximo 20 itens em Authorization Details; junte ou remova itens.",
    );
    expect(getCredentialsParameters.safeParse({ authorizationDetails: tooMany.slice(1) }).success).toBe(true);
  });

  it("requires the Type of every entry, pointing at the entry", () => {
    expect(issuesOf({ authorizationDetails: [{ type: "account" }, { type: "   ", resource: "x" }] })).toEqual([
      { path: "authorizationDetails.1.type", message: 'Informe o Type deste item de Authorization Details (ex.: "account").' },
    ]);
  });

  it("rejects a list field that an expression turned into something else", () => {
    expect(issuesOf({ authorizationDetails: [{ type: "account", privileges: { read: true } }] })).toEqual([
      {
        path: "authorizationDetails.0.privileges",
        message: "Privileges deve ser uma lista de textos; se usar uma expressão, ela deve produzir uma lista.",
      },
    ]);
    expect(issuesOf({ authorizationDetails: [{ type: "account", locations: ["ok", { url: "x" }] }] })).toEqual([
      {
        path: "authorizationDetails.0.locations.1",
        message: "Cada item de Locations deve ser um texto não vazio; confira o valor ou a expressão.",
      },
    ]);
  });

  it("rejects an unknown Grant Type", () => {
    expect(issuesOf({ grantType: "password", authorizationDetails: [{ type: "a" }] })).toEqual([
      { path: "grantType", message: "Escolha o Grant Type: client_credentials, authorization_code ou refresh_token." },
    ]);
  });

  it("authorization_code needs Código de autorização and Redirect URI", () => {
    expect(issuesOf({ grantType: "authorization_code", authorizationDetails: [{ type: "a" }] })).toEqual([
      { path: "code", message: "Informe o Código de autorização recebido no redirecionamento (Grant Type authorization_code)." },
      { path: "redirectUri", message: "Informe a Redirect URI usada para obter o código (Grant Type authorization_code)." },
    ]);
    expect(issuesOf({ grantType: "authorization_code", code: "c", redirectUri: "callback", authorizationDetails: [{ type: "a" }] })[0]?.message).toContain(
      "Informe a Redirect URI completa",
    );
    expect(
      getCredentialsParameters.safeParse({ grantType: "authorization_code", code: "c", redirectUri: "https://app/cb", authorizationDetails: [{ type: "a" }] })
        .success,
    ).toBe(true);
  });

  it("refresh_token needs the Refresh Token", () => {
    expect(issuesOf({ grantType: "refresh_token", authorizationDetails: [{ type: "a" }] })).toEqual([
      { path: "refreshToken", message: "Informe o Refresh Token recebido com o token anterior (Grant Type refresh_token)." },
    ]);
  });

  it.each([999, 120001, 1500.5, "abc"])("rejects Tempo limite %j", (timeoutMs) => {
    expect(issuesOf({ authorizationDetails: [{ type: "a" }], timeoutMs })).toEqual([
      { path: "timeoutMs", message: "Informe o Tempo limite (ms) como um número inteiro de milissegundos entre 1000 e 120000." },
    ]);
  });

  it.each([1000, 120000])("accepts Tempo limite %j", (timeoutMs) => {
    expect(getCredentialsParameters.parse({ authorizationDetails: [{ type: "a" }], timeoutMs }).timeoutMs).toBe(timeoutMs);
  });
});

describe("token request form", () => {
  const details = [{ type: "account", resource: undefined, locations: undefined, privileges: ["read"], actions: undefined, datatypes: undefined }];

  it("sends only what the chosen grant uses", () => {
    const hiddenValues = { code: "c", redirectUri: "https://app/cb", refreshToken: "r", scope: undefined, timeoutMs: 30000, authorizationDetails: details };
    expect(tokenRequestForm({ ...hiddenValues, grantType: "client_credentials" })).toStrictEqual({
      grant_type: "client_credentials",
      authorization_details: '[{"type":"account","privileges":["read"]}]',
    });
    expect(tokenRequestForm({ ...hiddenValues, grantType: "authorization_code" })).toStrictEqual({
      grant_type: "authorization_code",
      code: "c",
      redirect_uri: "https://app/cb",
      authorization_details: '[{"type":"account","privileges":["read"]}]',
    });
    expect(tokenRequestForm({ ...hiddenValues, grantType: "refresh_token", scope: "apps" })).toStrictEqual({
      grant_type: "refresh_token",
      refresh_token: "r",
      authorization_details: '[{"type":"account","privileges":["read"]}]',
      scope: "apps",
    });
  });
});
