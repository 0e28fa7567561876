import { useId } from "react";
import { useTranslation } from "react-i18next";
import { LANGUAGES, setLanguage } from "../i18n/index.js";

export function LanguageSelect() {
  const { t, i18n } = useTranslation("common");
  const id = useId();
  const current = LANGUAGES.some((l) => l.code === i18n.language) ? i18n.language : "pt-BR";
  return (
    <div className="language-select">
      <label htmlFor={id} className="visually-hidden">
        {t("shell.language")}
      </label>
      <select id={id} className="input language-select__control" value={current} onChange={(event) => setLanguage(event.target.value)}>
        {LANGUAGES.map((language) => (
          <option key={language.code} value={language.code} lang={language.code}>
            {language.label}
          </option>
        ))}
      </select>
    </div>
  );
}
