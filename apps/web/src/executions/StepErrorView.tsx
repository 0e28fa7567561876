import { fieldTextIn, type StepErrorInfo } from "@fluxo/contracts";
import { useTranslation } from "react-i18next";
import { Alert } from "../ui/index.js";
import { carriesOwnAdvice, CONSENT_CODES, useCodedMessage } from "../i18n/codedMessage.js";

/**
 * A failed step: the service's error code and description first, then one piece of advice —
 * the connector's own message when it tells what to do for that code, else what the kind of
 * failure means (in the connector's terms when the catalog has them) followed by the message —
 * and whether it was deliberately not tried again.
 */
export function StepErrorView({ error, operation }: { error: StepErrorInfo; /** `<connector>_<operation>`: the catalog may explain a kind in that operation's terms. */ operation?: string }) {
  const { t, i18n } = useTranslation("executions");
  const told = useCodedMessage()(error);
  // One field the message already tells of (an expression's error, say) isn't listed again.
  const fields = error.fields ?? [];
  const listFields = fields.length > 1 || (fields.length === 1 && !error.message.includes(fields[0]!.message));
  // A consented connection's own failures (reconnect, refresh budget) say more than their kind does.
  const about = error.code && CONSENT_CODES.has(error.code) ? `errorCode.${error.code}` : `errorKind.${error.kind}`;
  // One piece of advice per error: the connector's own, when its message carries one, replaces the generic hint.
  const ownAdvice = carriesOwnAdvice(error);
  return (
    <Alert tone="error" title={t(`${about}.title`)}>
      <div className="step-error" data-testid="step-error">
        {error.code && (
          <p className="step-error__code">
            <code>{error.code}</code>
            {error.status !== undefined && <span className="step-error__status">HTTP {error.status}</span>}
          </p>
        )}
        {error.description && <p className="step-error__description">{error.description}</p>}
        {!error.code && error.status !== undefined && <p>HTTP {error.status}</p>}
        <p className="step-error__explanation" data-testid="step-error-advice">
          {ownAdvice ? withoutQuote(told, error.description) : t(`${about}.explanation`, { example: "{{ .input.body.x }}", context: operation })}
        </p>
        {error.retryable === false && <p className="step-error__not-retried">{t("details.notRetried")}</p>}
        {!ownAdvice && told && told !== error.description && <p className="step-error__message muted">{withoutQuote(told, error.description)}</p>}
        {listFields && (
          <ul className="step-error__fields">
            {fields.map((f) => (
              <li key={f.path}>
                <code>{f.path}</code>: {fieldTextIn(f.message, i18n.language === "en" ? "en" : "pt-BR")}
              </li>
            ))}
          </ul>
        )}
      </div>
    </Alert>
  );
}

/** The message without the service's words it quotes (": <description>"), which are shown just above. */
function withoutQuote(message: string, description: string | undefined): string {
  return description ? message.replace(`: ${description}`, "") : message;
}
