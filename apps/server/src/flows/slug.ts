import { SLUG_PATTERN } from "@fluxo/contracts";

const MAX_SLUG = 60;

/** "Obter credenciais (cópia)" → "obter-credenciais-copia"; "fluxo" when nothing URL-safe is left. */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, MAX_SLUG)
    .replace(/^-+|-+$/g, "");
  return SLUG_PATTERN.test(slug) ? slug : "fluxo";
}

/** The first of `base`, `base-2`, `base-3`… that `taken` doesn't hold. */
export function firstFreeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, MAX_SLUG - suffix.length).replace(/-+$/, "")}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
