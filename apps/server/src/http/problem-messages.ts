import type { CatalogLanguage } from "@fluxo/connectors";
import { z } from "zod";
import { ROUTE_PROBLEMS } from "./route-problems.js";

/** Which part of a request a set of field problems is about. */
export type RequestPart = "body" | "query";

interface ProblemMessages {
  invalidFields(part: RequestPart): string;
  bodyNotJson: string;
  bodyTooLarge(limit: string): string;
  unsupportedMediaType: string;
  internalError: string;
  unknownRoute(method: string, path: string): string;
  signIn: string;
}

/**
 * The words of the problems every route shares (a body that isn't JSON, fields that don't fit,
 * an unknown route…), in each language the API answers in. pt-BR is the default; a request asks
 * for another with Accept-Language (see request-language.ts).
 */
export const PROBLEM_MESSAGES: Record<CatalogLanguage, ProblemMessages> = {
  "pt-BR": {
    invalidFields: (part) => `${part === "body" ? "o corpo da requisição" : "a consulta"} tem campos inválidos; corrija-os e envie de novo`,
    bodyNotJson: "o corpo não é JSON válido; confira aspas, vírgulas e chaves",
    bodyTooLarge: (limit) => `o corpo da requisição passa do limite de ${limit} (FLUXO_BODY_LIMIT); envie menos dados`,
    unsupportedMediaType: "envie o corpo como application/json",
    internalError: "erro interno; tente de novo e, se persistir, veja os logs do servidor",
    unknownRoute: (method, path) => `não há rota ${method} ${path}`,
    signIn: ROUTE_PROBLEMS["auth.sign_in"]["pt-BR"],
  },
  en: {
    invalidFields: (part) => `the request ${part === "body" ? "body" : "query"} has invalid fields; fix them and send it again`,
    bodyNotJson: "the body is not valid JSON; check quotes, commas and braces",
    bodyTooLarge: (limit) => `the request body is over the ${limit} limit (FLUXO_BODY_LIMIT); send less data`,
    unsupportedMediaType: "send the body as application/json",
    internalError: "internal error; try again and, if it persists, see the server's logs",
    unknownRoute: (method, path) => `there is no route ${method} ${path}`,
    signIn: ROUTE_PROBLEMS["auth.sign_in"].en,
  },
};

const ZOD_LOCALES: Record<CatalogLanguage, z.core.$ZodErrorMap> = {
  "pt-BR": z.locales.ptBR().localeError,
  en: z.locales.en().localeError,
};

/** Zod's own words for a field that doesn't fit (a wrong type, an unknown option…), in `language`. */
export function zodErrorMap(language: CatalogLanguage): z.core.$ZodErrorMap {
  return ZOD_LOCALES[language];
}
