import { useState, type InputHTMLAttributes, type Ref } from "react";
import { useTranslation } from "react-i18next";
import { FieldShell, useFieldIds, type FieldChromeProps } from "./Field.js";
import { IconButton } from "./IconButton.js";
import { EyeIcon, EyeOffIcon } from "./icons.js";

export interface PasswordFieldProps extends FieldChromeProps, Omit<InputHTMLAttributes<HTMLInputElement>, "required" | "className" | "type"> {
  ref?: Ref<HTMLInputElement>;
}

/** A secret input with a show/hide toggle; the browser is asked not to offer saved passwords. */
export function PasswordField({ label, required, help, error, className, id, ref, ...inputProps }: PasswordFieldProps) {
  const { t } = useTranslation("common");
  const [visible, setVisible] = useState(false);
  const ids = useFieldIds(id, help, error);
  return (
    <FieldShell label={label} required={required} help={help} error={error} className={className} {...ids}>
      <div className="field__control">
        <input
          ref={ref}
          id={ids.controlId}
          type={visible ? "text" : "password"}
          className="input input--with-action"
          autoComplete="new-password"
          spellCheck={false}
          aria-required={required || undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={ids.describedBy}
          {...inputProps}
        />
        <IconButton
          className="field__action"
          size="sm"
          label={t("ui.showSecret")}
          aria-pressed={visible}
          icon={visible ? <EyeOffIcon /> : <EyeIcon />}
          onClick={() => setVisible((v) => !v)}
        />
      </div>
    </FieldShell>
  );
}
