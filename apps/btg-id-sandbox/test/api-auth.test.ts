import { SignJWT, decodeJwt, generateKeyPair } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { verifyBearer } from "../src/api/bearer-auth.js";
import { startSandbox } from "../src/index.js";
import type { Sandbox } from "../src/index.js";
import { SCOPE, callApi, demoBasic, getToken, postToken } from "./helpers.js";
import type { Answer } from "./helpers.js";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const BALANCE_001 = "/12345678/banking/accounts/001/balance";
const BALANCE_002 = "/12345678/banking/accounts/002/balance";
const STATEMENTS_001 = "/12345678/banking/accounts/001/statements?startDate=2025-01-01&endDate=2025-01-01";
const PAYMENTS = "/12345678/banking/payments";
const PAYMENT = { amount: 10.5, pixKey: "fornecedor@example.com.br" };

/** The description of a Bearer challenge, and checks that it matches the JSON body. */
function expectChallenge(answer: Answer, status: number, error: string): string {
  expect(answer.status).toBe(status);
  expect(answer.headers.get("content-type")).toBe("application/json");
  expect(answer.headers.get("cache-control")).toBe("no-store");
  const challenge = answer.headers.get("www-authenticate") ?? "";
  const match = /^Bearer error="([^"]*)", error_description="([^"]*)"/.exec(challenge);
  expect(match, challenge).not.toBeNull();
  expect(match?.[1]).toBe(error);
  expect(answer.json).toEqual({ error, error_description: match?.[2] });
  return match?.[2] ?? "";
}

function tamper(token: string): string {
  const [header, payload, signature] = token.split(".");
  const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString()) as Record<string, unknown>;
  claims.scope = `${String(claims.scope)} ${SCOPE.payments}`;
  return [header, Buffer.from(JSON.stringify(claims)).toString("base64url"), signature].join(".");
}

