import { useTranslation } from "react-i18next";

/** Says a field accepts `{{ }}` expressions, next to its own help text. */
export function ExpressionHint({ help }: { help?: string }) {
  const { t } = useTranslation("editor");
  return (
    <>
      <span className="expression-badge" title={t("fields.suggestionsShortcut", { open: "{{" })}>
        {"{{ }}"}
      </span>{" "}
      {t("fields.acceptsExpressions", { open: "{{" })}
      {help && <span className="expression-hint__help"> · {help}</span>}
    </>
  );
}
