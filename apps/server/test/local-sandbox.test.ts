import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./harness.js";

/** The sandbox the server starts itself (FLUXO_SANDBOX=true) gets the server's settings for it. */
describe("the local BTG-ID sandbox started by the server", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp("postgres", undefined, {
      env: { FLUXO_SANDBOX: "true", BTG_SANDBOX_PORT: "0", FLUXO_PUBLIC_URL: "https://fluxo.example.com.br", BTG_SANDBOX_STRICT_GRANTS: "true" },
    });
  }, 120_000);
  afterAll(() => app?.close());

  const local = () => {
    const sandbox = app.server.sandbox;
    if (!sandbox) throw new Error("the server started no sandbox");
    return sandbox;
  };

  function authorize(redirectUri: string): Promise<Response> {
    const challenge = createHash("sha256").update(randomBytes(32).toString("base64url")).digest("base64url");
    const query = new URLSearchParams({ response_type: "code", client_id: "demo-client", redirect_uri: redirectUri, scope: "empresas.btgpactual.com/accounts.readonly", state: "s", code_challenge: challenge, code_challenge_method: "S256" });
    return fetch(`${local().authorizationUrl}?${query.toString()}`, { redirect: "manual" });
  }

  it("accepts Fluxo's callback under FLUXO_PUBLIC_URL, and still only that", async () => {
    const ours = await authorize("https://fluxo.example.com.br/api/oauth/callback");
    expect(ours.status).toBe(303);
    expect(ours.headers.get("location")).toMatch(/^\/oauth2\/login\?request_id=/);
    const other = await authorize("https://elsewhere.example.com.br/api/oauth/callback");
    expect(other.status).toBe(400);
  });

  it("is strict with BTG_SANDBOX_STRICT_GRANTS=true: client-credentials tokens don't reach the banking APIs", async () => {
    const token = await fetch(local().tokenUrl, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Authorization: `Basic ${Buffer.from("demo-client:demo-secret").toString("base64")}` },
      body: "grant_type=client_credentials&scope=empresas.btgpactual.com/accounts.readonly",
    });
    const { access_token: accessToken } = (await token.json()) as { access_token: string };
    const balance = await fetch(`${local().apiUrl}/12345678/banking/accounts/001/balance`, { headers: { Authorization: `Bearer ${accessToken}` } });
    expect(balance.status).toBe(403);
    expect(((await balance.json()) as { error: string }).error).toBe("access_denied");
  });
});
