import type { FieldMeta } from "@fluxo/contracts";
import { useRef, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { Button, IconButton, PlusIcon, TrashIcon } from "../../ui/index.js";
import { pathKey, type ParamPath } from "../parameters.js";
import { ListFieldFrame, useFocusItem, useListMode } from "./ListField.js";
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
  const [asExpression, setAsExpression] = useListMode(value);
  const items = Array.isArray(value) ? value.map((v) => (typeof v === "string" ? v : String(v))) : [];
  const list = useRef<HTMLUListElement>(null);
  const { focusNow, focusAfterRender } = useFocusItem(list, ".list-field__item");

  const setItems = (next: string[]) => form.setValue(path, next);
  const add = () => {
    focusAfterRender(items.length);
    setItems([...items, ""]);
  };
  const remove = (index: number) => {
    focusAfterRender(Math.min(index, items.length - 2));
    setItems(items.filter((_, i) => i !== index));
  };
  const onItemKeyDown = (event: KeyboardEvent<HTMLInputElement>, index: number) => {
    if (event.key === "Enter") {
      event.preventDefault();
      if (index === items.length - 1) add();
      else focusNow(index + 1);
    }
  };
  const toggleMode = () => {
    setAsExpression(!asExpression);
    form.setValue(path, asExpression ? [] : "");
  };

  const error = form.errorAt(key);
  return (
    <ListFieldFrame field={field} path={path} value={value} asExpression={asExpression} onToggleMode={toggleMode}>
      {items.length === 0 && <p className="list-field__empty">{t("fields.emptyList")}</p>}
      <ul ref={list} className="list-field__items">
        {items.map((item, index) => {
          const itemKey = pathKey([...path, index]);
          const itemError = form.errorAt(itemKey);
          return (
            <li key={index} className="list-field__item">
              <input
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
    </ListFieldFrame>
  );
}
