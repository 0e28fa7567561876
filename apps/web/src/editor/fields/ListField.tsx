import type { FieldMeta } from "@fluxo/contracts";
import { useCallback, useEffect, useRef, useState, type ReactNode, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { BracesIcon } from "../../ui/index.js";
import { ExpressionField } from "../expressions/ExpressionField.js";
import { pathKey, type ParamPath } from "../parameters.js";
import { ExpressionHint } from "./ExpressionHint.js";
import { useParameterForm } from "./ParameterFormContext.js";

/**
 * What both list fields (Locations, Authorization Details…) share: the legend with the
 * required mark, the switch between a list and one `{{ … }}` that yields the whole list,
 * the help text, then either the list or the expression.
 */
export function ListFieldFrame({
  field,
  path,
  value,
  className,
  asExpression,
  onToggleMode,
  children,
}: {
  field: FieldMeta;
  path: ParamPath;
  value: unknown;
  className?: string;
  asExpression: boolean;
  onToggleMode(): void;
  /** The list editor, shown when not in expression mode. */
  children: ReactNode;
}) {
  const { t } = useTranslation("editor");
  return (
    <fieldset className={className ? `list-field ${className}` : "list-field"}>
      <legend className="field__label">
        {field.label}
        {field.required && (
          <span className="field__required" aria-hidden="true">
            *
          </span>
        )}
      </legend>
      {field.expression && (
        <button
          type="button"
          className="link-button list-field__mode"
          onClick={onToggleMode}
          aria-label={asExpression ? t("fields.useListFor", { label: field.label }) : t("fields.useExpressionFor", { label: field.label })}
        >
          <BracesIcon />
          {asExpression ? t("fields.useList") : t("fields.useExpression")}
        </button>
      )}
      {field.help && <p className="field__help">{field.help}</p>}
      {asExpression ? <ListExpressionField field={field} path={path} value={value} /> : children}
    </fieldset>
  );
}

/** The whole list as one expression, e.g. `{{ .input.body.locations }}`. */
function ListExpressionField({ field, path, value }: { field: FieldMeta; path: ParamPath; value: unknown }) {
  const { t } = useTranslation("editor");
  const form = useParameterForm();
  const key = pathKey(path);
  return (
    <ExpressionField
      id={`${form.idPrefix}-${key}`}
      label={t("fields.expressionFor", { label: field.label })}
      value={typeof value === "string" ? value : ""}
      placeholder={`{{ .input.body.${field.key} }}`}
      help={<ExpressionHint help={t("fields.listExpressionHelp")} />}
      error={form.errorAt(key)}
      onChange={(next) => form.setValue(path, next)}
      onBlur={() => form.touch(key)}
    />
  );
}

/**
 * Whether an expression-capable list is edited as one `{{ … }}` (its value is a string).
 * Undo/redo may swap a list for an expression or back: the mode follows the value.
 */
export function useListMode(value: unknown): [asExpression: boolean, setAsExpression: (asExpression: boolean) => void] {
  const [asExpression, setAsExpression] = useState(typeof value === "string");
  useEffect(() => {
    if (value !== undefined) setAsExpression(typeof value === "string");
  }, [value]);
  return [asExpression, setAsExpression];
}

/**
 * Moves focus to the first control of the item at `index` among `itemSelector` inside
 * `container`: at once, or after the next render (for an item being added).
 */
export function useFocusItem(container: RefObject<HTMLElement | null>, itemSelector: string) {
  const pending = useRef<number | null>(null);
  const focusNow = useCallback(
    (index: number) => {
      const item = container.current?.querySelectorAll<HTMLElement>(itemSelector)[index];
      item?.querySelector<HTMLElement>("input, select, textarea")?.focus();
    },
    [container, itemSelector],
  );
  useEffect(() => {
    if (pending.current === null) return;
    focusNow(pending.current);
    pending.current = null;
  });
  const focusAfterRender = useCallback((index: number) => {
    pending.current = index;
  }, []);
  return { focusNow, focusAfterRender };
}
