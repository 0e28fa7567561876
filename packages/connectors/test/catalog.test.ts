import { templateFormatOf, type FieldMeta } from "@fluxo/contracts";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { btgId, connectorCatalog, connectors, getConnector, getOperation, toConnectorMeta } from "../src/index.js";

function labels(fields: FieldMeta[]): Record<string, string> {
  return Object.fromEntries(fields.map((field) => [field.key, field.label]));
}

/** Every object reachable from `value`, for looking for things that must not be there. */
function* objectsIn(value: unknown): Generator<object> {
  if (typeof value !== "object" || value === null) return;
  yield value;
  for (const inner of Object.values(value)) yield* objectsIn(inner);
}

describe("connector catalog", () => {
  it("lists BTG-ID and finds it and its operation by key", () => {
    expect(connectors.map((c) => c.key)).toEqual(["btg-id", "http", "condition", "loop", "transform", "wait"]);
    expect(getConnector("btg-id")).toBe(btgId);
    expect(getConnector("nope")).toBeUndefined();
    expect(getOperation("btg-id", "get-credentials")?.name).toBe("Obter Credenciais");
    expect(getOperation("btg-id", "nope")).toBeUndefined();
    expect(getOperation("nope", "get-credentials")).toBeUndefined();
  });

  it("serves plain JSON: no zod schemas, no functions (JSON round-trip is identical)", () => {
    const catalog = connectorCatalog();
    expect(JSON.parse(JSON.stringify(catalog))).toStrictEqual(catalog);
    for (const object of objectsIn(catalog)) {
      expect(object).not.toBeInstanceOf(z.ZodType);
      expect(Object.keys(object)).not.toContain("schema");
    }
  });

  it("carries the exact pt-BR labels and the field metadata the forms need", () => {
    const meta = toConnectorMeta(btgId);
    expect(meta).toMatchObject({ key: "btg-id", name: "BTG-ID" });
    expect(meta.description.length).toBeGreaterThan(10);
    expect(meta.icon).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"[\s\S]*<\/svg>$/);
    expect(meta.icon).not.toMatch(/<script|href=|url\(/i);

    expect(labels(meta.connectionFields)).toStrictEqual({
      authentication: "Autenticação",
      clientId: "ID do Cliente",
      clientSecret: "Chave Secreta do Cliente",
      environmentUrl: "URL do ambiente",
      apiUrl: "URL da API",
      scopes: "Escopos",
      keepConnected: "Manter conectado",
    });
    const [authentication, clientId, clientSecret, environmentUrl] = meta.connectionFields;
    expect(authentication).toMatchObject({ type: "select", default: "client_credentials", options: [{ value: "client_credentials" }, { value: "authorization_code", label: "Authorization Code (conta do cliente)" }] });
    expect(clientId).toMatchObject({ type: "text", required: true });
    expect(clientSecret).toMatchObject({ type: "password", required: true, secret: true });
    expect(environmentUrl).toMatchObject({
      type: "url",
      required: true,
      suggestions: [
        { value: "https://id.sandbox.btgpactual.com", label: "BTG sandbox" },
        { value: "https://id.btgpactual.com", label: "BTG produção" },
        { value: "http://127.0.0.1:3100", label: "Sandbox local" },
      ],
    });
    for (const field of meta.connectionFields) expect(field.help).toBeTruthy();

    expect(meta.operations.map((op) => [op.key, op.name])).toEqual([["get-credentials", "Obter Credenciais"], ["call-api", "Chamar API"]]);
    const fields = meta.operations[0]!.fields;
    expect(labels(fields)).toStrictEqual({
      grantType: "Grant Type",
      code: "Código de autorização",
      redirectUri: "Redirect URI",
      refreshToken: "Refresh Token",
      authorizationDetails: "Authorization Details",
      reuseToken: "Reutilizar token válido",
      scope: "Scope",
      timeoutMs: "Tempo limite (ms)",
    });
    const byKey = Object.fromEntries(fields.map((field) => [field.key, field]));
    expect(byKey["reuseToken"]).toMatchObject({ type: "boolean", required: false, default: true });
    expect(byKey["grantType"]).toMatchObject({
      type: "select",
      default: "client_credentials",
      options: [
        { value: "client_credentials", label: "client_credentials" },
        { value: "authorization_code", label: "authorization_code" },
        { value: "refresh_token", label: "refresh_token" },
      ],
    });
    expect(byKey["code"]?.visibleWhen).toStrictEqual({ field: "grantType", equals: ["authorization_code"] });
    expect(byKey["redirectUri"]?.visibleWhen).toStrictEqual({ field: "grantType", equals: ["authorization_code"] });
    expect(byKey["refreshToken"]).toMatchObject({ secret: true, visibleWhen: { field: "grantType", equals: ["refresh_token"] } });
    expect(byKey["scope"]).toMatchObject({ required: false, advanced: true });
    expect(byKey["timeoutMs"]).toMatchObject({ type: "number", advanced: true, default: 30000 });

    const details = byKey["authorizationDetails"]!;
    expect(details).toMatchObject({ type: "object-list", required: false, minItems: 0, maxItems: 20 });
    expect(details.itemFields?.map((f) => [f.key, f.label, f.type, f.required, f.expression])).toStrictEqual([
      ["type", "Type", "text", true, true],
      ["resource", "Resource", "text", false, true],
      ["locations", "Locations", "string-list", false, true],
      ["privileges", "Privileges", "string-list", false, true],
      ["actions", "Actions", "string-list", false, true],
      ["datatypes", "Datatypes", "string-list", false, true],
      ["identifier", "Identifier", "text", false, true],
    ]);
    expect(details.itemFields?.filter((f) => f.advanced).map((f) => f.key)).toEqual(["actions", "datatypes", "identifier"]);
  });

  it("serves each field's template format, so the editor previews values encoded as the step sends them", () => {
    const fields = (connector: string, operation: string) => Object.fromEntries(connectorCatalog().find((c) => c.key === connector)!.operations.find((o) => o.key === operation)!.fields.map((f) => [f.key, f]));
    expect(fields("http", "request")["url"]!.templateFormat).toBe("url");
    expect(fields("http", "request")["body"]!.templateFormat).toStrictEqual({ format: "json", when: { field: "bodyType", equals: ["json"] } });
    expect(fields("btg-id", "call-api")["path"]!.templateFormat).toBe("url-path");
    expect(fields("btg-id", "get-credentials")["authorizationDetails"]!.templateFormat).toBeUndefined();
    expect(templateFormatOf({ templateFormat: { format: "json", when: { field: "bodyType", equals: ["json"] } } }, { bodyType: "text" })).toBeUndefined();
    expect(templateFormatOf({ templateFormat: { format: "json", when: { field: "bodyType", equals: ["json"] } } }, { bodyType: "json" })).toBe("json");
  });

  it("keeps the catalog independent of later changes to the served copy", () => {
    const served = connectorCatalog();
    served[0]!.operations[0]!.fields[0]!.options!.push({ value: "password", label: "password" });
    expect(connectorCatalog()[0]!.operations[0]!.fields[0]!.options).toHaveLength(3);
  });
});
