import type { FieldMeta } from "@fluxo/contracts";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { BracesIcon, Button, IconButton, PlusIcon, TextField, TrashIcon } from "../../ui/index.js";
import { newListItem, pathKey, type ParamPath, type Values } from "../parameters.js";
import { ExpressionHint } from "./ExpressionHint.js";
import { ParameterFields } from "./ParameterFields.js";
import { useParameterForm } from "./ParameterFormContext.js";

/** A list of entries, each a small form of `itemFields` (an Authorization Details entry: Type, Resource…). */
export function ObjectListField({ field, value, path }: { field: FieldMeta; value: unknown; path: ParamPath }) {
  const { t } = useTranslation("editor");
  const form = useParameterForm();
  const key = pathKey(path);
  const [asExpression, setAsExpression] = useState(typeof value === "string");
  useEffect(() => {
    if (value !== undefined) setAsExpression(typeof value === "string");
  }, [value]);
  const entries = Array.isArray(value) ? (value as Values[]) : [];
  const list = useRef<HTMLDivElement>(null);
  const focusEntry = useRef<number | null>(null);

  useEffect(() => {
    if (focusEntry.current === null) return;
    list.current?.querySelectorAll<HTMLElement>(".object-entry")[focusEntry.current]?.querySelector<HTMLElement>("input, select, textarea")?.focus();
    focusEntry.current = null;
  });

  const canAdd = field.maxItems === undefined || entries.length < field.maxItems;
  const canRemove = entries.length > (field.minItems ?? 0);
  const add = () => {
    focusEntry.current = entries.length;
    form.setValue(path, [...entries, newListItem(field)]);
  };
  const remove = (index: number) => form.setValue(path, entries.filter((_, i) => i !== index));
  const toggleMode = () => {
    setAsExpression(!asExpression);
    form.setValue(path, asExpression ? [newListItem(field)] : "");
  };
  const error = form.errorAt(key);

  return (
    <fieldset className="list-field list-field--objects">
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
      {field.help && <p className="field__help">{field.help}</p>}
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
        <div ref={list} className="object-list">
          {entries.length === 0 && <p className="list-field__empty">{t("fields.noEntries")}</p>}
          {entries.map((entry, index) => (
            <fieldset key={index} className="object-entry">
              <legend className="object-entry__title">{t("fields.entry", { n: index + 1 })}</legend>
              {canRemove && (
                <IconButton
                  size="sm"
                  variant="danger"
                  className="object-entry__remove"
                  label={t("fields.removeEntry", { n: index + 1 })}
                  icon={<TrashIcon />}
                  onClick={() => remove(index)}
                />
              )}
              <ParameterFields fields={field.itemFields ?? []} values={entry} path={[...path, index]} />
            </fieldset>
          ))}
          {canAdd && (
            <Button size="sm" variant="secondary" icon={<PlusIcon />} onClick={add}>
              {t("fields.addEntry")}
            </Button>
          )}
          {error && <p className="field__error">{error}</p>}
        </div>
      )}
    </fieldset>
  );
}
