import type { Request, Response } from "express";
import { authenticateClient } from "./client-auth.js";
import { parseForm } from "./form.js";
import { OAuthError, invalidRequest } from "./oauth-error.js";
import { bodyError, readBodyText } from "./request-body.js";

export interface ClientRequest {
  form: Map<string, string>;
  /** The authenticated client. */
  clientId: string;
}

/**
 * Reads a client's form POST (token and revocation endpoints): Content-Type, body size,
 * no repeated parameter, then client authentication. Throws OAuthError.
 */
export async function readClientRequest(req: Request, res: Response, clients: ReadonlyMap<string, string>): Promise<ClientRequest> {
  if (!req.is("application/x-www-form-urlencoded")) {
    throw invalidRequest("Content-Type must be application/x-www-form-urlencoded");
  }
  let text: string;
  try {
    text = await readBodyText(req, res);
  } catch (err) {
    throw bodyError(err) ?? err;
  }
  const form = parseForm(text);
  return { form, clientId: authenticateClient(req.get("authorization"), form, clients) };
}

/** The OAuthError to answer for `err`; anything else is logged (never with secrets) and becomes server_error. */
export function asOAuthError(err: unknown, log: (line: string) => void, where: string): OAuthError {
  if (err instanceof OAuthError) return err;
  log(`btg-id-sandbox: unexpected error on ${where}: ${err instanceof Error ? err.message : String(err)}`);
  return new OAuthError(500, "server_error", "the sandbox failed unexpectedly");
}
