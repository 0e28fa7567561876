import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox } from "../src/index.js";
import type { Sandbox } from "../src/index.js";
import { ACCOUNTS_SCOPE, BALANCE_PATH, SCOPE, callApi, connect, getToken } from "./helpers.js";

describe("strict grants (BTG_SANDBOX_STRICT_GRANTS=true): banking APIs need the account holder's consent", () => {
  let strict: Sandbox;
  beforeAll(async () => {
    strict = await startSandbox({ strictGrants: true });
  });
  afterAll(() => strict.close());

  it.each([
    ["balance", "GET", BALANCE_PATH],
    ["statements", "GET", "/12345678/banking/accounts/001/statements?startDate=2025-01-14&endDate=2025-01-15"],
    ["payments", "GET", "/12345678/banking/payments"],
    ["a payment", "POST", "/12345678/banking/payments"],
  ])("answers 403 access_denied to a client_credentials token on %s, even with the right scope", async (_name, method, path) => {
    const token = await getToken(strict, { scope: `${SCOPE.accounts} ${SCOPE.payments}` });
    const answer = await callApi(strict, path, { method, token, ...(method === "POST" ? { body: { amount: 1, pixKey: "a@b.com" } } : {}) });
    expect(answer.status).toBe(403);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(answer.json).toEqual({
      error: "access_denied",
      error_description:
        "the banking APIs (balance, statements, payments) need an access token from the Authorization Code grant, with the account holder's login and consent at /oauth2/authorize; this token came from client_credentials (this sandbox runs with BTG_SANDBOX_STRICT_GRANTS=true, as BTG does)",
    });
    expect(strict.stats().errors.access_denied).toBeGreaterThan(0);
  });

  it("answers the account holder's tokens, from the code and from a refresh, within their scope", async () => {
    const { accessToken } = await connect(strict);
    expect((await callApi(strict, BALANCE_PATH, { token: accessToken })).status).toBe(200);
    // Strict mode adds a requirement; the scope still counts.
    expect((await callApi(strict, "/12345678/banking/payments", { token: accessToken })).json?.error).toBe("insufficient_scope");
  });

  it("still checks the token first: no token is 401, not 403", async () => {
    expect((await callApi(strict, BALANCE_PATH)).status).toBe(401);
  });
});

describe("lenient grants (the default)", () => {
  let lenient: Sandbox;
  beforeAll(async () => {
    lenient = await startSandbox();
  });
  afterAll(() => lenient.close());

  it("answers client_credentials tokens and account holders' tokens alike", async () => {
    const clientToken = await getToken(lenient, { scope: ACCOUNTS_SCOPE });
    expect((await callApi(lenient, BALANCE_PATH, { token: clientToken })).status).toBe(200);
    const { accessToken } = await connect(lenient);
    expect((await callApi(lenient, BALANCE_PATH, { token: accessToken })).status).toBe(200);
  });
});
