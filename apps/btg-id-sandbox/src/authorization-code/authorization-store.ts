import { createHash, randomBytes } from "node:crypto";
import type { AccountHolder } from "./account-holders.js";
import type { AuthorizeRequest } from "./authorize-request.js";

/** How long a person has between opening the authorization page and consenting. */
export const PENDING_AUTHORIZATION_TTL_MS = 10 * 60_000;
/**
 * Codes and refresh tokens are remembered this long past their expiry, so a late use is
 * told "expired" (and a replayed code is still spotted, BCP §4.5) rather than "unknown".
 */
const EXPIRED_MEMORY_MS = 10 * 60_000;
const SWEEP_EVERY_MS = 1_000;

/** An /oauth2/authorize request between the login page and the consent. */
export interface PendingAuthorization extends AuthorizeRequest {
  id: string;
  /** The browser that opened it (the login cookie): only that browser may continue it. */
  browserId: string;
  expiresAt: number;
  /** Set once the account holder has logged in. */
  holder?: AccountHolder;
  /** Seconds since the epoch, when the holder logged in (OIDC auth_time). */
  authTime?: number;
  /** Wrong passwords so far. */
  failedLogins?: number;
}

export type NewAuthorization = Omit<PendingAuthorization, "id" | "expiresAt" | "holder" | "authTime" | "failedLogins">;

/** What a code was issued for. */
export interface CodeGrant {
  clientId: string;
  redirectUri: string;
  scope: string;
  codeChallenge: string;
  nonce: string | undefined;
  holder: AccountHolder;
  authTime: number;
}

interface StoredCode extends CodeGrant {
  expiresAt: number;
  spent: boolean;
  /** The tokens issued from this code, once exchanged. */
  familyId?: string;
}

/** The tokens descending from one consent: the first exchange and every refresh after it. */
export interface TokenFamily {
  clientId: string;
  holder: AccountHolder;
  scope: string;
  authTime: number;
  revoked: boolean;
  /** jti → expiry (ms) of the access tokens issued in the family. */
  accessTokens: Map<string, number>;
}

interface StoredRefreshToken {
  familyId: string;
  expiresAt: number;
  /** Already exchanged for a newer one: using it again is a replay. */
  rotated: boolean;
}

export type CodeOutcome =
  | { outcome: "ok"; grant: CodeGrant; spend: (familyId: string) => void }
  | { outcome: "unknown" | "other_client" | "expired" | "replayed" };

export type RefreshOutcome =
  | { outcome: "ok"; familyId: string; family: TokenFamily }
  | { outcome: "unknown" | "other_client" | "expired" | "revoked" | "reused" };

function randomToken(): string {
  return randomBytes(32).toString("base64url");
}

