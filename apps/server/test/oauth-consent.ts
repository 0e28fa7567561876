import type { Connection } from "@fluxo/contracts";
import type { TestApp } from "./harness.js";

/** The sandbox's demo account holder (see the sandbox's README). */
export const ACCOUNT_HOLDER = { email: "cliente@empresa.com.br", password: "senha-demo" };
export const BALANCE_PATH = "/12345678/banking/accounts/001/balance";
export const SCOPES = "empresas.btgpactual.com/accounts.readonly";

export async function createConsentConnection(app: TestApp, values: Record<string, unknown> = {}): Promise<Connection> {
  const { status, body } = await app.api<Connection>("POST", "/api/connections", {
    connector: "btg-id",
    name: "BTG conta do cliente",
    description: "",
    values: { authentication: "authorization_code", clientId: "demo-client", clientSecret: "demo-secret", environmentUrl: app.sandbox.url, scopes: SCOPES, ...values },
  });
  if (status !== 201) throw new Error(`creating the connection answered ${status}: ${JSON.stringify(body)}`);
  return body;
}

export async function startAuthorization(app: TestApp, connectionId: string, auth: Record<string, string> = app.auth): Promise<URL> {
  const { status, body } = await app.api<{ authorizationUrl: string }>("POST", `/api/connections/${connectionId}/oauth/authorize`, undefined, auth);
  if (status !== 200) throw new Error(`authorize answered ${status}: ${JSON.stringify(body)}`);
  return new URL(body.authorizationUrl);
}

/** A browser at the sandbox, over real HTTP: follows the login and consent pages, keeping its cookie. */
export async function consentAtSandbox(authorizationUrl: URL, decision: "allow" | "deny" = "allow"): Promise<URL> {
  let cookie = "";
  const send = async (url: string, form?: Record<string, string>) => {
    const res = await fetch(url, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers: { ...(cookie ? { cookie } : {}), ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    const set = res.headers.getSetCookie().find((c) => c.startsWith("btg_sandbox_browser="));
    if (set) cookie = set.split(";")[0]!;
    return res;
  };
  const location = (res: Response) => {
    const to = res.headers.get("location");
    if (res.status !== 303 || !to) throw new Error(`expected a 303, got ${res.status}`);
    return new URL(to, authorizationUrl);
  };
  const login = location(await send(authorizationUrl.href));
  const requestId = login.searchParams.get("request_id")!;
  const consent = location(await send(new URL("/oauth2/login", authorizationUrl).href, { request_id: requestId, ...ACCOUNT_HOLDER }));
  return location(await send(new URL("/oauth2/consent", authorizationUrl).href, { request_id: consent.searchParams.get("request_id")!, decision }));
}

/** The person's browser coming back to Fluxo: where the callback sends it. */
export async function callBack(app: TestApp, callback: URL, auth: Record<string, string> = app.auth): Promise<URL> {
  const res = await fetch(`${app.url}${callback.pathname}${callback.search}`, { redirect: "manual", headers: auth });
  const to = res.headers.get("location");
  if (res.status !== 303 || !to) throw new Error(`the callback answered ${res.status}: ${await res.text()}`);
  return new URL(to, app.url);
}

/** Connect, the whole way: Fluxo → sandbox login and consent → Fluxo's callback. */
export async function connect(app: TestApp, connectionId: string): Promise<URL> {
  return callBack(app, await consentAtSandbox(await startAuthorization(app, connectionId)));
}
