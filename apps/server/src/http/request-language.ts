import type { Request } from "express";
import type { CatalogLanguage } from "@fluxo/connectors";

/**
 * The language a request's answer is written in, from Accept-Language (the web app sends the
 * language chosen in it): the first of its languages we speak, by preference; pt-BR otherwise.
 */
export function requestLanguage(req: Pick<Request, "get">): CatalogLanguage {
  const header = req.get("accept-language");
  if (!header) return "pt-BR";
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q[1]) : 1, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === "pt" || tag.startsWith("pt-")) return "pt-BR";
    if (tag === "en" || tag.startsWith("en-")) return "en";
  }
  return "pt-BR";
}
