import type { FieldMeta } from "@fluxo/contracts";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { Button, IconButton, PlusIcon, TrashIcon } from "../../ui/index.js";
import { newListItem, pathKey, type ParamPath, type Values } from "../parameters.js";
import { ListFieldFrame, useFocusItem, useListMode } from "./ListField.js";
import { ParameterFields } from "./ParameterFields.js";
import { useParameterForm } from "./ParameterFormContext.js";

/** A list of entries, each a small form of `itemFields` (an Authorization Details entry: Type, Resource…). */
export function ObjectListField({ field, value, path }: { field: FieldMeta; value: unknown; path: ParamPath }) {
  const { t } = useTranslation("editor");
  const form = useParameterForm();
  const key = pathKey(path);
  const [asExpression, setAsExpression] = useListMode(value);
  const entries = Array.isArray(value) ? (value as Values[]) : [];
  const list = useRef<HTMLDivElement>(null);
  const { focusAfterRender } = useFocusItem(list, ".object-entry");

  const canAdd = field.maxItems === undefined || entries.length < field.maxItems;
  const canRemove = entries.length > (field.minItems ?? 0);
  const add = () => {
    focusAfterRender(entries.length);
    form.setValue(path, [...entries, newListItem(field)]);
  };
  const remove = (index: number) => form.setValue(path, entries.filter((_, i) => i !== index));
  const toggleMode = () => {
    setAsExpression(!asExpression);
    form.setValue(path, asExpression ? [newListItem(field)] : "");
  };
  const error = form.errorAt(key);

  return (
    <ListFieldFrame field={field} path={path} value={value} className="list-field--objects" asExpression={asExpression} onToggleMode={toggleMode}>
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
    </ListFieldFrame>
  );
}
