import { describe, expect, it } from "vitest";
import { authenticatedByConsent, type FieldMeta } from "../src/index.js";

const authentication = (values: string[]): Pick<FieldMeta, "key" | "options"> => ({ key: "authentication", options: values.map((value) => ({ value, label: value })) });

describe("authenticatedByConsent (the web form's and the server's one rule)", () => {
  it("is true when the connector's Autenticação offers Authorization Code and the connection chose it, whatever the connector", () => {
    expect(authenticatedByConsent([authentication(["client_credentials", "authorization_code"])], { authentication: "authorization_code" })).toBe(true);
  });

  it("is false for another choice, a connector without the option, or one without an Autenticação field", () => {
    expect(authenticatedByConsent([authentication(["client_credentials", "authorization_code"])], { authentication: "client_credentials" })).toBe(false);
    expect(authenticatedByConsent([authentication(["client_credentials"])], { authentication: "authorization_code" })).toBe(false);
    expect(authenticatedByConsent([{ key: "baseUrl" }], { authentication: "authorization_code" })).toBe(false);
    expect(authenticatedByConsent([authentication(["authorization_code"])], {})).toBe(false);
  });
});
