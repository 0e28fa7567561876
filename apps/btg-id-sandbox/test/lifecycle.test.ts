import { afterEach, describe, expect, it } from "vitest";
import { SandboxConfigError, startSandbox } from "../src/index.js";
import type { Sandbox } from "../src/index.js";
import { demoBasic, postToken, until } from "./helpers.js";

const started: Sandbox[] = [];
async function start(...args: Parameters<typeof startSandbox>): Promise<Sandbox> {
  const sandbox = await startSandbox(...args);
  started.push(sandbox);
  return sandbox;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

async function closeTime(sandbox: Sandbox): Promise<number> {
  const start = performance.now();
  await sandbox.close();
  return performance.now() - start;
}

describe("start", () => {
  it("listens on 127.0.0.1 and a random free port by default, with consistent URLs", async () => {
    const [a, b] = await Promise.all([start(), start()]);
    expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(a.url).not.toBe(b.url);
    expect(a.tokenUrl).toBe(`${a.url}/oauth2/token`);
    expect(a.authorizationUrl).toBe(`${a.url}/oauth2/authorize`);
    expect(a.revocationUrl).toBe(`${a.url}/oauth2/revoke`);
    expect(a.jwksUrl).toBe(`${a.url}/.well-known/jwks.json`);
  });

  it("rejects invalid options with a message naming the option", async () => {
    await expect(startSandbox({ latencyMs: -1 })).rejects.toThrow(/latencyMs/);
    await expect(startSandbox({ tokenTtlSeconds: 0 })).rejects.toThrow(/tokenTtlSeconds/);
    await expect(startSandbox({ port: 70_000 })).rejects.toThrow(/port/);
    await expect(startSandbox({ codeTtlSeconds: 601 })).rejects.toThrow(/codeTtlSeconds/);
    await expect(startSandbox({ refreshTokenTtlSeconds: 0 })).rejects.toThrow(/refreshTokenTtlSeconds/);
    await expect(startSandbox({ redirectUris: ["https://a.example/cb#x"] })).rejects.toThrow(/redirectUris\.0 must not have a fragment/);
    await expect(startSandbox({ clients: [] })).rejects.toThrow(/clients must hold at least one client/);
    await expect(
      startSandbox({ clients: [{ clientId: "a", clientSecret: "1" }, { clientId: "a", clientSecret: "2" }] }),
    ).rejects.toThrow(/must not repeat a clientId/);
    await expect(startSandbox({ clients: [{ clientId: "a", clientSecret: "" }] })).rejects.toThrow(SandboxConfigError);
  });

  it("only accepts the configured clients (the demo client is not added)", async () => {
    const sandbox = await start({ clients: [{ clientId: "acme", clientSecret: "s" }] });
    expect((await postToken(sandbox, { headers: demoBasic })).status).toBe(401);
    const answer = await postToken(sandbox, {
      form: { grant_type: "client_credentials", client_id: "acme", client_secret: "s" },
    });
    expect(answer.status).toBe(200);
  });

  it("reports a port in use clearly", async () => {
    const first = await start();
    const port = Number(new URL(first.url).port);
    await expect(startSandbox({ port })).rejects.toThrow(`could not listen on 127.0.0.1:${port}: EADDRINUSE`);
  });
});

describe("close", () => {
  it("finishes promptly with a hanging request open, and the request fails", async () => {
    const sandbox = await start();
    sandbox.scriptFailures([{ kind: "hang" }]);
    const pending = postToken(sandbox, { headers: demoBasic }).then(
      () => "answered",
      () => "failed",
    );
    await until(() => sandbox.stats().tokenRequests === 1);

    expect(await closeTime(sandbox)).toBeLessThan(1000);
    expect(await pending).toBe("failed");
  });

  it("finishes promptly while a request waits out a long latency", async () => {
    const sandbox = await start({ latencyMs: 60_000 });
    const pending = postToken(sandbox, { headers: demoBasic }).then(
      () => "answered",
      () => "failed",
    );
    await until(() => sandbox.stats().tokenRequests === 1);
    expect(await closeTime(sandbox)).toBeLessThan(1000);
    expect(await pending).toBe("failed");
  });

  it("finishes promptly with idle keep-alive connections, is idempotent, and stops listening", async () => {
    const sandbox = await start();
    expect((await postToken(sandbox, { headers: demoBasic })).status).toBe(200); // leaves a keep-alive socket
    expect(await closeTime(sandbox)).toBeLessThan(1000);
    await sandbox.close();
    await expect(fetch(sandbox.jwksUrl)).rejects.toThrow(TypeError);
  });
});

describe("discovery and unknown paths", () => {
  it("serves the server metadata", async () => {
    const sandbox = await start();
    for (const path of ["/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"]) {
      const response = await fetch(`${sandbox.url}${path}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        issuer: sandbox.url,
        authorization_endpoint: `${sandbox.url}/oauth2/authorize`,
        token_endpoint: sandbox.tokenUrl,
        revocation_endpoint: `${sandbox.url}/oauth2/revoke`,
        jwks_uri: sandbox.jwksUrl,
        response_types_supported: ["code"],
        response_modes_supported: ["query"],
        grant_types_supported: ["client_credentials", "authorization_code", "refresh_token"],
        code_challenge_methods_supported: ["S256"],
        token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
        revocation_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
        authorization_response_iss_parameter_supported: true,
        scopes_supported: [
          "openid",
          "empresas.btgpactual.com/accounts.readonly",
          "empresas.btgpactual.com/accounts",
          "empresas.btgpactual.com/payments.readonly",
          "empresas.btgpactual.com/payments",
          "brn:btg:empresas:banking:payments",
        ],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        claims_supported: ["sub", "email", "name", "auth_time", "nonce"],
        prompt_values_supported: ["login", "consent", "select_account"],
        authorization_details_types_supported: ["*"],
      });
    }
    expect((await fetch(sandbox.jwksUrl, { method: "POST" })).status).toBe(405);
  });

  it("answers 404 JSON to unknown paths without counting them as token requests", async () => {
    const sandbox = await start();
    const response = await fetch(`${sandbox.url}/oauth2/userinfo?client_id=x`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({ error: "not_found", error_description: "no such endpoint: GET /oauth2/userinfo" });
    expect(sandbox.stats().tokenRequests).toBe(0);
  });
});
