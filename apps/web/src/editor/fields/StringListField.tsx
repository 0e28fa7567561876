import type { FieldMeta } from "@fluxo/contracts";
import { useRef, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { Button, IconButton, PlusIcon, TrashIcon } from "../../ui/index.js";
import { ExpressionAssist, hasPreview } from "../expressions/ExpressionAssist.js";
import { ExpressionInput } from "../expressions/ExpressionInput.js";
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
        {items.map((item, index) => (
          <StringListItem
            key={index}
            field={field}
            path={[...path, index]}
            value={item}
            onChange={(next) => setItems(items.map((v, i) => (i === index ? next : v)))}
            onKeyDown={(e) => onItemKeyDown(e, index)}
            onRemove={() => remove(index)}
          />
        ))}
      </ul>
      <Button size="sm" variant="ghost" icon={<PlusIcon />} onClick={add} aria-label={t("fields.addItemTo", { label: field.label })}>
        {t("fields.addItem")}
      </Button>
      {error && <p className="field__error">{error}</p>}
    </ListFieldFrame>
  );
}

interface StringListItemProps {
  field: FieldMeta;
  path: ParamPath;
  value: string;
  onChange(value: string): void;
  onKeyDown(event: KeyboardEvent<HTMLInputElement>): void;
  onRemove(): void;
}

/** One entry of the list; in an expression-capable list it may itself hold `{{ … }}` (with suggestions and preview). */
function StringListItem({ field, path, value, onChange, onKeyDown, onRemove }: StringListItemProps) {
  const { t } = useTranslation("editor");
  const form = useParameterForm();
  const key = pathKey(path);
  const n = Number(path.at(-1)) + 1;
  const error = form.errorAt(key);
  const inputProps = {
    id: `${form.idPrefix}-${key}`,
    className: "input",
    "aria-label": t("fields.itemLabel", { label: field.label, n }),
    "aria-invalid": error ? true : undefined,
    spellCheck: false,
    onKeyDown,
    onBlur: () => form.touch(key),
  };
  return (
    <li className="list-field__item">
      {field.expression ? (
        <ExpressionInput {...inputProps} value={value} aria-describedby={hasPreview(value) ? `${inputProps.id}-preview` : undefined} onValueChange={onChange} />
      ) : (
        <input {...inputProps} value={value} onChange={(e) => onChange(e.target.value)} />
      )}
      <IconButton size="sm" variant="danger" label={t("fields.removeItem", { label: field.label, n })} icon={<TrashIcon />} onClick={onRemove} />
      {error && <p className="field__error list-field__item-error">{error}</p>}
      {field.expression && <ExpressionAssist id={`${inputProps.id}-preview`} text={value} />}
    </li>
  );
}
