import type { StepAttempt } from "@fluxo/contracts";
import { useTranslation } from "react-i18next";
import { StatusBadge, formatDuration } from "../ui/index.js";
import { exchangesOf } from "./exchanges.js";
import { HttpExchangeList } from "./HttpExchangeList.js";
import { codedMessage } from "../i18n/codedMessage.js";

/** Every try of a step that was retried, in order: outcome, time, the error, the wait before the next, and its exchanges. */
export function AttemptList({ attempts }: { attempts: readonly StepAttempt[] }) {
  const { t, i18n } = useTranslation("executions");
  return (
    <ol className="attempts">
      {attempts.map((attempt) => {
        const exchanges = exchangesOf(attempt);
        return (
          <li key={attempt.attempt}>
            <details className="attempts__item">
              <summary className="attempts__summary">
                <span className="attempts__title">{t("details.attemptN", { n: attempt.attempt })}</span>
                <StatusBadge status={attempt.error ? "failed" : "succeeded"} />
                <span className="muted">{formatDuration(attempt.durationMs, i18n.language)}</span>
                {attempt.retryInMs !== undefined && <span className="muted">· {t("details.retryIn", { wait: formatDuration(attempt.retryInMs, i18n.language) })}</span>}
              </summary>
              <div className="attempts__body">
                {attempt.error && (
                  <p className="attempts__error">
                    <strong>{t(`errorKind.${attempt.error.kind}.title`)}</strong>: {codedMessage(attempt.error, i18n.language)}
                  </p>
                )}
                {exchanges.length > 0 && <HttpExchangeList exchanges={exchanges} />}
              </div>
            </details>
          </li>
        );
      })}
    </ol>
  );
}
