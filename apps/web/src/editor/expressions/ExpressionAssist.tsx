import type { FieldTemplateFormat } from "@fluxo/contracts";
import { hasExpression, tryParseTemplate } from "@fluxo/expressions";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useCodedMessage } from "../../i18n/codedMessage.js";
import { useExpressionScope } from "./ExpressionScope.js";
import { referenceProblem } from "./expressionProblem.js";
import { previewTemplate, type Preview } from "./preview.js";

/**
 * The line under an expression field: where a syntax error is (the offending character
 * marked), or a live preview of the value. Nothing for text without `{{`, and nothing for a
 * reference to a step that doesn't run before (the field's error explains that).
 */
export function ExpressionAssist({ id, text, perResponse = false, format }: { id: string; text: string; perResponse?: boolean; format?: FieldTemplateFormat | undefined }) {
  const scope = useExpressionScope();
  const outcome = useMemo(() => {
    if (!hasExpression(text)) return null;
    const parsed = tryParseTemplate(text);
    if (!parsed.ok) return { kind: "syntax" as const, offset: parsed.error.offset };
    if (!scope || referenceProblem(parsed.template, scope.stepsBefore, scope.stepId)) return null;
    if (perResponse) return { kind: "per_response" as const };
    return { kind: "preview" as const, preview: previewTemplate(parsed.template, scope.data, format) };
  }, [text, scope, perResponse, format]);

  if (!outcome) return null;
  if (outcome.kind === "syntax") return <SyntaxErrorExcerpt source={text} offset={outcome.offset} />;
  if (outcome.kind === "per_response") return <PerResponseNote id={id} />;
  return <ExpressionPreview id={id} preview={outcome.preview} />;
}

/** Whether `ExpressionAssist` shows a preview (or, for a per-answer expression, its note) that the input should be described by. */
export function hasPreview(text: string): boolean {
  return hasExpression(text) && tryParseTemplate(text).ok;
}

/** An expression the step evaluates on each answer (`.response`): there is no answer to preview it with here. */
function PerResponseNote({ id }: { id: string }) {
  const { t } = useTranslation("editor");
  return (
    <div id={id} className="expression-preview" data-testid="expression-preview">
      <span className="expression-preview__label">{t("expression.preview")}</span>
      <span className="expression-preview__note">{t("expression.perResponse", { response: ".response" })}</span>
    </div>
  );
}

const EXCERPT_RADIUS = 24;

/**
 * The text around a syntax error, on its line only, with the offending character marked (the
 * message, with the column, is the field's error).
 */
export function SyntaxErrorExcerpt({ source, offset }: { source: string; offset: number }) {
  const lineStart = source.lastIndexOf("\n", offset - 1) + 1;
  const lineBreak = source.indexOf("\n", offset);
  const lineEnd = lineBreak === -1 ? source.length : lineBreak;
  const start = Math.max(lineStart, offset - EXCERPT_RADIUS);
  const end = Math.min(lineEnd, offset + EXCERPT_RADIUS);
  const codePoint = offset < lineEnd ? source.codePointAt(offset) : undefined;
  const marked = codePoint === undefined ? "" : String.fromCodePoint(codePoint);
  return (
    <code className="expression-excerpt" aria-hidden="true" data-testid="expression-excerpt">
      {start > 0 && "…"}
      {source.slice(start, offset)}
      {/* At the end of the text, the mark stands for what is missing. */}
      <mark className={marked ? "expression-excerpt__mark" : "expression-excerpt__mark expression-excerpt__mark--end"}>{marked || " "}</mark>
      {source.slice(offset + marked.length, end)}
      {end < source.length && "…"}
    </code>
  );
}

export function ExpressionPreview({ id, preview }: { id: string; preview: Preview }) {
  const { t } = useTranslation("editor");
  const told = useCodedMessage();
  return (
    <div id={id} className={`expression-preview expression-preview--${preview.kind}`} data-testid="expression-preview">
      <span className="expression-preview__label">
        {t("expression.preview")}
        {preview.kind === "value" && ` · ${t(`expression.kind.${preview.valueKind}`)}`}
      </span>
      {preview.kind === "value" && <code className="expression-preview__value">{preview.text === "" ? t("expression.emptyText") : preview.text}</code>}
      {preview.kind === "error" && <span className="expression-preview__error">{told(preview)}</span>}
      {preview.kind === "unknown_path" && (
        <span className="expression-preview__error">{t("expression.unknownPath", { path: preview.path, root: preview.root, expected: preview.expected.join(", ") })}</span>
      )}
      {preview.kind === "no_sample_input" && (
        <span className="expression-preview__note">
          {t("expression.noSampleInput")} <span className="muted">({t("expression.noSampleInputDetail")})</span>
        </span>
      )}
      {preview.kind === "no_execution_data" && (
        <span className="expression-preview__note">
          {t("expression.noExecutionData")} <span className="muted">({t("expression.noExecutionDataDetail", { steps: preview.stepIds.join(", ") })})</span>
        </span>
      )}
    </div>
  );
}
