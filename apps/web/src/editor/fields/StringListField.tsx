import type { FieldMeta } from "@fluxo/contracts";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { BracesIcon, Button, IconButton, PlusIcon, TextField, TrashIcon } from "../../ui/index.js";
import { pathKey, type ParamPath } from "../parameters.js";
import { ExpressionHint } from "./ExpressionHint.js";
import { useParameterForm } from "./ParameterFormContext.js";

/**
 * A list of strings (Locations, Privileges): add, edit and remove entries; Enter in an
 * entry adds the next. An expression-capable list can instead be one `{{ … }}` that
 * yields the whole list at run time.
 */
export function StringListField({ field, value, path }: { field: FieldMeta; value: unknown; path: ParamPath }) {
  const { t } = useTranslation("editor");
  const form = useParameterForm();
  const key = pathKey(path);
  const [asExpression, setAsExpression] = useState(typeof value === "string");
  // Undo/redo may swap a list for an expression or back: follow what the value is.
  useEffect(() => {
    if (value !== undefined) setAsExpression(typeof value === "string");
  }, [value]);
  const items = Array.isArray(value) ? value.map((v) => (typeof v === "string" ? v : String(v))) : [];
  const focusIndex = useRef<number | null>(null);
  const inputs = useRef<(HTMLInputElement | null)[]>([]);

  useEffect(() => {
    if (focusIndex.current === null) return;
    inputs.current[focusIndex.current]?.focus();
    focusIndex.current = null;
  });

  const setItems = (next: string[]) => form.setValue(path, next);
  const add = () => {
    focusIndex.current = items.length;
    setItems([...items, ""]);
  };
  const remove = (index: number) => {
    focusIndex.current = Math.min(index, items.length - 2);
    setItems(items.filter((_, i) => i !== index));
  };
  const onItemKeyDown = (event: KeyboardEvent<HTMLInputElement>, index: number) => {
    if (event.key === "Enter") {
      event.preventDefault();
      if (index === items.length - 1) add();
      else inputs.current[index + 1]?.focus();
    }
  };
  const toggleMode = () => {
    setAsExpression(!asExpression);
    form.setValue(path, asExpression ? [] : "");
  };

  const error = form.errorAt(key);
  return (
    <fieldset className="list-field">
      <legend className="field__label">
        {field.label}
        {field.required && (
          <span className="field__required" aria-hidden="true">
            *
          </span>
        )}
      </legend>
      {field.expression && (
        <button type="button" className="link-button list-field__mode" onClick={toggleMode} aria-label={asExpression ? t("fields.useListFor", { label: field.label }) : t("fields.useExpressionFor", { label: field.label })}>
          <BracesIcon />
          {asExpression ? t("fields.useList") : t("fields.useExpression")}
        </button>
      )}
      {asExpression ? (
        <TextField
          id={`${form.idPrefix}-${key}`}
          label={t("fields.expressionFor", { label: field.label })}
          className="field--expression"
          value={typeof value === "string" ? value : ""}
          placeholder={`{{ .input.body.${field.key} }}`}
          help={<ExpressionHint help={t("fields.listExpressionHelp")} />}
          error={error}
          spellCheck={false}
          onChange={(e) => form.setValue(path, e.target.value)}
          onBlur={() => form.touch(key)}
        />
      ) : (
        <>
          {items.length === 0 && <p className="list-field__empty">{t("fields.emptyList")}</p>}
          <ul className="list-field__items">
            {items.map((item, index) => {
              const itemKey = pathKey([...path, index]);
              const itemError = form.errorAt(itemKey);
              return (
                <li key={index} className="list-field__item">
                  <input
                    ref={(el) => {
                      inputs.current[index] = el;
                    }}
                    id={`${form.idPrefix}-${itemKey}`}
                    className="input"
                    aria-label={t("fields.itemLabel", { label: field.label, n: index + 1 })}
                    aria-invalid={itemError ? true : undefined}
                    value={item}
                    spellCheck={false}
                    onChange={(e) => setItems(items.map((v, i) => (i === index ? e.target.value : v)))}
                    onKeyDown={(e) => onItemKeyDown(e, index)}
                    onBlur={() => form.touch(itemKey)}
                  />
                  <IconButton size="sm" variant="danger" label={t("fields.removeItem", { label: field.label, n: index + 1 })} icon={<TrashIcon />} onClick={() => remove(index)} />
                  {itemError && <p className="field__error list-field__item-error">{itemError}</p>}
                </li>
              );
            })}
          </ul>
          <Button size="sm" variant="ghost" icon={<PlusIcon />} onClick={add} aria-label={t("fields.addItemTo", { label: field.label })}>
            {t("fields.addItem")}
          </Button>
          {error && <p className="field__error">{error}</p>}
        </>
      )}
    </fieldset>
  );
}
