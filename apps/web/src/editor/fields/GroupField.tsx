import type { FieldMeta } from "@fluxo/contracts";
import type { ParamPath, Values } from "../parameters.js";
import { ParameterFields } from "./ParameterFields.js";

/** A field whose value is one object of `itemFields` (Paginação): those fields, under its legend and help. */
export function GroupField({ field, value, path }: { field: FieldMeta; value: unknown; path: ParamPath }) {
  const values = typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Values) : undefined;
  return (
    <fieldset className="param-group">
      <legend className="field__label">
        {field.label}
        {field.required && (
          <span className="field__required" aria-hidden="true">
            *
          </span>
        )}
      </legend>
      {field.help && <p className="field__help">{field.help}</p>}
      <ParameterFields fields={field.itemFields ?? []} values={values} path={path} />
    </fieldset>
  );
}
