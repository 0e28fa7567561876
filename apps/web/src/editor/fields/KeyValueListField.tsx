import type { FieldMeta } from "@fluxo/contracts";
import { useRef, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { Button, IconButton, PlusIcon, TrashIcon } from "../../ui/index.js";
import { ExpressionAssist, hasPreview } from "../expressions/ExpressionAssist.js";
import { newListItem, pathKey, type ParamPath, type Values } from "../parameters.js";
import { ListFieldFrame, useFocusItem, useListMode } from "./ListField.js";
import { useParameterForm } from "./ParameterFormContext.js";
import { ROW_FIELD_TYPES, RowControl } from "./RowControl.js";

/** An object list whose entries are exactly two one-line fields (a header's name and value) is edited as rows. */
export function isKeyValueList(field: FieldMeta): boolean {
  const items = field.itemFields ?? [];
  return field.type === "object-list" && items.length === 2 && items.every((item) => ROW_FIELD_TYPES.includes(item.type) && !item.visibleWhen);
}

/**
 * A key/value list (Cabeçalhos, Parâmetros de consulta): one row per entry with its two
 * inputs side by side under column headers, each named for assistive technology ("Nome 1",
 * "Valor 1"); a remove button per row and "Adicionar". It may be empty. Enter moves to the
 * next input, and from the last one adds a row.
 */
export function KeyValueListField({ field, value, path }: { field: FieldMeta; value: unknown; path: ParamPath }) {
  const { t } = useTranslation("editor");
  const form = useParameterForm();
  const [asExpression, setAsExpression] = useListMode(value);
  const entries = Array.isArray(value) ? (value as Values[]) : [];
  const columns = field.itemFields ?? [];
  const rows = useRef<HTMLUListElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const { focusNow, focusAfterRender } = useFocusItem(rows, ".kv-row");

  const canAdd = field.maxItems === undefined || entries.length < field.maxItems;
  const canRemove = entries.length > (field.minItems ?? 0);
  const add = () => {
    focusAfterRender(entries.length);
    form.setValue(path, [...entries, newListItem(field)]);
  };
  const remove = (index: number) => {
    if (entries.length > 1) focusAfterRender(Math.min(index, entries.length - 2));
    else addButton.current?.focus();
    form.setValue(path, entries.filter((_, i) => i !== index));
  };
  const toggleMode = () => {
    setAsExpression(!asExpression);
    form.setValue(path, asExpression ? [] : "");
  };
  /** Enter in the row's first input goes to its second; in the second, to the next row (a new one after the last). */
  const onEnter = (index: number, column: number) => {
    if (column === 0) rows.current?.querySelectorAll(".kv-row")[index]?.querySelectorAll<HTMLElement>("input, select")[1]?.focus();
    else if (index < entries.length - 1) focusNow(index + 1);
    else if (canAdd) add();
  };

  const error = form.errorAt(pathKey(path));
  return (
    <ListFieldFrame field={field} path={path} value={value} className="list-field--key-value" asExpression={asExpression} onToggleMode={toggleMode}>
      {entries.length === 0 ? (
        <p className="list-field__empty">{t("fields.noEntries")}</p>
      ) : (
        // The inputs carry their own names ("Nome 1"); the headers only show them once for the eye.
        <div className="kv-list__head" aria-hidden="true">
          {columns.map((column) => (
            <span key={column.key}>
              {column.label}
              {column.required && <span className="field__required">*</span>}
            </span>
          ))}
        </div>
      )}
      <ul ref={rows} className="kv-list">
        {entries.map((entry, index) => (
          <KeyValueRow
            key={index}
            columns={columns}
            entry={entry}
            path={[...path, index]}
            listLabel={field.label}
            canRemove={canRemove}
            onEnter={(column) => onEnter(index, column)}
            onRemove={() => remove(index)}
          />
        ))}
      </ul>
      {canAdd && (
        <Button ref={addButton} size="sm" variant="ghost" icon={<PlusIcon />} onClick={add} aria-label={t("fields.addItemTo", { label: field.label })}>
          {t("fields.addItem")}
        </Button>
      )}
      {error && <p className="field__error">{error}</p>}
    </ListFieldFrame>
  );
}

interface KeyValueRowProps {
  columns: readonly FieldMeta[];
  entry: Values;
  path: ParamPath;
  listLabel: string;
  canRemove: boolean;
  onEnter(column: number): void;
  onRemove(): void;
}

/** One entry: its inputs side by side, then (full width) their problems and expression previews. */
function KeyValueRow({ columns, entry, path, listLabel, canRemove, onEnter, onRemove }: KeyValueRowProps) {
  const { t } = useTranslation("editor");
  const form = useParameterForm();
  const n = Number(path.at(-1)) + 1;
  const cells = columns.map((column) => {
    const key = pathKey([...path, column.key]);
    const id = `${form.idPrefix}-${key}`;
    const value = entry[column.key];
    const text = typeof value === "string" ? value : "";
    const assisted = column.expression === true && !column.secret;
    return { column, key, id, value, text, assisted, error: form.errorAt(key), previewed: assisted && hasPreview(text) };
  });
  const onKeyDown = (column: number) => (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    onEnter(column);
  };

  return (
    <li className="kv-row">
      {cells.map(({ column, key, id, value, error, previewed }, index) => (
        <RowControl
          key={column.key}
          field={column}
          id={id}
          label={t("fields.itemLabel", { label: column.label, n })}
          value={value}
          error={error}
          describedBy={[error ? `${id}-error` : "", previewed ? `${id}-preview` : ""].filter(Boolean).join(" ") || undefined}
          onChange={(next) => form.setValue([...path, column.key], next)}
          onBlur={() => form.touch(key)}
          onKeyDown={onKeyDown(index)}
        />
      ))}
      {canRemove ? (
        <IconButton size="sm" variant="danger" label={t("fields.removeItem", { label: listLabel, n })} icon={<TrashIcon />} onClick={onRemove} />
      ) : (
        <span aria-hidden="true" />
      )}
      {cells.map(({ column, id, error }) =>
        error ? (
          <p key={`${column.key}-error`} id={`${id}-error`} className="field__error kv-row__full">
            {column.label}: {error}
          </p>
        ) : null,
      )}
      {cells.map(({ column, id, text, assisted }) => (assisted ? <ExpressionAssist key={`${column.key}-assist`} id={`${id}-preview`} text={text} /> : null))}
    </li>
  );
}
