import { calculateJwkThumbprint, createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import type { JWK } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_CLIENT, startSandbox } from "../src/index.js";
import type { Sandbox } from "../src/index.js";
import { basicAuth, demoBasic, postToken } from "./helpers.js";

// Reserved characters in both id and secret: they must be form-encoded inside Basic.
const ODD_CLIENT = { clientId: "tenant:7", clientSecret: "s3 cr+t%/=:" };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ clients: [DEMO_CLIENT, ODD_CLIENT] });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

async function verify(token: string) {
  const jwks = createRemoteJWKSet(new URL(sandbox.jwksUrl));
  return jwtVerify(token, jwks, { issuer: sandbox.url, audience: sandbox.url, typ: "at+jwt", algorithms: ["RS256"] });
}

describe("successful token requests", () => {
  it("issues a verifiable at+jwt to a client authenticated with HTTP Basic", async () => {
    const before = Math.floor(Date.now() / 1000);
    const answer = await postToken(sandbox, { headers: demoBasic });

    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/json");
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(answer.json).toEqual({
      access_token: expect.stringMatching(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/),
      token_type: "Bearer",
      expires_in: 86400,
      scope: "apps",
    });
    expect(answer.json).not.toHaveProperty("authorization_details");

    const { payload, protectedHeader } = await verify(String(answer.json?.access_token));
    const jwks = (await (await fetch(sandbox.jwksUrl)).json()) as { keys: JWK[] };
    const published = jwks.keys[0];
    expect(jwks.keys).toHaveLength(1);
    expect(published).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig", kid: expect.any(String) });
    expect(published).not.toHaveProperty("d");
    expect(published?.kid).toBe(await calculateJwkThumbprint(published as JWK, "sha256"));
    expect(protectedHeader).toEqual({ alg: "RS256", typ: "at+jwt", kid: published?.kid });

    expect(payload).toEqual({
      iss: sandbox.url,
      sub: "demo-client",
      client_id: "demo-client",
      aud: sandbox.url,
      scope: "apps",
      iat: expect.any(Number),
      exp: expect.any(Number),
      jti: expect.stringMatching(UUID),
    });
    expect(payload.iat).toBeGreaterThanOrEqual(before);
    expect(payload.iat).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(86400);
  });

  it("issues a token to a client authenticated with client_secret_post", async () => {
    const answer = await postToken(sandbox, {
      form: { grant_type: "client_credentials", client_id: "demo-client", client_secret: "demo-secret" },
    });
    expect(answer.status).toBe(200);
    const { payload } = await verify(String(answer.json?.access_token));
    expect(payload.sub).toBe("demo-client");
    expect(payload.client_id).toBe("demo-client");
  });

  it("gives every token its own jti", async () => {
    const [a, b] = await Promise.all([postToken(sandbox, { headers: demoBasic }), postToken(sandbox, { headers: demoBasic })]);
    const jtiA = (await verify(String(a.json?.access_token))).payload.jti;
    const jtiB = (await verify(String(b.json?.access_token))).payload.jti;
    expect(jtiA).not.toBe(jtiB);
  });

  it("form-decodes Basic credentials (RFC 6749 §2.3.1), so reserved characters work", async () => {
    const good = await postToken(sandbox, { headers: { Authorization: basicAuth(ODD_CLIENT.clientId, ODD_CLIENT.clientSecret) } });
    expect(good.status).toBe(200);
    expect(good.json?.access_token).toBeTypeOf("string");
    // The same credentials without form-encoding: the id's ':' splits in the wrong place.
    const raw = `Basic ${Buffer.from(`${ODD_CLIENT.clientId}:${ODD_CLIENT.clientSecret}`).toString("base64")}`;
    const bad = await postToken(sandbox, { headers: { Authorization: raw } });
    expect(bad.status).toBe(401);
    expect(bad.json?.error).toBe("invalid_client");
  });

  it("echoes a requested scope in the response and the token", async () => {
    const answer = await postToken(sandbox, {
      headers: demoBasic,
      form: { grant_type: "client_credentials", scope: "apps accounts:read" },
    });
    expect(answer.json?.scope).toBe("apps accounts:read");
    expect((await verify(String(answer.json?.access_token))).payload.scope).toBe("apps accounts:read");
  });

  it("grants the requested authorization_details, unchanged, in the response and the token", async () => {
    const requested = [
      {
        type: "account_information",
        resource: "accounts",
        locations: ["https://api.btgpactual.com/accounts"],
        privileges: ["read", "list"],
        identifier: "123",
        custom: { nested: [1, 2] },
      },
      { type: "payment_initiation", actions: ["initiate"], datatypes: [] },
    ];
    const answer = await postToken(sandbox, {
      headers: demoBasic,
      form: { grant_type: "client_credentials", authorization_details: JSON.stringify(requested) },
    });
    expect(answer.status).toBe(200);
    expect(answer.json?.authorization_details).toEqual(requested);
    const { payload } = await verify(String(answer.json?.access_token));
    expect(payload.authorization_details).toEqual(requested);
  });

  it("accepts an empty authorization_details array and echoes it", async () => {
    const answer = await postToken(sandbox, {
      headers: demoBasic,
      form: { grant_type: "client_credentials", authorization_details: "[]" },
    });
    expect(answer.status).toBe(200);
    expect(answer.json?.authorization_details).toEqual([]);
    expect((await verify(String(answer.json?.access_token))).payload.authorization_details).toEqual([]);
  });

  it("uses tokenTtlSeconds for expires_in and exp", async () => {
    const short = await startSandbox({ tokenTtlSeconds: 60 });
    try {
      const answer = await postToken(short, { headers: demoBasic });
      expect(answer.json?.expires_in).toBe(60);
      const token = String(answer.json?.access_token);
      const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(short.jwksUrl)), { issuer: short.url });
      expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(60);
      // Each start has its own key: the other sandbox's JWKS does not verify this token.
      expect(decodeProtectedHeader(token).kid).not.toBe(decodeProtectedHeader(await tokenFromMain()).kid);
      await expect(verify(token)).rejects.toThrow();
    } finally {
      await short.close();
    }
  });

  async function tokenFromMain(): Promise<string> {
    return String((await postToken(sandbox, { headers: demoBasic })).json?.access_token);
  }
});

