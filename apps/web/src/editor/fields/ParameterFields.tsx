import type { FieldMeta } from "@fluxo/contracts";
import { useTranslation } from "react-i18next";
import { isFieldVisible, pathKey, type ParamPath, type Values } from "../parameters.js";
import { ParameterField } from "./ParameterField.js";
import { useParameterForm } from "./ParameterFormContext.js";

/**
 * One level of a form rendered from catalog metadata: the visible fields in order,
 * then the advanced ones under a collapsible "Avançado" (opened when one has a problem).
 */
export function ParameterFields({ fields, values, path }: { fields: readonly FieldMeta[]; values: Values | undefined; path: ParamPath }) {
  const { t } = useTranslation("editor");
  const form = useParameterForm();
  const visible = fields.filter((field) => isFieldVisible(field, fields, values));
  const basic = visible.filter((field) => !field.advanced);
  const advanced = visible.filter((field) => field.advanced);
  const render = (field: FieldMeta) => <ParameterField key={field.key} field={field} value={values?.[field.key]} siblings={values} path={[...path, field.key]} />;
  const advancedHasError = advanced.some((field) => form.hasErrorWithin(pathKey([...path, field.key])));

  return (
    <div className="param-fields">
      {basic.map(render)}
      {advanced.length > 0 && (
        <details className="advanced" open={advancedHasError || undefined}>
          <summary className="advanced__summary">{t("fields.advanced")}</summary>
          <div className="param-fields">{advanced.map(render)}</div>
        </details>
      )}
    </div>
  );
}
