import { hash, timingSafeEqual } from "node:crypto";
import { invalidClient, invalidRequest } from "./oauth-error.js";

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Undoes application/x-www-form-urlencoded encoding (RFC 6749 §2.3.1, Appendix B). */
function formDecode(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, " "));
}

function parseBasic(authorization: string): { clientId: string; clientSecret: string } {
  const match = /^Basic +(\S+) *$/i.exec(authorization);
  if (!match) throw invalidClient("the Authorization header must be Basic base64(client_id:client_secret)");
  const encoded = match[1] ?? "";
  let decoded: string;
  try {
    if (!BASE64.test(encoded)) throw new Error("not base64");
    decoded = strictUtf8.decode(Buffer.from(encoded, "base64"));
  } catch {
    throw invalidClient("the Basic credentials are not valid base64 of UTF-8 text");
  }
  const colon = decoded.indexOf(":");
  if (colon < 0) throw invalidClient("the Basic credentials must be client_id:client_secret");
  try {
    return { clientId: formDecode(decoded.slice(0, colon)), clientSecret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    throw invalidClient("the Basic credentials are not correctly form-urlencoded");
  }
}

function digest(text: string): Buffer {
  return hash("sha256", text, "buffer");
}

/**
 * Authenticates the client by client_secret_basic or client_secret_post and returns its
 * id. Both methods at once → 400 invalid_request; none, or wrong credentials → 401
 * invalid_client (the same description for an unknown id and a wrong secret).
 */
export function authenticateClient(
  authorization: string | undefined,
  form: ReadonlyMap<string, string>,
  clients: ReadonlyMap<string, string>,
): string {
  const bodyId = form.get("client_id");
  const bodySecret = form.get("client_secret");

  let clientId: string;
  let clientSecret: string;
  if (authorization !== undefined) {
    if (bodySecret !== undefined) {
      throw invalidRequest("use one client authentication method: the Authorization header or client_secret in the body, not both");
    }
    ({ clientId, clientSecret } = parseBasic(authorization));
    if (bodyId !== undefined && bodyId !== clientId) {
      throw invalidRequest("client_id in the body does not match the client of the Authorization header");
    }
  } else if (bodyId !== undefined && bodySecret !== undefined) {
    clientId = bodyId;
    clientSecret = bodySecret;
  } else {
    throw invalidClient(
      "client authentication is required: HTTP Basic (client_secret_basic) or client_id and client_secret in the body (client_secret_post)",
    );
  }

  const expected = clients.get(clientId);
  // Compare digests so the time taken says nothing about the secret.
  const matches = timingSafeEqual(digest(expected ?? ""), digest(clientSecret));
  if (expected === undefined || !matches) throw invalidClient("client authentication failed");
  return clientId;
}
