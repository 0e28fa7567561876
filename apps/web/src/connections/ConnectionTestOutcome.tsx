import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { ConnectionTestResult } from "@fluxo/contracts";
import { codedMessage, CONSENT_CODES } from "../i18n/codedMessage.js";
import { Alert, formatDuration } from "../ui/index.js";

/** "invalid_client — Client authentication failed": the remote service's own words, when it gave them. */
export function remoteErrorText(result: ConnectionTestResult): string | undefined {
  const { code, description } = result.error ?? {};
  // Fluxo's own consent codes aren't a service's words: the coded message tells them.
  if (code && CONSENT_CODES.has(code)) return undefined;
  if (code && description) return `${code} — ${description}`;
  return code ?? description;
}

/** What a test says in `language`: its coded message (a failure's is its error's) told in it; the stored pt-BR one otherwise. */
export function testMessage(result: ConnectionTestResult, language: string): string {
  return codedMessage(!result.ok && result.error ? result.error : result, language);
}

/** A test's outcome, scrolled into view: it appears below the fields, often past the dialog's fold. */
export function ConnectionTestOutcome({ result }: { result: ConnectionTestResult }) {
  const { t, i18n } = useTranslation("connections");
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView?.({ block: "nearest", behavior: "smooth" });
  }, [result]);
  const duration = formatDuration(result.durationMs, i18n.language);
  const remote = result.ok ? undefined : remoteErrorText(result);
  return (
    <div ref={ref}>
      <Alert tone={result.ok ? "success" : "error"} title={result.ok ? t("test.succeeded") : t("test.failed")} live>
        {remote && <code className="test-outcome__code">{remote}</code>}
        <span>
          {testMessage(result, i18n.language)}
          {!result.ok && result.error?.status ? ` · HTTP ${result.error.status}` : ""} <span className="muted">({duration})</span>
        </span>
      </Alert>
    </div>
  );
}

/** What the notifications about a connection's test are about: the latest test's outcome replaces the one before. */
export function connectionTestTopic(connectionId: string): string {
  return `connection-test:${connectionId}`;
}