// Codes and refresh tokens are kept by digest, so the store never holds a usable credential.
function keyOf(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

/**
 * The server-side state of the Authorization Code grant: pending authorizations, codes,
 * refresh token families (rotation and reuse detection) and revoked access tokens.
 * In memory, per sandbox instance; expired entries are swept as new ones arrive.
 */
export class AuthorizationStore {
  private readonly pending = new Map<string, PendingAuthorization>();
  private readonly codes = new Map<string, StoredCode>();
  private readonly families = new Map<string, TokenFamily>();
  private readonly refreshTokens = new Map<string, StoredRefreshToken>();
  /** jti → expiry (ms): revoked access tokens, remembered until they would have expired. */
  private readonly revokedAccessTokens = new Map<string, number>();
  private lastSweep = 0;

  begin(request: NewAuthorization): PendingAuthorization {
    this.sweep();
    const pending: PendingAuthorization = { ...request, id: randomToken(), expiresAt: Date.now() + PENDING_AUTHORIZATION_TTL_MS };
    this.pending.set(pending.id, pending);
    return pending;
  }

  /** The pending authorization `id`, when it exists, has not expired and belongs to this browser. */
  findPending(id: string, browserId: string | undefined): PendingAuthorization | undefined {
    const pending = this.pending.get(id);
    if (!pending || browserId === undefined || pending.browserId !== browserId) return undefined;
    if (Date.now() >= pending.expiresAt) {
      this.pending.delete(id);
      return undefined;
    }
    return pending;
  }

  /** Ends a pending authorization (consent given or refused). */
  finish(pending: PendingAuthorization): void {
    this.pending.delete(pending.id);
  }

  /** Issues a one-time code for a consented authorization and ends it. */
  issueCode(pending: PendingAuthorization, holder: AccountHolder, authTime: number, ttlSeconds: number): string {
    this.finish(pending);
    const code = randomToken();
    this.codes.set(keyOf(code), {
      clientId: pending.clientId,
      redirectUri: pending.redirectUri,
      scope: pending.scope,
      codeChallenge: pending.codeChallenge,
      nonce: pending.nonce,
      holder,
      authTime,
      expiresAt: Date.now() + ttlSeconds * 1000,
      spent: false,
    });
    return code;
  }

  /**
   * Looks a code up for its client. The first attempt by that client spends it, whatever
   * the outcome of the checks that follow; a second attempt revokes the tokens issued from
   * it (Security BCP §4.5: a replayed code may have been stolen).
   */
  takeCode(code: string, clientId: string): CodeOutcome {
    this.sweep();
    const stored = this.codes.get(keyOf(code));
    if (!stored) return { outcome: "unknown" };
    if (stored.clientId !== clientId) return { outcome: "other_client" };
    if (stored.spent) {
      if (stored.familyId !== undefined) this.revokeFamily(stored.familyId);
      return { outcome: "replayed" };
    }
    stored.spent = true;
    if (Date.now() >= stored.expiresAt) return { outcome: "expired" };
    return {
      outcome: "ok",
      grant: stored,
      spend: (familyId) => {
        stored.familyId = familyId;
      },
    };
  }

  openFamily(fields: Omit<TokenFamily, "revoked" | "accessTokens">): { familyId: string; family: TokenFamily } {
    const familyId = randomToken();
    const family: TokenFamily = { ...fields, revoked: false, accessTokens: new Map() };
    this.families.set(familyId, family);
    return { familyId, family };
  }

  recordAccessToken(familyId: string, jti: string, expiresAt: number): void {
    this.families.get(familyId)?.accessTokens.set(jti, expiresAt);
  }

  issueRefreshToken(familyId: string, ttlSeconds: number): { refreshToken: string; expiresAt: number } {
    const refreshToken = randomToken();
    const expiresAt = Date.now() + ttlSeconds * 1000;
    this.refreshTokens.set(keyOf(refreshToken), { familyId, expiresAt, rotated: false });
    return { refreshToken, expiresAt };
  }

  /**
   * Redeems a refresh token for its client: valid once (rotation). Presenting one that was
   * already rotated revokes its whole family (Security BCP §4.14.2). `check` sees a valid
   * token's family before the token is spent, and may refuse the request by throwing.
   */
  rotateRefreshToken(refreshToken: string, clientId: string, check: (family: TokenFamily) => void = () => {}): RefreshOutcome {
    this.sweep();
    const stored = this.refreshTokens.get(keyOf(refreshToken));
    const family = stored ? this.families.get(stored.familyId) : undefined;
    if (!stored || !family) return { outcome: "unknown" };
    if (family.clientId !== clientId) return { outcome: "other_client" };
    if (family.revoked) return { outcome: "revoked" };
    if (stored.rotated) {
      this.revokeFamily(stored.familyId);
      return { outcome: "reused" };
    }
    if (Date.now() >= stored.expiresAt) return { outcome: "expired" };
    check(family); // may throw, leaving the token unspent
    stored.rotated = true;
    return { outcome: "ok", familyId: stored.familyId, family };
  }

  /** The family of a refresh token, for revocation (RFC 7009); undefined when unknown. */
  familyOfRefreshToken(refreshToken: string): { familyId: string; family: TokenFamily } | undefined {
    const stored = this.refreshTokens.get(keyOf(refreshToken));
    const family = stored ? this.families.get(stored.familyId) : undefined;
    return stored && family ? { familyId: stored.familyId, family } : undefined;
  }

  /** Revokes every refresh token of the family and every access token issued in it. */
  revokeFamily(familyId: string): void {
    const family = this.families.get(familyId);
    if (!family) return;
    family.revoked = true;
    for (const [jti, expiresAt] of family.accessTokens) this.revokedAccessTokens.set(jti, expiresAt);
  }

  revokeAccessToken(jti: string, expiresAt: number): void {
    this.revokedAccessTokens.set(jti, expiresAt);
  }

  isAccessTokenRevoked(jti: string): boolean {
    return this.revokedAccessTokens.has(jti);
  }

  private sweep(): void {
    const now = Date.now();
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    for (const [id, pending] of this.pending) if (now >= pending.expiresAt) this.pending.delete(id);
    for (const [key, code] of this.codes) if (now >= code.expiresAt + EXPIRED_MEMORY_MS) this.codes.delete(key);
    for (const [key, token] of this.refreshTokens) if (now >= token.expiresAt + EXPIRED_MEMORY_MS) this.refreshTokens.delete(key);
    for (const [jti, expiresAt] of this.revokedAccessTokens) if (now >= expiresAt) this.revokedAccessTokens.delete(jti);
    const inUse = new Set<string>();
    for (const token of this.refreshTokens.values()) inUse.add(token.familyId);
    for (const code of this.codes.values()) if (code.familyId !== undefined) inUse.add(code.familyId);
    for (const [id, family] of this.families) {
      for (const [jti, expiresAt] of family.accessTokens) if (now >= expiresAt) family.accessTokens.delete(jti);
      if (!inUse.has(id) && family.accessTokens.size === 0) this.families.delete(id);
    }
  }
}
