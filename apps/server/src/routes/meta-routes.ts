import { type ConnectorMeta, ConnectorMetaSchema, HealthDownProblemSchema, HealthSchema } from "@fluxo/contracts";
import { connectorCatalog, type CatalogLanguage } from "@fluxo/connectors";
import { z } from "zod";
import { requestLanguage } from "../http/request-language.js";
import { buildOpenApiDocument, type OpenApiDocument, OpenApiDocumentSchema } from "../openapi/openapi-document.js";
import { REFERENCE_CSS } from "../openapi/reference-css.js";
import { renderReferencePage } from "../openapi/reference-page.js";
import { route, type ApiRoute } from "./api-route.js";
import type { RouteRegistry } from "./route-registry.js";

/** Health, this API's own description (built from everything `registry` holds) and the connector catalog. */
export function metaRoutes(registry: RouteRegistry): ApiRoute[] {
  let openApi: OpenApiDocument | undefined;
  /** Built once, on first request: the registry doesn't change while the process runs. */
  const openApiDocument = () => (openApi ??= buildOpenApiDocument(registry.routes, registry.operations));
  let referenceHtml: string | undefined;
  const apiReferenceHtml = () => (referenceHtml ??= renderReferencePage(openApiDocument()));
  return [
    route({
      method: "get",
      path: "/health",
      access: "public",
      tag: "meta",
      summary: "Whether the server is up and its database answers",
      reply: { status: 200, description: "Up; how it runs.", schema: HealthSchema },
      problems: { 503: { description: "The database or (queue mode) Redis doesn't answer: `dependencies` says which is down (`up`/`down`); Retry-After says when to ask again.", schema: HealthDownProblemSchema } },
      handle: ({ deps }) => deps.health(),
    }),
    route({
      method: "get",
      path: "/openapi.json",
      access: "public",
      tag: "meta",
      summary: "This API as an OpenAPI 3.1 document",
      description: "Generated from the zod schemas the server validates requests with.",
      reply: { status: 200, description: "The OpenAPI document.", schema: OpenApiDocumentSchema },
      // `servers` names this server as the caller reached it (or FLUXO_PUBLIC_URL), so a client generated from the answer calls it.
      handle: ({ deps, req }) => ({ ...openApiDocument(), servers: [{ url: deps.oauth.publicUrl ?? `${req.protocol}://${req.get("host")}`, description: "This server." }] }),
    }),
    route({
      method: "get",
      path: "/docs",
      access: "public",
      tag: "meta",
      summary: "This API's reference, as a web page",
      description: "The OpenAPI document rendered as HTML, grouped by tag.",
      reply: { status: 200, description: "An HTML page (no scripts).", schema: z.string(), contentType: "text/html" },
      handle: () => apiReferenceHtml(),
    }),
    route({
      method: "get",
      path: "/docs/reference.css",
      access: "public",
      tag: "meta",
      summary: "The reference page's stylesheet",
      reply: { status: 200, description: "CSS.", schema: z.string(), contentType: "text/css" },
      handle: () => REFERENCE_CSS,
    }),
    route({
      method: "get",
      path: "/connectors",
      access: "read",
      tag: "connections",
      summary: "The connector catalog: fields, labels and operations",
      description: "In the request's language (Accept-Language: pt-BR, the default, or en): names, labels, help and option labels are translated; keys and values are the same in both.",
      reply: { status: 200, description: "Every connector.", schema: z.array(ConnectorMetaSchema), headers: { Vary: "Accept-Language: the answer depends on the request's language." } },
      handle: ({ deps, req, res }) => {
        res.vary("Accept-Language");
        return catalogFor(deps.sandboxUrl, requestLanguage(req));
      },
    }),
  ];
}

const LOCAL_SANDBOX_SUGGESTION = "http://127.0.0.1:3100";
const catalogs = new Map<string, ConnectorMeta[]>();

/** The catalog in `language`, with the "Sandbox local" suggestion pointing where the sandbox really listens, or dropped when none runs. */
function catalogFor(sandboxUrl: string | null, language: CatalogLanguage): ConnectorMeta[] {
  const cacheKey = `${language} ${sandboxUrl ?? ""}`;
  let catalog = catalogs.get(cacheKey);
  if (!catalog) {
    catalog = connectorCatalog(language).map((connector) => ({
      ...connector,
      connectionFields: connector.connectionFields.map((field) => {
        if (!field.suggestions) return field;
        const suggestions = field.suggestions.flatMap((s) => (s.value !== LOCAL_SANDBOX_SUGGESTION ? [s] : sandboxUrl ? [{ ...s, value: sandboxUrl }] : []));
        return { ...field, suggestions };
      }),
    }));
    catalogs.set(cacheKey, catalog);
  }
  return catalog;
}