describe("the bearer token (401 invalid_token)", () => {
  it("is required", async () => {
    const description = expectChallenge(await callApi(sandbox, BALANCE_001), 401, "invalid_token");
    expect(description).toBe(
      `this API needs an access token: send Authorization: Bearer <token>, with a token from ${sandbox.tokenUrl}`,
    );
  });

  it("must come in the Bearer scheme", async () => {
    const answer = await callApi(sandbox, BALANCE_001, { headers: demoBasic });
    expect(expectChallenge(answer, 401, "invalid_token")).toBe("the Authorization header must be Bearer followed by the access token");
  });

  it("must be a JWT", async () => {
    const answer = await callApi(sandbox, BALANCE_001, { token: "not-a-jwt" });
    expect(expectChallenge(answer, 401, "invalid_token")).toBe("the access token is not a well-formed signed JWT");
  });

  it("must keep its signature (a tampered token is refused)", async () => {
    const token = await getToken(sandbox, { scope: SCOPE.accountsReadonly });
    expect((await callApi(sandbox, BALANCE_001, { token })).status).toBe(200);
    const answer = await callApi(sandbox, PAYMENTS, { token: tamper(token), body: PAYMENT });
    expect(expectChallenge(answer, 401, "invalid_token")).toContain("signature does not verify with this sandbox's signing key");
  });

  it("must be signed by this sandbox's key (not another sandbox's, not another key with the right issuer)", async () => {
    const other = await startSandbox();
    try {
      const foreign = await getToken(other, { scope: SCOPE.accountsReadonly });
      const answer = await callApi(sandbox, BALANCE_001, { token: foreign });
      expect(expectChallenge(answer, 401, "invalid_token")).toContain(`signature does not verify with this sandbox's signing key (${sandbox.jwksUrl})`);
    } finally {
      await other.close();
    }

    const { privateKey } = await generateKeyPair("RS256");
    const forged = await new SignJWT({ client_id: "demo-client", scope: SCOPE.accountsReadonly })
      .setProtectedHeader({ alg: "RS256", typ: "at+jwt", kid: "forged" })
      .setIssuer(sandbox.url)
      .setAudience(sandbox.url)
      .setSubject("demo-client")
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(privateKey);
    const answer = await callApi(sandbox, BALANCE_001, { token: forged });
    expect(expectChallenge(answer, 401, "invalid_token")).toContain("signature does not verify");
  });

  it("must not be expired", async () => {
    const shortLived = await startSandbox({ tokenTtlSeconds: 1 });
    try {
      const token = await getToken(shortLived, { scope: SCOPE.accountsReadonly });
      const exp = decodeJwt(token).exp ?? 0;
      expect((await callApi(shortLived, BALANCE_001, { token })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, exp * 1000 - Date.now()) + 20));
      const answer = await callApi(shortLived, BALANCE_001, { token });
      expect(expectChallenge(answer, 401, "invalid_token")).toBe(
        `the access token expired at ${new Date(exp * 1000).toISOString()}; get a new one at ${shortLived.tokenUrl}`,
      );
      expect(shortLived.stats()).toMatchObject({ apiRequests: 2, errors: { invalid_token: 1 } });
    } finally {
      await shortLived.close();
    }
  });

  describe("claims checked by verifyBearer (tokens the sandbox would never sign)", () => {
    const settings = {
      issuer: "http://sandbox.test",
      jwksUrl: "http://sandbox.test/jwks",
      tokenUrl: "http://sandbox.test/token",
      isRevoked: (jti: string) => jti === "revoked-jti",
    };
    let keys: Awaited<ReturnType<typeof generateKeyPair>>;
    beforeAll(async () => {
      keys = await generateKeyPair("RS256");
    });
    type Edit = (jwt: SignJWT) => SignJWT;
    const good: Edit = (jwt) => jwt.setIssuer(settings.issuer).setAudience(settings.issuer);
    async function check(claims: Record<string, unknown>, edit: Edit, typ = "at+jwt") {
      const token = await edit(new SignJWT(claims).setProtectedHeader({ alg: "RS256", typ }).setIssuedAt().setExpirationTime("1h")).sign(
        keys.privateKey,
      );
      return verifyBearer(`Bearer ${token}`, { ...settings, publicKey: keys.publicKey });
    }

    it("accepts a good token and reads client_id, scope and authorization_details", async () => {
      const details = [{ type: "account", resource: "x", privileges: ["read"] }, 5];
      expect(await check({ client_id: "c", scope: "a b", authorization_details: details }, good)).toEqual({
        clientId: "c",
        jti: undefined,
        fromAccountHolder: false,
        scopes: new Set(["a", "b"]),
        authorizationDetails: [details[0]],
      });
    });

    it("reads jti and whether an account holder consented (gty authorization_code)", async () => {
      expect(await check({ client_id: "c", gty: "authorization_code", jti: "j-1" }, good)).toMatchObject({ jti: "j-1", fromAccountHolder: true });
      expect(await check({ client_id: "c", gty: "client_credentials" }, good)).toMatchObject({ fromAccountHolder: false });
    });

    const cases: Array<[string, Record<string, unknown>, Edit, string, string]> = [
      ["another issuer", { client_id: "c" }, (jwt) => jwt.setIssuer("https://id.btgpactual.com").setAudience(settings.issuer), "at+jwt",
        `the access token's issuer (iss) is https://id.btgpactual.com; this sandbox accepts only its own, ${settings.issuer}`],
      ["no issuer", { client_id: "c" }, (jwt) => jwt.setAudience(settings.issuer), "at+jwt", "the access token's issuer (iss) is missing"],
      ["another audience", { client_id: "c" }, (jwt) => jwt.setIssuer(settings.issuer).setAudience("x"), "at+jwt",
        "the access token's audience (aud) must be http://sandbox.test"],
      ["another typ", { client_id: "c" }, good, "JWT", "the access token's header typ must be at+jwt"],
      ["no client_id", { scope: "a" }, good, "at+jwt", "the access token has no client_id claim"],
      ["a revoked token", { client_id: "c", jti: "revoked-jti" }, good, "at+jwt", "the access token was revoked; get a new one at http://sandbox.test/token"],
    ];
    it.each(cases)("refuses %s", async (_name, claims, edit, typ, description) => {
      await expect(check(claims, edit, typ)).rejects.toMatchObject({
        status: 401,
        error: "invalid_token",
        description: expect.stringContaining(description),
      });
    });
  });
});

