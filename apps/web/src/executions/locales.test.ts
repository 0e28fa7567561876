import { describe, expect, it } from "vitest";

const catalogs = import.meta.glob<{ default: Record<string, unknown> }>("../i18n/locales/*/{editor,executions}.json", { eager: true });
const catalog = (lng: string, ns: string) => catalogs[`../i18n/locales/${lng}/${ns}.json`]!.default;
const ptEditor = catalog("pt-BR", "editor");
const enEditor = catalog("en", "editor");
const ptExecutions = catalog("pt-BR", "executions");
const enExecutions = catalog("en", "executions");

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

describe("editor and executions catalogs", () => {
  it.each([
    ["editor", ptEditor, enEditor],
    ["executions", ptExecutions, enExecutions],
  ])("%s has the same keys in pt-BR and English", (_ns, pt, en) => {
    expect(keys(en).sort()).toEqual(keys(pt).sort());
  });

  it("has no literal {{ }} that i18next would take for a placeholder", () => {
    // Expressions shown in the UI are passed as interpolation values instead.
    const placeholders = [ptEditor, enEditor, ptExecutions, enExecutions].flatMap((catalog) =>
      keys(catalog).map((key) => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalog) as string),
    );
    for (const text of placeholders) expect(text).not.toMatch(/\{\{\s*\./);
  });
});