interface ErrorCase {
  name: string;
  headers?: Record<string, string>;
  form?: Record<string, string> | string;
  status: number;
  error: string;
  description: RegExp;
}

const grant = { grant_type: "client_credentials" };
const errorCases: ErrorCase[] = [
  {
    name: "a wrong secret",
    headers: { Authorization: basicAuth("demo-client", "not-the-secret") },
    status: 401,
    error: "invalid_client",
    description: /client authentication failed/,
  },
  {
    name: "an unknown client",
    headers: { Authorization: basicAuth("nobody", "demo-secret") },
    status: 401,
    error: "invalid_client",
    description: /client authentication failed/,
  },
  {
    name: "a wrong secret in the body",
    form: { ...grant, client_id: "demo-client", client_secret: "nope" },
    status: 401,
    error: "invalid_client",
    description: /client authentication failed/,
  },
  { name: "no client authentication", status: 401, error: "invalid_client", description: /client authentication is required/ },
  {
    name: "client_id in the body without a secret",
    form: { ...grant, client_id: "demo-client" },
    status: 401,
    error: "invalid_client",
    description: /client authentication is required/,
  },
  {
    name: "a Bearer Authorization header",
    headers: { Authorization: "Bearer abc" },
    status: 401,
    error: "invalid_client",
    description: /Basic/,
  },
  {
    name: "Basic credentials that are not base64",
    headers: { Authorization: "Basic ***" },
    status: 401,
    error: "invalid_client",
    description: /base64/,
  },
  {
    name: "Basic credentials without a colon",
    headers: { Authorization: `Basic ${Buffer.from("demo-client").toString("base64")}` },
    status: 401,
    error: "invalid_client",
    description: /client_id:client_secret/,
  },
  {
    name: "both Basic and client_secret_post",
    headers: demoBasic,
    form: { ...grant, client_id: "demo-client", client_secret: "demo-secret" },
    status: 400,
    error: "invalid_request",
    description: /not both/,
  },
  {
    name: "a body client_id that differs from the Basic one",
    headers: demoBasic,
    form: { ...grant, client_id: "someone-else" },
    status: 400,
    error: "invalid_request",
    description: /does not match/,
  },
  {
    name: "a missing grant_type",
    headers: demoBasic,
    form: { scope: "apps" },
    status: 400,
    error: "invalid_request",
    description: /grant_type is required/,
  },
  {
    name: "an empty grant_type (counts as omitted)",
    headers: demoBasic,
    form: "grant_type=",
    status: 400,
    error: "invalid_request",
    description: /grant_type is required/,
  },
  {
    name: "grant_type=authorization_code with an unknown code",
    headers: demoBasic,
    form: { grant_type: "authorization_code", code: "x", redirect_uri: "http://localhost/api/oauth/callback", code_verifier: "v".repeat(43) },
    status: 400,
    error: "invalid_grant",
    description: /the authorization code is not valid for this client/,
  },
  {
    name: "grant_type=refresh_token with an unknown refresh token",
    headers: demoBasic,
    form: { grant_type: "refresh_token", refresh_token: "x" },
    status: 400,
    error: "invalid_grant",
    description: /the refresh token is not valid for this client/,
  },
  {
    name: "an invented grant_type",
    headers: demoBasic,
    form: { grant_type: "password" },
    status: 400,
    error: "unsupported_grant_type",
    description: /"password" is not supported; this server supports client_credentials, authorization_code, refresh_token/,
  },
  {
    name: "a repeated parameter",
    headers: demoBasic,
    form: "grant_type=client_credentials&grant_type=client_credentials",
    status: 400,
    error: "invalid_request",
    description: /"grant_type" is included more than once/,
  },
  {
    name: "a scope with a forbidden character",
    headers: demoBasic,
    form: { ...grant, scope: 'apps "quoted"' },
    status: 400,
    error: "invalid_scope",
    description: /scope must be/,
  },
];

