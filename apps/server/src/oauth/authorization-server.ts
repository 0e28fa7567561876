import { HttpClientError, tokenEndpoint, type HttpClient } from "@fluxo/connectors";
import { z } from "zod";

/** Where an environment's authorization server takes people and tokens (RFC 8414 metadata). */
export interface AuthorizationServer {
  issuer: string;
  authorizationEndpoint: string;
  revocationEndpoint: string | null;
}

const MetadataSchema = z.object({
  issuer: z.string().url(),
  authorization_endpoint: z.string().url().optional(),
  revocation_endpoint: z.string().url().optional(),
});

const CACHE_MS = 5 * 60_000;

/**
 * Reads `<environment>/.well-known/openid-configuration` (then RFC 8414's
 * oauth-authorization-server). Without metadata the environment's own address is the issuer and
 * `/oauth2/authorize` its authorization endpoint, as BTG documents; revocation is then not offered.
 */
export class AuthorizationServers {
  private readonly known = new Map<string, { server: AuthorizationServer; until: number }>();

  constructor(private readonly http: HttpClient) {}

  async of(environmentUrl: string): Promise<AuthorizationServer> {
    const base = tokenEndpoint(environmentUrl).replace(/\/oauth2\/token$/, "");
    const cached = this.known.get(base);
    if (cached && cached.until > Date.now()) return cached.server;
    const server = (await this.discover(base)) ?? { issuer: base, authorizationEndpoint: `${base}/oauth2/authorize`, revocationEndpoint: null };
    this.known.set(base, { server, until: Date.now() + CACHE_MS });
    return server;
  }

  private async discover(base: string): Promise<AuthorizationServer | null> {
    for (const path of ["/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"]) {
      try {
        const response = await this.http({ method: "GET", url: `${base}${path}`, headers: { accept: "application/json" }, timeoutMs: 10_000 });
        if (response.status !== 200) continue;
        const parsed = MetadataSchema.safeParse(JSON.parse(response.bodyText));
        if (!parsed.success) continue;
        const metadata = parsed.data;
        return { issuer: metadata.issuer, authorizationEndpoint: metadata.authorization_endpoint ?? `${base}/oauth2/authorize`, revocationEndpoint: metadata.revocation_endpoint ?? null };
      } catch (error) {
        if (error instanceof SyntaxError || error instanceof HttpClientError) continue;
        throw error;
      }
    }
    return null;
  }
}
