import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Connection, ConnectionAuthorization } from "@fluxo/contracts";
import { ConsentBadge } from "./ConsentBadge.js";
import { codedMessage } from "../i18n/codedMessage.js";
import "./oauth-panel.css";
import { useDisconnectOAuth, useOAuthConfig, useStartOAuth } from "../api/connections.js";
import { Alert, Button, CopyButton, DateTime, describeError, useToast } from "../ui/index.js";

const NOT_CONNECTED: ConnectionAuthorization = { status: "not_connected", subject: null, scope: "", connectedAt: null, refreshedAt: null, accessExpiresAt: null, refreshExpiresAt: null, problem: null, problemCode: null, problemParams: null };

/** How a "Conectar com o BTG" came back (the callback's redirect says it in the URL). */
export interface OAuthOutcome {
  result: string;
  reason: string | null;
}

export interface OAuthConnectPanelProps {
  connection: Connection | undefined;
  /** Saves the form when it has unsaved edits (or was never saved); the connection to connect, or null when saving failed. */
  saveFirst: () => Promise<Connection | null>;
  outcome: OAuthOutcome | null;
}

/**
 * The Authorization Code part of a connection: the redirect URI to register at BTG, the
 * consent's state (who, which scopes, until when) and the "Conectar com o BTG" button, which
 * saves pending edits first and then sends the browser to BTG's login.
 */
export function OAuthConnectPanel({ connection, saveFirst, outcome }: OAuthConnectPanelProps) {
  const { t, i18n } = useTranslation("connections");
  const { t: tc } = useTranslation("common");
  const toast = useToast();
  const config = useOAuthConfig(true);
  const start = useStartOAuth();
  const disconnect = useDisconnectOAuth();
  const [error, setError] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const authorization = connection?.authorization ?? null;
  const section = useRef<HTMLElement>(null);
  // Back from BTG: the outcome is what the person came to see, below the connection's fields.
  useEffect(() => {
    if (outcome) section.current?.scrollIntoView({ block: "center" });
  }, [outcome]);
  const status = authorization?.status ?? "not_connected";

  const connect = async () => {
    setError(null);
    const saved = await saveFirst();
    if (!saved) return;
    try {
      const { authorizationUrl } = await start.mutateAsync(saved.id);
      setLeaving(true);
      window.location.assign(authorizationUrl);
    } catch (failure) {
      setError(describeError(failure, tc));
    }
  };

  const forget = async () => {
    if (!connection) return;
    setError(null);
    try {
      const result = await disconnect.mutateAsync(connection.id);
      toast.success(result.revoked ? t("oauth.disconnectedRevoked") : t("oauth.disconnectedNotRevoked"));
    } catch (failure) {
      setError(describeError(failure, tc));
    }
  };

  return (
    <section ref={section} className="oauth-panel" aria-labelledby="oauth-panel-title" data-testid="oauth-panel">
      <h3 id="oauth-panel-title" className="oauth-panel__title">
        {t("oauth.title")}
        <ConsentBadge authorization={authorization ?? { ...NOT_CONNECTED }} />
      </h3>
      {outcome && <OutcomeAlert outcome={outcome} />}
      <div className="oauth-panel__redirect">
        <span className="field__label" id="oauth-redirect-label">
          {t("oauth.redirectUri")}
        </span>
        <div className="oauth-panel__redirect-value">
          <code aria-labelledby="oauth-redirect-label" data-testid="oauth-redirect-uri">
            {config.data?.redirectUri ?? "…"}
          </code>
          {config.data && <CopyButton value={config.data.redirectUri} label={t("oauth.copyRedirectUri")} />}
        </div>
        <p className="field__help">{t("oauth.redirectUriHelp")}</p>
      </div>
      {authorization && status !== "not_connected" && (
        <dl className="oauth-panel__facts">
          {authorization.subject && (
            <>
              <dt>{t("oauth.subject")}</dt>
              <dd data-testid="oauth-subject">{authorization.subject}</dd>
            </>
          )}
          {status === "connected" && (
            <>
              <dt>{t("oauth.scopes")}</dt>
              <dd>{authorization.scope ? <code>{authorization.scope}</code> : t("oauth.noScopes")}</dd>
              {authorization.refreshExpiresAt && (
                <>
                  <dt>{t("oauth.refreshExpires")}</dt>
                  <dd>
                    <DateTime value={authorization.refreshExpiresAt} />
                  </dd>
                </>
              )}
            </>
          )}
        </dl>
      )}
      {status === "reconnect_required" && (
        <Alert tone="error">
          {t("oauth.reconnectNeeded")} {authorization?.problem && codedMessage({ message: authorization.problem, ...(authorization.problemCode ? { messageCode: authorization.problemCode } : {}), ...(authorization.problemParams ? { messageParams: authorization.problemParams } : {}) }, i18n.language)}
        </Alert>
      )}
      {error && (
        <Alert tone="error" live>
          {error}
        </Alert>
      )}
      <div className="oauth-panel__actions">
        <Button variant={status === "connected" ? "secondary" : "primary"} loading={start.isPending || leaving} onClick={() => void connect()}>
          {status === "not_connected" ? t("oauth.connect") : t("oauth.reconnect")}
        </Button>
        {status === "connected" && (
          <Button variant="ghost" loading={disconnect.isPending} onClick={() => void forget()}>
            {t("oauth.disconnect")}
          </Button>
        )}
      </div>
    </section>
  );
}

function OutcomeAlert({ outcome }: { outcome: OAuthOutcome }) {
  const { t } = useTranslation("connections");
  if (outcome.result === "conectado") {
    return (
      <Alert tone="success" live>
        {t("oauth.outcome.conectado")}
      </Alert>
    );
  }
  const known = t(`oauth.outcome.${outcome.result}`, { defaultValue: "" });
  return (
    <Alert tone="error" live>
      {known || t("oauth.outcome.unknown")}
      {outcome.reason && outcome.reason !== outcome.result ? ` ${t("oauth.outcome.reason", { reason: outcome.reason })}` : ""}
    </Alert>
  );
}