describe("token request errors (RFC 6749 §5.2 JSON, no-store)", () => {
  it.each(errorCases)("answers $status $error to $name", async (c) => {
    const answer = await postToken(sandbox, { ...(c.headers ? { headers: c.headers } : {}), form: c.form ?? grant });

    expect(answer.status).toBe(c.status);
    expect(answer.json).toEqual({ error: c.error, error_description: expect.stringMatching(c.description) });
    expect(answer.headers.get("content-type")).toBe("application/json");
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(answer.headers.get("www-authenticate")).toBe(c.status === 401 ? 'Basic realm="btg-id"' : null);
    expect(sandbox.stats()).toEqual({ tokenRequests: 1, tokensIssued: 0, tokensIssuedByGrant: {}, apiRequests: 0, errors: { [c.error]: 1 } });
    // No secret ever comes back in an error.
    expect(answer.text).not.toContain("demo-secret");
  });

  it("refuses a body that is not application/x-www-form-urlencoded with 400 invalid_request", async () => {
    for (const contentType of ["application/json", "text/plain", "multipart/form-data; boundary=x"]) {
      const answer = await postToken(sandbox, { headers: { ...demoBasic, "Content-Type": contentType } });
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({
        error: "invalid_request",
        error_description: "Content-Type must be application/x-www-form-urlencoded",
      });
    }
    const withCharset = await postToken(sandbox, {
      headers: { ...demoBasic, "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8" },
    });
    expect(withCharset.status).toBe(200);
  });

  it("answers 405 with Allow: POST to other methods on /oauth2/token", async () => {
    for (const method of ["GET", "PUT", "DELETE", "PATCH"]) {
      const response = await fetch(sandbox.tokenUrl, { method });
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe("POST");
      expect(((await response.json()) as { error: string }).error).toBe("method_not_allowed");
    }
  });

  it("answers 413 to a body over 64 KB, and accepts one just under", async () => {
    const padding = (bytes: number) => `grant_type=client_credentials&pad=${"a".repeat(bytes - 34)}`;
    expect(padding(64 * 1024 + 1)).toHaveLength(64 * 1024 + 1);

    const tooBig = await postToken(sandbox, { headers: demoBasic, form: padding(64 * 1024 + 1) });
    expect(tooBig.status).toBe(413);
    expect(tooBig.json).toEqual({ error: "invalid_request", error_description: "the request body is larger than 64 KB" });

    const justFits = await postToken(sandbox, { headers: demoBasic, form: padding(64 * 1024) });
    expect(justFits.status).toBe(200);
  });
});
