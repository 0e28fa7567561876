import { createRemoteJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_CLIENT, completeAuthorization, startSandbox } from "../src/index.js";
import type { Sandbox } from "../src/index.js";
import {
  ACCOUNTS_SCOPE,
  BALANCE_PATH,
  FLUXO_CALLBACK,
  authorizeUrl,
  basicAuth,
  callApi,
  connect,
  exchangeCode,
  expectedHolderTokens,
  newPkce,
  obtainCode,
  tokensOf,
} from "./helpers.js";

const OTHER_CLIENT = { clientId: "other-app", clientSecret: "other-secret" };
const REGISTERED = "https://fluxo.example.com.br/api/oauth/callback";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ clients: [DEMO_CLIENT, OTHER_CLIENT], redirectUris: [REGISTERED] });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

/** A GET without following redirects, optionally with the login cookie. */
function get(url: string, cookie?: string): Promise<Response> {
  return fetch(url, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
}

function post(sandboxPath: string, form: Record<string, string>, cookie?: string): Promise<Response> {
  return fetch(`${sandbox.url}${sandboxPath}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(form).toString(),
  });
}

function requestIdIn(html: string): string {
  const id = /name="request_id" value="([^"]+)"/.exec(html)?.[1];
  if (!id) throw new Error("no request_id in the page");
  return id;
}

/** Opens the authorize URL like a browser: returns the login cookie and the login page's request id. */
async function openLogin(url: string): Promise<{ cookie: string; requestId: string; html: string; response: Response }> {
  const start = await get(url);
  expect(start.status).toBe(303);
  const cookie = (start.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const response = await get(new URL(start.headers.get("location") ?? "", sandbox.url).href, cookie);
  const html = await response.text();
  return { cookie, requestId: requestIdIn(html), html, response };
}

function redirectOf(response: Response): URL {
  expect(response.status).toBe(303);
  return new URL(response.headers.get("location") ?? "", sandbox.url);
}

describe("the whole Authorization Code + PKCE flow", () => {
  it("logs the account holder in, asks consent, redirects with code, state and iss, and exchanges the code for tokens that read a balance", async () => {
    const pkce = newPkce();
    const back = await completeAuthorization(authorizeUrl(sandbox, pkce, { scope: `openid ${ACCOUNTS_SCOPE}`, nonce: "n-1" }));
    expect(back.origin + back.pathname).toBe(FLUXO_CALLBACK);
    expect([...back.searchParams.keys()].sort()).toEqual(["code", "iss", "state"]);
    expect(back.searchParams.get("state")).toBe("st-123");
    expect(back.searchParams.get("iss")).toBe(sandbox.url);

    const answer = await exchangeCode(sandbox, back.searchParams.get("code") ?? "", pkce.verifier);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(answer.json).toEqual(expectedHolderTokens(`openid ${ACCOUNTS_SCOPE}`, true));

    const jwks = createRemoteJWKSet(new URL(sandbox.jwksUrl));
    const access = await jwtVerify(String(answer.json?.access_token), jwks, { issuer: sandbox.url, audience: sandbox.url, typ: "at+jwt" });
    expect(access.payload).toMatchObject({
      sub: "btg-conta-0001",
      email: "cliente@empresa.com.br",
      name: "Cliente Demonstração",
      client_id: "demo-client",
      gty: "authorization_code",
      scope: `openid ${ACCOUNTS_SCOPE}`,
    });
    expect((access.payload.exp ?? 0) - (access.payload.iat ?? 0)).toBe(86400);
    const id = await jwtVerify(String(answer.json?.id_token), jwks, { issuer: sandbox.url, audience: "demo-client" });
    expect(id.payload).toMatchObject({ sub: "btg-conta-0001", email: "cliente@empresa.com.br", nonce: "n-1", auth_time: expect.any(Number) });

    const balance = await callApi(sandbox, BALANCE_PATH, { token: String(answer.json?.access_token) });
    expect(balance.status).toBe(200);
    expect(balance.json).toMatchObject({ companyId: "12345678", accountId: "001" });
  });

  it("gives no id_token without the openid scope, and tokens for exactly the scope consented", async () => {
    const { body } = await connect(sandbox);
    expect(body).not.toHaveProperty("id_token");
    expect(body.scope).toBe(ACCOUNTS_SCOPE);
    const payments = await callApi(sandbox, "/12345678/banking/payments", { token: String(body.access_token) });
    expect(payments.status).toBe(403);
  });

  it("accepts Fluxo's callback on any loopback origin and the exactly registered URIs, with their query kept", async () => {
    for (const redirectUri of ["http://127.0.0.1:41234/api/oauth/callback", "http://[::1]:8080/api/oauth/callback", "http://localhost/api/oauth/callback", REGISTERED]) {
      const back = await completeAuthorization(authorizeUrl(sandbox, newPkce(), { redirect_uri: redirectUri }));
      expect(back.href.startsWith(`${redirectUri}?code=`)).toBe(true);
    }
  });
});

describe("the login and consent pages", () => {
  it("shows an accessible pt-BR login page, served with a strict CSP and a browser-binding cookie", async () => {
    const start = await get(authorizeUrl(sandbox, newPkce()));
    expect(start.status).toBe(303);
    expect(start.headers.get("set-cookie")).toMatch(/^btg_sandbox_browser=[A-Za-z0-9_-]{43}; Path=\/oauth2; HttpOnly; SameSite=Lax$/);
    const { html, response } = await openLogin(authorizeUrl(sandbox, newPkce()));
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    const csp = response.headers.get("content-security-policy") ?? "";
    // The login form may end at the client (access_denied after 5 wrong passwords).
    expect(csp).toMatch(/^default-src 'none'; style-src 'nonce-[A-Za-z0-9+/=]+'; form-action 'self' http:\/\/localhost:3000; frame-ancestors 'none'; base-uri 'none'$/);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(html).toContain(`<style nonce="${nonce}">`);
    expect(html).toContain('<html lang="pt-BR">');
    expect(html).toContain('<label for="email">E-mail</label>');
    expect(html).toContain('<label for="password">Senha</label>');
    expect(html).toMatch(/<button type="submit">Entrar<\/button>/);
    expect(html).not.toMatch(/<script|src="http|href="http/);
  });

  it("shows an error on the login page after a wrong password, keeping the e-mail, and lets the person try again", async () => {
    const { cookie, requestId } = await openLogin(authorizeUrl(sandbox, newPkce()));
    const wrong = await post("/oauth2/login", { request_id: requestId, email: "cliente@empresa.com.br", password: "errada" }, cookie);
    expect(wrong.status).toBe(200);
    const html = await wrong.text();
    expect(html).toContain('<p class="error" id="login-error" role="alert">E-mail ou senha incorretos.');
    expect(html).toContain('value="cliente@empresa.com.br" aria-invalid="true" aria-describedby="login-error"');
    const right = await post("/oauth2/login", { request_id: requestId, email: " Cliente@Empresa.com.br ", password: "senha-demo" }, cookie);
    expect(redirectOf(right).pathname).toBe("/oauth2/consent");
  });

  it("ends the authorization with access_denied after 5 wrong passwords", async () => {
    const { cookie, requestId } = await openLogin(authorizeUrl(sandbox, newPkce()));
    for (let attempt = 1; attempt < 5; attempt += 1) {
      expect((await post("/oauth2/login", { request_id: requestId, email: "x@y.com", password: "no" }, cookie)).status).toBe(200);
    }
    const back = redirectOf(await post("/oauth2/login", { request_id: requestId, email: "x@y.com", password: "no" }, cookie));
    expect(back.searchParams.get("error")).toBe("access_denied");
    expect(back.searchParams.get("state")).toBe("st-123");
    expect((await post("/oauth2/login", { request_id: requestId, email: "cliente@empresa.com.br", password: "senha-demo" }, cookie)).status).toBe(400);
  });

  it("refuses the forms from another browser (no cookie or another cookie): login CSRF and swapped sessions", async () => {
    const { requestId } = await openLogin(authorizeUrl(sandbox, newPkce()));
    const other = await openLogin(authorizeUrl(sandbox, newPkce()));
    for (const cookie of [undefined, other.cookie]) {
      const answer = await post("/oauth2/login", { request_id: requestId, email: "cliente@empresa.com.br", password: "senha-demo" }, cookie);
      expect(answer.status).toBe(400);
      expect(await answer.text()).toContain("Esta tentativa de login expirou ou não vale mais neste navegador.");
    }
  });

  it("lists the requested scopes on the consent page, in Portuguese and by name, and allows the redirect in form-action", async () => {
    const { cookie, requestId } = await openLogin(authorizeUrl(sandbox, newPkce(), { scope: `${ACCOUNTS_SCOPE} custom.scope` }));
    const consentUrl = redirectOf(await post("/oauth2/login", { request_id: requestId, email: "cliente@empresa.com.br", password: "senha-demo" }, cookie));
    const page = await get(consentUrl.href, cookie);
    const html = await page.text();
    expect(page.headers.get("content-security-policy")).toContain("form-action 'self' http://localhost:3000;");
    expect(html).toContain("Conectado como cliente@empresa.com.br");
    expect(html).toContain(`<li>Consultar saldos e extratos das contas<code>${ACCOUNTS_SCOPE}</code></li>`);
    expect(html).toContain("<li><code>custom.scope</code></li>");
    expect(html).toContain('<button type="submit" name="decision" value="allow" autofocus>Autorizar</button>');
    expect(html).toContain('<button type="submit" name="decision" value="deny" class="secondary">Negar</button>');
    expect(await (await get(consentUrl.href)).text()).toContain("Esta tentativa de login expirou"); // another browser
  });

  it("sends the person back with error=access_denied, state and iss when they click Negar; the request is then over", async () => {
    const { cookie, requestId } = await openLogin(authorizeUrl(sandbox, newPkce()));
    await post("/oauth2/login", { request_id: requestId, email: "cliente@empresa.com.br", password: "senha-demo" }, cookie);
    const back = redirectOf(await post("/oauth2/consent", { request_id: requestId, decision: "deny" }, cookie));
    expect(back.origin + back.pathname).toBe(FLUXO_CALLBACK);
    expect(Object.fromEntries(back.searchParams)).toEqual({
      error: "access_denied",
      error_description: "the account holder denied access",
      state: "st-123",
      iss: sandbox.url,
    });
    expect((await post("/oauth2/consent", { request_id: requestId, decision: "allow" }, cookie)).status).toBe(400);
  });

  it("escapes what the client sent before showing it", async () => {
    const { cookie, requestId } = await openLogin(authorizeUrl(sandbox, newPkce(), { scope: "<b>x</b>" }));
    const consentUrl = redirectOf(await post("/oauth2/login", { request_id: requestId, email: "cliente@empresa.com.br", password: "senha-demo" }, cookie));
    const html = await (await get(consentUrl.href, cookie)).text();
    expect(html).toContain("<code>&#60;b&#62;x&#60;/b&#62;</code>");
    expect(html).not.toContain("<b>x</b>");
  });
});

describe("authorization request errors", () => {
  it.each([
    ["an unknown client_id", { client_id: "nobody" }, 'O aplicativo “nobody” não está cadastrado neste sandbox.', "invalid_client"],
    ["no client_id", { client_id: undefined }, "falta client_id", "invalid_request"],
    ["an unregistered redirect_uri", { redirect_uri: "https://evil.example/api/oauth/callback" }, "não está cadastrado para o aplicativo", "invalid_request"],
    ["a loopback redirect_uri on another path", { redirect_uri: "http://localhost:3000/other" }, "não está cadastrado", "invalid_request"],
    ["a registered URI with a different query", { redirect_uri: `${REGISTERED}?x=1` }, "não está cadastrado", "invalid_request"],
    ["no redirect_uri", { redirect_uri: undefined }, "falta redirect_uri", "invalid_request"],
  ])("shows %s on an error page and does not redirect", async (_name, params, message, error) => {
    const response = await get(authorizeUrl(sandbox, newPkce(), params));
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    expect(html).toContain(message);
    expect(html).toContain(`<code>${error}:`);
  });

  it("shows a repeated redirect_uri on the error page", async () => {
    const url = `${authorizeUrl(sandbox, newPkce())}&redirect_uri=${encodeURIComponent(FLUXO_CALLBACK)}`;
    const response = await get(url);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("O parâmetro redirect_uri aparece mais de uma vez");
  });

  it.each([
    ["no response_type", { response_type: undefined }, "invalid_request", /response_type is required/],
    ["response_type=token", { response_type: "token" }, "unsupported_response_type", /'token' is not supported/],
    ["no code_challenge", { code_challenge: undefined }, "invalid_request", /code_challenge is required/],
    ["code_challenge_method=plain", { code_challenge_method: "plain" }, "invalid_request", /must be S256 \(got 'plain'\)/],
    ["no code_challenge_method", { code_challenge_method: undefined }, "invalid_request", /must be S256 \(got none, which means plain\)/],
    ["a malformed code_challenge", { code_challenge: "short" }, "invalid_request", /43 characters/],
    ["no scope", { scope: undefined }, "invalid_scope", /scope is required/],
    ["prompt=none", { prompt: "none" }, "login_required", /must log in/],
    ["an unknown prompt", { prompt: "sideways" }, "invalid_request", /prompt 'sideways' is not supported/],
  ])("sends %s back to the client as an error with state and iss", async (_name, params, error, description) => {
    const back = redirectOf(await get(authorizeUrl(sandbox, newPkce(), params)));
    expect(back.origin + back.pathname).toBe(FLUXO_CALLBACK);
    expect(back.searchParams.get("error")).toBe(error);
    expect(back.searchParams.get("error_description")).toMatch(description);
    expect(back.searchParams.get("error_description")).toMatch(/^[\x20\x21\x23-\x5B\x5D-\x7E]+$/); // RFC 6749 §4.1.2.1
    expect(back.searchParams.get("state")).toBe("st-123");
    expect(back.searchParams.get("iss")).toBe(sandbox.url);
    expect(back.searchParams.has("code")).toBe(false);
  });

  it("answers 405 to other methods on the authorize endpoint", async () => {
    const response = await fetch(`${sandbox.url}/oauth2/authorize`, { method: "POST" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
  });
});

describe("the code exchange", () => {
  it("refuses a code_verifier that does not match the challenge, and the code is spent by that attempt", async () => {
    const pkce = newPkce();
    const code = await obtainCode(sandbox, pkce);
    const wrong = await exchangeCode(sandbox, code, newPkce().verifier);
    expect(wrong.status).toBe(400);
    expect(wrong.json).toEqual({
      error: "invalid_grant",
      error_description: "code_verifier does not match the code_challenge (PKCE S256) sent to /oauth2/authorize",
    });
    expect((await exchangeCode(sandbox, code, pkce.verifier)).json?.error).toBe("invalid_grant");
  });

  it.each([
    ["no code_verifier", { code_verifier: "" }, "invalid_request", /code_verifier is required/],
    ["a malformed code_verifier", { code_verifier: "too short" }, "invalid_request", /43 to 128 characters/],
    ["no redirect_uri", { redirect_uri: "" }, "invalid_request", /redirect_uri is required/],
    ["another redirect_uri", { redirect_uri: "http://localhost:3001/api/oauth/callback" }, "invalid_grant", /redirect_uri does not match/],
  ])("refuses %s", async (_name, form, error, description) => {
    const pkce = newPkce();
    const code = await obtainCode(sandbox, pkce);
    const answer = await exchangeCode(sandbox, code, pkce.verifier, form);
    expect(answer.status).toBe(400);
    expect(answer.json?.error).toBe(error);
    expect(String(answer.json?.error_description)).toMatch(description);
  });

  it("refuses another client's code without spending it", async () => {
    const pkce = newPkce();
    const code = await obtainCode(sandbox, pkce);
    const stolen = await exchangeCode(sandbox, code, pkce.verifier, {}, { Authorization: basicAuth(OTHER_CLIENT.clientId, OTHER_CLIENT.clientSecret) });
    expect(stolen.json).toEqual({ error: "invalid_grant", error_description: "the authorization code is not valid for this client" });
    expect((await exchangeCode(sandbox, code, pkce.verifier)).status).toBe(200);
  });

  it("needs client authentication", async () => {
    const pkce = newPkce();
    const answer = await exchangeCode(sandbox, await obtainCode(sandbox, pkce), pkce.verifier, {}, { Authorization: basicAuth("demo-client", "wrong") });
    expect(answer.status).toBe(401);
    expect(answer.json?.error).toBe("invalid_client");
  });

  it("refuses a replayed code and revokes the tokens issued from it (Security BCP)", async () => {
    const pkce = newPkce();
    const code = await obtainCode(sandbox, pkce);
    const first = tokensOf(await exchangeCode(sandbox, code, pkce.verifier));
    expect((await callApi(sandbox, BALANCE_PATH, { token: first.accessToken })).status).toBe(200);

    const replay = await exchangeCode(sandbox, code, pkce.verifier);
    expect(replay.status).toBe(400);
    expect(replay.json).toEqual({ error: "invalid_grant", error_description: "the authorization code was already used; the tokens issued from it are now revoked" });

    const api = await callApi(sandbox, BALANCE_PATH, { token: first.accessToken });
    expect(api.status).toBe(401);
    expect(api.json?.error_description).toMatch(/^the access token was revoked/);
    const refreshed = await postRefresh(first.refreshToken);
    expect(refreshed.json).toEqual({ error: "invalid_grant", error_description: "the refresh token was revoked; send the account holder to /oauth2/authorize again" });
  });

  it("refuses an expired code", async () => {
    const quick = await startSandbox({ codeTtlSeconds: 1 });
    try {
      const pkce = newPkce();
      const code = await obtainCode(quick, pkce);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const answer = await exchangeCode(quick, code, pkce.verifier);
      expect(answer.json).toEqual({ error: "invalid_grant", error_description: "the authorization code expired; send the person to /oauth2/authorize again" });
    } finally {
      await quick.close();
    }
  });
});

function postRefresh(refreshToken: string) {
  return fetch(sandbox.tokenUrl, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Authorization: basicAuth("demo-client", "demo-secret") },
    body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken }).toString(),
  }).then(async (r) => ({ status: r.status, json: (await r.json()) as Record<string, unknown> }));
}
