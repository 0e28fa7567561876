import { hash, timingSafeEqual } from "node:crypto";
import { DEMO_ACCOUNT } from "../config.js";

/** The person who logs in at the authorization page and consents. */
export interface AccountHolder {
  /** The tokens' `sub`. */
  subject: string;
  email: string;
  name: string;
}

function digest(text: string): Buffer {
  return hash("sha256", text, "buffer");
}

/**
 * Checks an e-mail and password against the sandbox's one account (the demo account).
 * E-mail case and surrounding spaces do not matter; the password is compared in constant
 * time. Returns the account holder, or undefined.
 */
export function authenticateAccountHolder(email: string, password: string): AccountHolder | undefined {
  const emailMatches = email.trim().toLowerCase() === DEMO_ACCOUNT.email;
  const passwordMatches = timingSafeEqual(digest(password), digest(DEMO_ACCOUNT.password));
  if (!emailMatches || !passwordMatches) return undefined;
  return { subject: DEMO_ACCOUNT.subject, email: DEMO_ACCOUNT.email, name: DEMO_ACCOUNT.name };
}
