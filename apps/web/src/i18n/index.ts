import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { z } from "zod";

// Each area of the app owns one namespace file per language, so areas never edit the same file.
const modules = import.meta.glob<{ default: Record<string, unknown> }>("./locales/*/*.json", { eager: true });

const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [path, mod] of Object.entries(modules)) {
  const match = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
  if (!match) continue;
  const [, lng, ns] = match as unknown as [string, string, string];
  (resources[lng] ??= {})[ns] = mod.default;
}

export const LANGUAGES = [
  { code: "pt-BR", label: "Português" },
  { code: "en", label: "English" },
] as const;

const LANGUAGE_KEY = "fluxo.language";

// Zod's own messages (a field of an imported file that doesn't fit…) follow the app's language.
// Their words load with it, off the first page's bundle; a switch made meanwhile wins.
const ZOD_LOCALES: Record<string, () => Promise<{ default: () => Parameters<typeof z.config>[0] }>> = {
  "pt-BR": () => import("zod/v4/locales/pt-BR.js"),
  en: () => import("zod/v4/locales/en.js"),
};
i18n.on("languageChanged", (code) => {
  void (ZOD_LOCALES[code] ?? ZOD_LOCALES["pt-BR"]!)().then((locale) => {
    if (i18n.language === code) z.config(locale.default());
  });
});

void i18n.use(initReactI18next).init({
  resources,
  lng: localStorage.getItem(LANGUAGE_KEY) ?? "pt-BR",
  fallbackLng: "pt-BR",
  defaultNS: "common",
  interpolation: { escapeValue: false },
});

export function setLanguage(code: string): void {
  localStorage.setItem(LANGUAGE_KEY, code);
  void i18n.changeLanguage(code);
}

export default i18n;
