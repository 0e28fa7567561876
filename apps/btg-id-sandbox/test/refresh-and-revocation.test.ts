import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_CLIENT, completeAuthorization, startSandbox } from "../src/index.js";
import type { Sandbox } from "../src/index.js";
import {
  ACCOUNTS_SCOPE,
  BALANCE_PATH,
  authorizeUrl,
  basicAuth,
  callApi,
  connect,
  demoBasic,
  expectedHolderTokens,
  getToken,
  newPkce,
  postToken,
  refresh,
  tokensOf,
} from "./helpers.js";

const OTHER_CLIENT = { clientId: "other-app", clientSecret: "other-secret" };
const otherBasic = { Authorization: basicAuth(OTHER_CLIENT.clientId, OTHER_CLIENT.clientSecret) };

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ clients: [DEMO_CLIENT, OTHER_CLIENT] });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

function revoke(token: string | undefined, headers: Record<string, string> = demoBasic, extra: Record<string, string> = {}) {
  return fetch(sandbox.revocationUrl, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams({ ...(token === undefined ? {} : { token }), ...extra }).toString(),
  });
}

const balanceWith = async (token: string) => (await callApi(sandbox, BALANCE_PATH, { token })).status;

describe("refresh_token rotation", () => {
  it("answers a new access token and a new refresh token, each usable, for the same account holder", async () => {
    const first = await connect(sandbox, { scope: `openid ${ACCOUNTS_SCOPE}` });
    const answer = await refresh(sandbox, first.refreshToken);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(answer.json).toEqual(expectedHolderTokens(`openid ${ACCOUNTS_SCOPE}`, true));
    const second = tokensOf(answer);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(await balanceWith(second.accessToken)).toBe(200);
    expect(await balanceWith(first.accessToken)).toBe(200); // rotation does not revoke the previous access token
    expect((await refresh(sandbox, second.refreshToken)).status).toBe(200);
    expect(sandbox.stats()).toMatchObject({ tokensIssued: 3, tokensIssuedByGrant: { authorization_code: 1, refresh_token: 2 } });
  });

  it("revokes the whole family when a rotated refresh token is used again", async () => {
    const first = await connect(sandbox);
    const second = tokensOf(await refresh(sandbox, first.refreshToken));
    const third = tokensOf(await refresh(sandbox, second.refreshToken));

    const reuse = await refresh(sandbox, first.refreshToken);
    expect(reuse.status).toBe(400);
    expect(reuse.json?.error).toBe("invalid_grant");
    expect(reuse.json?.error_description).toMatch(/^the refresh token was already used \(each one works once; use the refresh_token of the latest answer\); every token of this grant is now revoked/);

    expect((await refresh(sandbox, third.refreshToken)).json?.error_description).toMatch(/^the refresh token was revoked/);
    for (const token of [first.accessToken, second.accessToken, third.accessToken]) expect(await balanceWith(token)).toBe(401);
    // Another consent is a new family, untouched.
    const fresh = await connect(sandbox);
    expect(await balanceWith(fresh.accessToken)).toBe(200);
    expect((await refresh(sandbox, fresh.refreshToken)).status).toBe(200);
  });

  it("lets a refresh narrow the scope but not widen it (a refused widening leaves the token usable)", async () => {
    const tokens = await connect(sandbox, { scope: `${ACCOUNTS_SCOPE} empresas.btgpactual.com/payments.readonly` });
    const wider = await refresh(sandbox, tokens.refreshToken, { scope: `${ACCOUNTS_SCOPE} empresas.btgpactual.com/payments` });
    expect(wider.status).toBe(400);
    expect(wider.json).toEqual({
      error: "invalid_scope",
      error_description: `scope may only narrow the granted scope (${ACCOUNTS_SCOPE} empresas.btgpactual.com/payments.readonly); not granted: empresas.btgpactual.com/payments`,
    });
    const narrower = tokensOf(await refresh(sandbox, tokens.refreshToken, { scope: ACCOUNTS_SCOPE }));
    expect(narrower.body.scope).toBe(ACCOUNTS_SCOPE);
    // The family keeps the consented scope: the next refresh without scope gets it all back.
    expect(tokensOf(await refresh(sandbox, narrower.refreshToken)).body.scope).toBe(`${ACCOUNTS_SCOPE} empresas.btgpactual.com/payments.readonly`);
  });

  it("refuses another client's refresh token, an unknown one, and a request without one", async () => {
    const tokens = await connect(sandbox);
    expect((await refresh(sandbox, tokens.refreshToken, {}, otherBasic)).json).toEqual({
      error: "invalid_grant",
      error_description: "the refresh token is not valid for this client",
    });
    expect((await refresh(sandbox, "made-up")).json?.error).toBe("invalid_grant");
    expect((await postToken(sandbox, { headers: demoBasic, form: { grant_type: "refresh_token" } })).json).toEqual({
      error: "invalid_request",
      error_description: "refresh_token is required for grant_type=refresh_token",
    });
    expect((await refresh(sandbox, tokens.refreshToken)).status).toBe(200); // the other client's attempt did not spend it
  });

  it("refuses an expired refresh token", async () => {
    const quick = await startSandbox({ refreshTokenTtlSeconds: 1 });
    try {
      const pkce = newPkce();
      const back = await completeAuthorization(authorizeUrl(quick, pkce));
      const tokens = tokensOf(
        await postToken(quick, {
          headers: demoBasic,
          form: { grant_type: "authorization_code", code: back.searchParams.get("code") ?? "", redirect_uri: "http://localhost:3000/api/oauth/callback", code_verifier: pkce.verifier },
        }),
      );
      expect(tokens.body.refresh_token_expires_in).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const answer = await refresh(quick, tokens.refreshToken);
      expect(answer.json).toEqual({ error: "invalid_grant", error_description: "the refresh token expired; send the account holder to /oauth2/authorize again" });
    } finally {
      await quick.close();
    }
  });
});

