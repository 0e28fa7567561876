import { completeAuthorization } from "@fluxo/btg-id-sandbox";
import type { Connection } from "@fluxo/contracts";
import type { TestApp } from "./harness.js";

import { SCOPES } from "./sandbox-account.js";

export { BALANCE_PATH, SCOPES } from "./sandbox-account.js";

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

/** A browser at the sandbox, over real HTTP: logs in as the demo account holder and decides; the URL BTG sends it back to. */
export function consentAtSandbox(authorizationUrl: URL, decision: "allow" | "deny" = "allow"): Promise<URL> {
  return completeAuthorization(authorizationUrl.href, { decision });
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
