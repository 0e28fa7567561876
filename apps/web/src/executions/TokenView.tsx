import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert, CheckIcon, CopyIcon, EyeIcon, EyeOffIcon, IconButton, JsonTree, copyText, describeError, formatDateTime, formatRelativeTime, useToast } from "../ui/index.js";
import { decodeJwt, maskToken, numericDate } from "./jwt.js";
import type { TokenBody } from "./tokenBody.js";

const SHOWN_CLAIMS = ["iss", "sub", "client_id", "scope"] as const;

/**
 * What BTG-ID granted: the access token (masked) and, for a JWS, its decoded header and
 * claims. The API sends the token without its signature; `reveal` fetches the whole one
 * (only for those allowed to see it, so it is absent for a viewer) to show or copy it.
 */
export function TokenView({ body, reveal }: { body: TokenBody; reveal?: () => Promise<string> }) {
  const { t } = useTranslation("executions");
  const { t: tc } = useTranslation("common");
  const toast = useToast();
  const [revealed, setRevealed] = useState(false);
  const [whole, setWhole] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const token = body.access_token;
  const decoded = decodeJwt(token);
  const fetchWhole = async () => {
    if (whole) return whole;
    const value = await reveal!();
    setWhole(value);
    return value;
  };
  const toggle = () => {
    if (revealed) return setRevealed(false);
    fetchWhole().then(() => setRevealed(true), (error: unknown) => toast.error(describeError(error, tc)));
  };
  const copy = () => {
    fetchWhole()
      .then(copyText)
      .then(() => {
        setCopied(true);
        window.setTimeout(() => setCopied(false), 1500);
      }, (error: unknown) => toast.error(describeError(error, tc)));
  };

  return (
    <div className="token-view" data-testid="token-view">
      <div className="token-view__token">
        <code className="token-view__value" aria-label={t("token.accessToken")}>
          {revealed && whole ? whole : maskToken(token)}
        </code>
        {reveal && (
          <>
            <IconButton size="sm" label={revealed ? t("token.hide") : t("token.reveal")} icon={revealed ? <EyeOffIcon /> : <EyeIcon />} aria-pressed={revealed} onClick={toggle} />
            <IconButton size="sm" label={copied ? tc("ui.copied") : t("token.copy")} icon={copied ? <CheckIcon /> : <CopyIcon />} onClick={copy} />
          </>
        )}
      </div>
      <dl className="facts">
        {typeof body.token_type === "string" && <Fact term={t("token.type")} value={body.token_type} />}
        {typeof body.expires_in === "number" && <Fact term={t("token.expiresIn")} value={t("token.seconds", { count: body.expires_in })} />}
      </dl>
      {decoded.kind === "jwe" && (
        <>
          <Alert tone="info" title={t("token.encrypted")}>
            {t("token.encryptedDetail")}
          </Alert>
          <h4 className="section-subtitle">{t("token.header")}</h4>
          <JsonTree value={decoded.header} label={t("token.header")} />
        </>
      )}
      {decoded.kind === "invalid" && <Alert tone="info">{t("token.opaque")}</Alert>}
      {decoded.kind === "jws" && <JwtClaims header={decoded.header} claims={decoded.claims} />}
    </div>
  );
}

function JwtClaims({ header, claims }: { header: Record<string, unknown>; claims: Record<string, unknown> }) {
  const { t, i18n } = useTranslation("executions");
  const exp = numericDate(claims.exp);
  const iat = numericDate(claims.iat);
  const now = new Date();
  return (
    <div className="jwt" data-testid="jwt-claims">
      <h4 className="section-subtitle">{t("token.claims")}</h4>
      <dl className="facts">
        {SHOWN_CLAIMS.filter((c) => claims[c] !== undefined).map((claim) => (
          <Fact key={claim} term={claim} value={String(claims[claim])} mono />
        ))}
        {iat && <Fact term="iat" value={formatDateTime(iat.toISOString(), i18n.language)} />}
        {exp && (
          <Fact
            term="exp"
            value={`${formatDateTime(exp.toISOString(), i18n.language)} · ${
              exp > now
                ? t("token.expiresRelative", { when: formatRelativeTime(exp.toISOString(), now, i18n.language) })
                : t("token.expiredRelative", { when: formatRelativeTime(exp.toISOString(), now, i18n.language) })
            }`}
          />
        )}
      </dl>
      {claims.authorization_details !== undefined && (
        <>
          <h4 className="section-subtitle">authorization_details</h4>
          <JsonTree value={claims.authorization_details} label="authorization_details" expandDepth={4} />
        </>
      )}
      <details className="subsection">
        <summary>{t("token.allClaims")}</summary>
        <JsonTree value={claims} label={t("token.allClaims")} />
      </details>
      <details className="subsection">
        <summary>{t("token.header")}</summary>
        <JsonTree value={header} label={t("token.header")} />
      </details>
    </div>
  );
}

function Fact({ term, value, mono = false }: { term: string; value: string; mono?: boolean }) {
  return (
    <div className="facts__row">
      <dt>{term}</dt>
      <dd className={mono ? "mono" : undefined}>{value}</dd>
    </div>
  );
}