describe("revocation (RFC 7009)", () => {
  it("revokes a refresh token's whole grant: its refresh tokens and access tokens", async () => {
    const tokens = await connect(sandbox);
    const response = await revoke(tokens.refreshToken, demoBasic, { token_type_hint: "refresh_token" });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.text()).toBe("");
    expect((await refresh(sandbox, tokens.refreshToken)).json?.error).toBe("invalid_grant");
    expect(await balanceWith(tokens.accessToken)).toBe(401);
    expect((await revoke(tokens.refreshToken)).status).toBe(200); // again: nothing to do, still 200
  });

  it("revokes one access token and leaves the refresh token working", async () => {
    const tokens = await connect(sandbox);
    expect((await revoke(tokens.accessToken, demoBasic, { token_type_hint: "access_token" })).status).toBe(200);
    expect(await balanceWith(tokens.accessToken)).toBe(401);
    const next = tokensOf(await refresh(sandbox, tokens.refreshToken));
    expect(await balanceWith(next.accessToken)).toBe(200);
  });

  it("revokes a client_credentials access token too", async () => {
    const token = await getToken(sandbox, { scope: ACCOUNTS_SCOPE });
    expect(await balanceWith(token)).toBe(200);
    expect((await revoke(token)).status).toBe(200);
    expect(await balanceWith(token)).toBe(401);
  });

  it("answers 200 to unknown tokens and ignores an unknown hint", async () => {
    expect((await revoke("not-a-token", demoBasic, { token_type_hint: "something_else" })).status).toBe(200);
  });

  it("refuses to revoke another client's tokens, and leaves them working", async () => {
    const tokens = await connect(sandbox);
    for (const token of [tokens.refreshToken, tokens.accessToken]) {
      const response = await revoke(token, otherBasic);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: "invalid_grant", error_description: "the token was issued to another client" });
    }
    expect(await balanceWith(tokens.accessToken)).toBe(200);
    expect((await refresh(sandbox, tokens.refreshToken)).status).toBe(200);
  });

  it("needs client authentication and a token", async () => {
    const unauthenticated = await revoke("x", {});
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get("www-authenticate")).toBe('Basic realm="btg-id"');
    const missing = await revoke(undefined);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: "invalid_request", error_description: "token is required: the refresh or access token to revoke" });
    expect((await fetch(sandbox.revocationUrl)).status).toBe(405);
  });

  it("takes scripted failures like the token endpoint (BTG being down)", async () => {
    const tokens = await connect(sandbox);
    sandbox.scriptFailures([{ status: 503 }]);
    expect((await revoke(tokens.refreshToken)).status).toBe(503);
    expect((await refresh(sandbox, tokens.refreshToken)).status).toBe(200);
  });
});

describe("failure scripts for the Authorization Code grant", () => {
  it("refresh-invalid-grant: the next refresh is refused with invalid_grant and its grant is revoked; other requests skip the entry", async () => {
    const tokens = await connect(sandbox);
    sandbox.scriptFailures([{ kind: "refresh-invalid-grant" }, { status: 503 }]);
    // The client_credentials request takes the 503 behind the targeted entry.
    expect((await postToken(sandbox, { headers: demoBasic })).status).toBe(503);
    const refused = await refresh(sandbox, tokens.refreshToken);
    expect(refused.status).toBe(400);
    expect(refused.json).toEqual({
      error: "invalid_grant",
      error_description: "the refresh token was revoked by the account holder (scripted failure); send the account holder to /oauth2/authorize again",
    });
    expect((await refresh(sandbox, tokens.refreshToken)).json?.error_description).toMatch(/^the refresh token was revoked/);
    expect(await balanceWith(tokens.accessToken)).toBe(401);
    expect(sandbox.stats().errors).toMatchObject({ invalid_grant: 2, temporarily_unavailable: 1 });
  });

  it("consent-access-denied over HTTP: the next consent redirects with access_denied even on Autorizar; the one after works", async () => {
    const scripted = await fetch(`${sandbox.url}/_sandbox/failures`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ failures: [{ kind: "consent-access-denied" }] }),
    });
    expect(scripted.status).toBe(200);
    expect((await postToken(sandbox, { headers: demoBasic })).status).toBe(200); // not for the token endpoint

    const denied = await completeAuthorization(authorizeUrl(sandbox, newPkce()));
    expect(denied.searchParams.get("error")).toBe("access_denied");
    expect(denied.searchParams.get("error_description")).toBe("the account holder's consent was refused (scripted failure)");
    expect(denied.searchParams.get("state")).toBe("st-123");
    expect(denied.searchParams.get("iss")).toBe(sandbox.url);

    const allowed = await completeAuthorization(authorizeUrl(sandbox, newPkce()));
    expect(allowed.searchParams.has("code")).toBe(true);
  });

  it("refuses targeted entries with extra fields, naming the accepted shapes", () => {
    expect(() => sandbox.scriptFailures([{ kind: "refresh-invalid-grant", status: 400 } as never])).toThrow(/\{kind:"refresh-invalid-grant"\}/);
  });
});