describe("scopes", () => {
  it("the token endpoint accepts BTG's scope names (with / and .) and echoes them", async () => {
    const scope = `${SCOPE.accountsReadonly} ${SCOPE.payments} brn:btg:empresas:banking:payments`;
    const answer = await postToken(sandbox, { headers: demoBasic, form: { grant_type: "client_credentials", scope } });
    expect(answer.status).toBe(200);
    expect(answer.json?.scope).toBe(scope);
    expect(decodeJwt(String(answer.json?.access_token)).scope).toBe(scope);
  });

  it("answers 403 insufficient_scope naming the scope and the authorization_details entry that would do", async () => {
    const token = await getToken(sandbox); // scope "apps"
    const answer = await callApi(sandbox, BALANCE_002, { token });
    const description = expectChallenge(answer, 403, "insufficient_scope");
    expect(description).toBe(
      "this request needs scope empresas.btgpactual.com/accounts.readonly or an authorization_details entry with resource " +
        "covering 12345678/banking/accounts/002 and privilege read",
    );
    expect(answer.headers.get("www-authenticate")).toMatch(/, scope="empresas\.btgpactual\.com\/accounts\.readonly"$/);
    expect(sandbox.stats().errors).toEqual({ insufficient_scope: 1 });
  });

  it("accounts.readonly and accounts read balances and statements, not payments", async () => {
    for (const scope of [SCOPE.accountsReadonly, SCOPE.accounts]) {
      const token = await getToken(sandbox, { scope });
      expect((await callApi(sandbox, BALANCE_001, { token })).status).toBe(200);
      expect((await callApi(sandbox, "/87654321/banking/accounts/001/balance", { token })).status).toBe(200);
      expect((await callApi(sandbox, STATEMENTS_001, { token })).status).toBe(200);
      expect((await callApi(sandbox, PAYMENTS, { token })).status).toBe(403);
      expect((await callApi(sandbox, PAYMENTS, { token, body: PAYMENT })).status).toBe(403);
    }
  });

  it("payments.readonly lists payments but cannot pay; payments (or its brn: name) does both", async () => {
    const reader = await getToken(sandbox, { scope: SCOPE.paymentsReadonly });
    expect((await callApi(sandbox, PAYMENTS, { token: reader })).status).toBe(200);
    const refused = await callApi(sandbox, PAYMENTS, { token: reader, body: PAYMENT });
    expect(expectChallenge(refused, 403, "insufficient_scope")).toBe(
      "this request needs scope empresas.btgpactual.com/payments or an authorization_details entry with resource " +
        "covering 12345678/banking/payments and privilege write",
    );
    expect((await callApi(sandbox, BALANCE_001, { token: reader })).status).toBe(403);

    for (const scope of [SCOPE.payments, "brn:btg:empresas:banking:payments"]) {
      const payer = await getToken(sandbox, { scope });
      expect((await callApi(sandbox, PAYMENTS, { token: payer, body: PAYMENT })).status).toBe(201);
      expect((await callApi(sandbox, PAYMENTS, { token: payer })).status).toBe(200);
    }
  });
});

