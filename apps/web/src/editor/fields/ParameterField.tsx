import type { FieldMeta } from "@fluxo/contracts";
import { useTranslation } from "react-i18next";
import { PasswordField, Select, TextArea, TextField } from "../../ui/index.js";
import { pathKey, type ParamPath } from "../parameters.js";
import { ExpressionHint } from "./ExpressionHint.js";
import { ObjectListField } from "./ObjectListField.js";
import { useParameterForm } from "./ParameterFormContext.js";
import { StringListField } from "./StringListField.js";

export interface ParameterFieldProps {
  field: FieldMeta;
  value: unknown;
  path: ParamPath;
}

/** One parameter input, chosen by the field's type in the catalog. */
export function ParameterField({ field, value, path }: ParameterFieldProps) {
  const { t } = useTranslation("editor");
  const form = useParameterForm();
  const key = pathKey(path);

  if (field.type === "string-list") return <StringListField field={field} value={value} path={path} />;
  if (field.type === "object-list") return <ObjectListField field={field} value={value} path={path} />;

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
  if (field.type === "textarea") {
    return <TextArea {...common} rows={3} value={text} placeholder={field.placeholder} onChange={(e) => form.setValue(path, e.target.value)} />;
  }
  if (field.type === "password" || field.secret) {
    return <PasswordField {...common} value={text} placeholder={field.placeholder} className={field.expression ? "field--expression" : undefined} onChange={(e) => form.setValue(path, e.target.value)} />;
  }
  // A number field that takes expressions is typed as text: `{{ … }}` isn't a number.
  const numeric = field.type === "number" && !field.expression;
  return (
    <TextField
      {...common}
      type={numeric ? "number" : field.type === "url" && !field.expression ? "url" : "text"}
      inputMode={numeric ? "decimal" : undefined}
      value={text}
      placeholder={field.placeholder}
      suggestions={field.suggestions}
      autoComplete="off"
      spellCheck={false}
      className={field.expression ? "field--expression" : undefined}
      onChange={(e) => form.setValue(path, numeric && e.target.value !== "" ? Number(e.target.value) : e.target.value)}
    />
  );
}
