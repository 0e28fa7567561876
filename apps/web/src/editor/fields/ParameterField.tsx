import { templateFormatOf, type FieldMeta } from "@fluxo/contracts";
import { useTranslation } from "react-i18next";
import { CheckboxField, PasswordField, Select, TextArea, TextField } from "../../ui/index.js";
import { ExpressionField } from "../expressions/ExpressionField.js";
import { pathKey, type ParamPath } from "../parameters.js";
import { ExpressionHint } from "./ExpressionHint.js";
import { GroupField } from "./GroupField.js";
import { isKeyValueList, KeyValueListField } from "./KeyValueListField.js";
import { ObjectListField } from "./ObjectListField.js";
import { useParameterForm } from "./ParameterFormContext.js";
import { StringListField } from "./StringListField.js";

export interface ParameterFieldProps {
  field: FieldMeta;
  value: unknown;
  /** The values of the form level the field is in: what its `templateFormat`'s `when` reads. */
  siblings?: Readonly<Record<string, unknown>> | undefined;
  path: ParamPath;
}

/** One parameter input, chosen by the field's type in the catalog. */
export function ParameterField({ field, value, siblings, path }: ParameterFieldProps) {
  const { t } = useTranslation("editor");
  const form = useParameterForm();
  const key = pathKey(path);

  if (field.type === "string-list") return <StringListField field={field} value={value} path={path} />;
  if (field.type === "group") return <GroupField field={field} value={value} path={path} />;
  if (field.type === "object-list") {
    return isKeyValueList(field) ? <KeyValueListField field={field} value={value} path={path} /> : <ObjectListField field={field} value={value} path={path} />;
  }

  const common = {
    id: `${form.idPrefix}-${key}`,
    label: field.label,
    required: field.required,
    error: form.errorAt(key),
    help: field.expression ? <ExpressionHint help={field.help} /> : field.help,
    onBlur: () => form.touch(key),
  };
  const text = value === undefined || value === null ? "" : String(value);

  if (field.type === "select") {
    return (
      <Select
        {...common}
        value={text || String(field.default ?? "")}
        options={field.options ?? []}
        placeholder={field.required && field.default !== undefined ? undefined : t("fields.choose")}
        onChange={(e) => form.setValue(path, e.target.value)}
      />
    );
  }
  if (field.type === "boolean") {
    return (
      <CheckboxField
        id={common.id}
        label={field.label}
        help={field.help}
        error={common.error}
        checked={value === undefined ? field.default === true : value === true || value === "true"}
        onChange={(e) => form.setValue(path, e.target.checked)}
      />
    );
  }
  if (field.type === "textarea" && field.expression && !field.secret) {
    return <ExpressionField {...common} multiline value={text} placeholder={field.placeholder} format={templateFormatOf(field, siblings ?? {})} onChange={(next) => form.setValue(path, next)} />;
  }
  if (field.type === "textarea") {
    return <TextArea {...common} rows={3} value={text} placeholder={field.placeholder} onChange={(e) => form.setValue(path, e.target.value)} />;
  }
  if (field.expression && !field.secret && (field.type === "text" || field.type === "url" || field.type === "number")) {
    return <ExpressionField {...common} value={text} placeholder={field.placeholder} perResponse={field.perResponse} format={templateFormatOf(field, siblings ?? {})} onChange={(next) => form.setValue(path, next)} />;
  }
  if (field.type === "password" || field.secret) {
    return <PasswordField {...common} value={text} placeholder={field.placeholder} className={field.expression ? "field--expression" : undefined} onChange={(e) => form.setValue(path, e.target.value)} />;
  }
  const numeric = field.type === "number";
  return (
    <TextField
      {...common}
      type={numeric ? "number" : field.type === "url" ? "url" : "text"}
      inputMode={numeric ? "decimal" : undefined}
      value={text}
      placeholder={field.placeholder}
      suggestions={field.suggestions}
      autoComplete="off"
      spellCheck={false}
      onChange={(e) => form.setValue(path, numeric && e.target.value !== "" ? Number(e.target.value) : e.target.value)}
    />
  );
}