describe("authorization_details", () => {
  const detail = (fields: Record<string, unknown>) => ({ type: "account", privileges: ["read"], ...fields });
  const tokenFor = (...entries: unknown[]) => getToken(sandbox, { authorizationDetails: entries });

  it("an entry covers the paths below its resource, with or without slashes around it", async () => {
    for (const resource of ["12345678/banking/accounts/001", "/12345678/banking/accounts/001", "12345678/banking/accounts/001/"]) {
      const token = await tokenFor(detail({ resource }));
      expect((await callApi(sandbox, BALANCE_001, { token })).status).toBe(200);
      expect((await callApi(sandbox, STATEMENTS_001, { token })).status).toBe(200);
      expect((await callApi(sandbox, BALANCE_002, { token })).status).toBe(403);
      expect((await callApi(sandbox, PAYMENTS, { token })).status).toBe(403);
    }
  });

  it("compares whole path segments: 12345678/banking/accounts/00 does not cover account 001", async () => {
    const token = await tokenFor(detail({ resource: "12345678/banking/accounts/00" }), detail({ resource: "1234" }));
    const answer = await callApi(sandbox, BALANCE_001, { token });
    expect(expectChallenge(answer, 403, "insufficient_scope")).toContain("resource covering 12345678/banking/accounts/001 and privilege read");
  });

  it("a company-wide resource covers every account and the payments of that company only", async () => {
    const token = await tokenFor(detail({ resource: "12345678" }));
    expect((await callApi(sandbox, BALANCE_001, { token })).status).toBe(200);
    expect((await callApi(sandbox, BALANCE_002, { token })).status).toBe(200);
    expect((await callApi(sandbox, PAYMENTS, { token })).status).toBe(200);
    expect((await callApi(sandbox, "/87654321/banking/accounts/001/balance", { token })).status).toBe(403);
  });

  it("grants nothing with an empty resource or no resource", async () => {
    const token = await tokenFor(detail({ resource: "" }), detail({ resource: "/" }), detail({}));
    expect((await callApi(sandbox, BALANCE_001, { token })).status).toBe(403);
  });

  it("needs the API URL among its locations, when it has any (trailing slash ignored)", async () => {
    const resource = "12345678/banking/accounts/001";
    for (const locations of [[sandbox.apiUrl], [`${sandbox.apiUrl}/`], ["https://api.empresas.btgpactual.com", sandbox.apiUrl], []]) {
      const token = await tokenFor(detail({ resource, locations }));
      expect((await callApi(sandbox, BALANCE_001, { token })).status, JSON.stringify(locations)).toBe(200);
    }
    for (const locations of [["https://api.empresas.btgpactual.com"], [sandbox.url], [`${sandbox.apiUrl}/12345678`]]) {
      const token = await tokenFor(detail({ resource, locations }));
      const answer = await callApi(sandbox, BALANCE_001, { token });
      expect(expectChallenge(answer, 403, "insufficient_scope")).toBe(
        "this request needs scope empresas.btgpactual.com/accounts.readonly or an authorization_details entry with resource " +
          `covering 12345678/banking/accounts/001 and privilege read; authorization_details[0] has that resource and privilege but its locations do not include ${sandbox.apiUrl}`,
      );
    }
  });

  it("needs privilege read for GET and HEAD and write for POST (privileges or actions; write does not imply read)", async () => {
    const resource = "12345678/banking/payments";
    const reader = await tokenFor(detail({ resource, privileges: ["read"] }));
    expect((await callApi(sandbox, PAYMENTS, { token: reader })).status).toBe(200);
    expect((await callApi(sandbox, PAYMENTS, { token: reader, method: "HEAD" })).status).toBe(200);
    const refused = await callApi(sandbox, PAYMENTS, { token: reader, body: PAYMENT });
    expect(expectChallenge(refused, 403, "insufficient_scope")).toContain("resource covering 12345678/banking/payments and privilege write");

    const writer = await tokenFor(detail({ resource, privileges: ["write"] }));
    expect((await callApi(sandbox, PAYMENTS, { token: writer, body: PAYMENT })).status).toBe(201);
    expect((await callApi(sandbox, PAYMENTS, { token: writer })).status).toBe(403);

    const byActions = await tokenFor({ type: "payment", resource, actions: ["read", "write"] });
    expect((await callApi(sandbox, PAYMENTS, { token: byActions, body: PAYMENT })).status).toBe(201);
    expect((await callApi(sandbox, PAYMENTS, { token: byActions })).status).toBe(200);

    const none = await tokenFor({ type: "payment", resource });
    expect((await callApi(sandbox, PAYMENTS, { token: none })).status).toBe(403);
  });

  it("either form suffices: a scope for one API and an entry for another in the same token", async () => {
    const token = await getToken(sandbox, {
      scope: SCOPE.accountsReadonly,
      authorizationDetails: [{ type: "payment", resource: "12345678/banking/payments", privileges: ["write"] }],
    });
    expect((await callApi(sandbox, BALANCE_002, { token })).status).toBe(200);
    expect((await callApi(sandbox, PAYMENTS, { token, body: PAYMENT })).status).toBe(201);
    expect((await callApi(sandbox, "/87654321/banking/payments", { token, body: PAYMENT })).status).toBe(403);
  });
});
