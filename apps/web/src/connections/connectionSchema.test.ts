import { describe, expect, it } from "vitest";
import type { FieldMeta } from "@fluxo/contracts";
import { buildConnectionSchema, initialFormValues, toConnectionBody, type ConnectionFormValues } from "./connectionSchema.js";

const fields: FieldMeta[] = [
  { key: "clientId", label: "ID do Cliente", type: "text", required: true },
  { key: "clientSecret", label: "Chave Secreta do Cliente", type: "password", required: true, secret: true },
  { key: "environmentUrl", label: "URL do ambiente", type: "url", required: true },
  { key: "timeout", label: "Timeout", type: "number", required: false },
  { key: "mode", label: "Modo", type: "select", required: false, options: [{ value: "a", label: "A" }, { value: "b", label: "B" }] },
  { key: "extra", label: "Só no modo B", type: "text", required: true, visibleWhen: { field: "mode", equals: ["b"] } },
];

const messages = { required: "obrigatório", url: "url inválida", number: "não é número", maxLength: (max: number) => `máx ${max}` };

function issues(form: ConnectionFormValues, secretsSet?: Record<string, boolean>) {
  const schema = buildConnectionSchema(fields, secretsSet ? { kind: "edit", secretsSet } : { kind: "create" }, messages);
  const result = schema.safeParse(form);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

const valid: ConnectionFormValues = {
  name: "BTG sandbox",
  description: "",
  values: { clientId: "abc", clientSecret: "s3cr3t", environmentUrl: "https://id.sandbox.btgpactual.com", timeout: "", mode: "a", extra: "" },
};

describe("buildConnectionSchema", () => {
  it("accepts a complete form", () => {
    expect(issues(valid)).toEqual({});
  });

  it("requires Nome and every required connector field, by path", () => {
    expect(issues({ name: "  ", description: "", values: { clientId: "", clientSecret: "", environmentUrl: "" } })).toEqual({
      name: "obrigatório",
      "values.clientId": "obrigatório",
      "values.clientSecret": "obrigatório",
      "values.environmentUrl": "obrigatório",
    });
  });

  it("checks URLs and numbers by field type", () => {
    expect(issues({ ...valid, values: { ...valid.values, environmentUrl: "id.btgpactual.com", timeout: "dez" } })).toEqual({
      "values.environmentUrl": "url inválida",
      "values.timeout": "não é número",
    });
    expect(issues({ ...valid, values: { ...valid.values, environmentUrl: "ftp://id.btgpactual.com" } })).toEqual({
      "values.environmentUrl": "url inválida",
    });
  });

  it("lets a stored secret stay blank on edit, but not a secret that was never set", () => {
    const blankSecret = { ...valid, values: { ...valid.values, clientSecret: "" } };
    expect(issues(blankSecret, { clientSecret: true })).toEqual({});
    expect(issues(blankSecret, { clientSecret: false })).toEqual({ "values.clientSecret": "obrigatório" });
  });

  it("validates a conditional field only while it is visible", () => {
    expect(issues(valid)).toEqual({});
    expect(issues({ ...valid, values: { ...valid.values, mode: "b" } })).toEqual({ "values.extra": "obrigatório" });
  });

  it("limits the name's length", () => {
    expect(issues({ ...valid, name: "x".repeat(121) })).toEqual({ name: "máx 120" });
  });
});

describe("initialFormValues", () => {
  it("starts from the stored values and never from a secret", () => {
    const form = initialFormValues(fields, {
      name: "Prod",
      description: "d",
      values: { clientId: "abc", environmentUrl: "https://id.btgpactual.com", clientSecret: "leaked?" },
    });
    expect(form.values.clientId).toBe("abc");
    expect(form.values.clientSecret).toBe("");
    expect(form.name).toBe("Prod");
  });

  it("uses field defaults for a new connection", () => {
    const form = initialFormValues([{ key: "mode", label: "Modo", type: "select", required: false, default: "b" }]);
    expect(form.values.mode).toBe("b");
  });

  it("gives a required field a connection saved before it existed its default (Autenticação of an older BTG-ID connection)", () => {
    const authentication: FieldMeta = { key: "authentication", label: "Autenticação", type: "select", required: true, default: "client_credentials", options: [] };
    const optional: FieldMeta = { key: "mode", label: "Modo", type: "select", required: false, default: "b" };
    const form = initialFormValues([authentication, optional], { name: "Antiga", description: "", values: {} });
    expect(form.values).toEqual({ authentication: "client_credentials", mode: "" });
  });
});

describe("toConnectionBody", () => {
  it("leaves out blank secrets (so the server keeps them), blank optionals and hidden fields", () => {
    const body = toConnectionBody("btg-id", fields, {
      name: " Prod ",
      description: "",
      values: { clientId: " abc ", clientSecret: "", environmentUrl: "https://id.btgpactual.com", timeout: "30", mode: "a", extra: "ignored" },
    });
    expect(body).toEqual({
      connector: "btg-id",
      name: "Prod",
      description: "",
      values: { clientId: "abc", environmentUrl: "https://id.btgpactual.com", timeout: 30, mode: "a" },
    });
  });
});
