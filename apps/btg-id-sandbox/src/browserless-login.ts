import { DEMO_ACCOUNT } from "./config.js";

/** How completeAuthorization answers the login and consent pages. */
export interface AccountHolderChoices {
  /** Default: the demo account's. */
  email?: string;
  password?: string;
  /** Default "allow" ("Autorizar"); "deny" clicks "Negar". */
  decision?: "allow" | "deny";
}

const REQUEST_ID = /name="request_id" value="([A-Za-z0-9_-]+)"/;

/**
 * Plays the account holder's browser over real HTTP, for tests without Chromium: opens
 * `authorizeUrl`, logs in, answers the consent, and returns the URL the sandbox finally
 * redirects to (the client's redirect URI with `code` or `error`, `state` and `iss`).
 * Throws when a page answers something else (a wrong password, an error page).
 */
export async function completeAuthorization(authorizeUrl: string, choices: AccountHolderChoices = {}): Promise<URL> {
  const origin = new URL(authorizeUrl).origin;
  let cookie = "";
  const go = async (url: string, form?: Record<string, string>): Promise<Response> => {
    const response = await fetch(new URL(url, origin), {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers: { ...(cookie ? { Cookie: cookie } : {}), ...(form ? { "Content-Type": "application/x-www-form-urlencoded" } : {}) },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    const setCookie = response.headers.get("set-cookie");
    if (setCookie) cookie = setCookie.split(";")[0] ?? "";
    return response;
  };
  const location = (response: Response): URL => {
    const target = response.headers.get("location");
    if (response.status !== 303 || target === null) throw new Error(`expected a redirect from the sandbox, got ${response.status}`);
    return new URL(target, origin);
  };
  const requestIdOf = async (response: Response, page: string): Promise<string> => {
    const html = await response.text();
    const id = REQUEST_ID.exec(html)?.[1];
    if (response.status !== 200 || id === undefined) throw new Error(`the ${page} page did not open (${response.status})`);
    return id;
  };

  const toLogin = location(await go(authorizeUrl));
  if (toLogin.origin !== origin || toLogin.pathname !== "/oauth2/login") return toLogin; // an error sent back to the client
  const loginId = await requestIdOf(await go(toLogin.href), "login");
  const loggedIn = await go("/oauth2/login", {
    request_id: loginId,
    email: choices.email ?? DEMO_ACCOUNT.email,
    password: choices.password ?? DEMO_ACCOUNT.password,
  });
  if (loggedIn.status === 200) throw new Error("the sandbox refused the e-mail or password");
  const toConsent = location(loggedIn);
  if (toConsent.origin !== origin) return toConsent; // too many failed logins: access_denied
  const consentId = await requestIdOf(await go(toConsent.href), "consent");
  return location(await go("/oauth2/consent", { request_id: consentId, decision: choices.decision ?? "allow" }));
}
