import * as contracts from "@fluxo/contracts";
import { ROLES, SlugSchema, StepIdSchema } from "@fluxo/contracts";
import { z } from "zod";
import { API_KEY_PERMISSIONS, may } from "../auth/permissions.js";
import { SESSION_COOKIE } from "../auth/http-auth.js";
import { IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY_DOC } from "../executions/idempotent-runs.js";
import { SyncStepProblemSchema } from "../gateway/sync-answer.js";
import { API_TAGS, type Access, type ApiRoute, type ApiTag } from "../routes/api-route.js";

/**
 * The OpenAPI 3.1 document of the API (GET /api/openapi.json), generated from the route
 * registry (routes/route-registry.ts: the API's routes and the gateway's operations) with zod's own JSON Schema output: the request schemas
 * are the very ones the server parses bodies and queries with, so the two can't part ways.
 */

export type JsonSchema = Record<string, unknown>;
type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** An operation outside the API route table (the gateway), described next to its handler. */
export interface ExtraOperation {
  methods: HttpMethod[];
  /** The full path, Express style: /gateway/flows/:slug. */
  path: string;
  tag: ApiTag;
  summary: string;
  description: string;
  query?: z.ZodObject;
  /** Honours an Idempotency-Key header (documented by idempotent-runs.ts). */
  idempotent?: boolean;
  /** Request bodies by content type (for the methods that carry one). */
  body?: { description: string; content: Record<string, z.ZodType>; methods: HttpMethod[] };
  responses: Record<number, ExtraResponse>;
}

export interface ExtraResponse {
  description: string;
  /** By content type; a problem response is application/problem+json; text/event-stream: each message's data. */
  content?: Record<string, z.ZodType>;
  headers?: Record<string, string>;
}

export interface OpenApiParameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiResponse {
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  /** For text/event-stream, `schema` is each message's data (OpenAPI 3.1 has no keyword for a stream's items). */
  content?: Record<string, { schema: JsonSchema }>;
}

/** Who may call an operation, as the reference page shows it. */
export interface AccessInfo {
  /** `public`, `api-key` (the gateway) or the permission of auth/permissions.ts. */
  rule: Access | "api-key";
  roles: string[];
  apiKey: boolean;
}

export interface OpenApiOperation {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  security: Record<string, string[]>[];
  "x-fluxo-access": AccessInfo;
  parameters: OpenApiParameter[];
  requestBody?: { required: boolean; description?: string; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, OpenApiResponse>;
}

export type OpenApiDocument = {
  openapi: "3.1.0";
  jsonSchemaDialect: string;
  info: { title: string; version: string; description: string };
  servers: { url: string; description: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, Partial<Record<HttpMethod, OpenApiOperation>>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
};

/** What GET /api/openapi.json answers, as the route table describes it. */
export const OpenApiDocumentSchema = z.looseObject({
  openapi: z.literal("3.1.0"),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
  components: z.record(z.string(), z.unknown()),
});

const PROBLEM = "application/problem+json";
const SCHEMA_REF = "#/components/schemas/";

const SECURITY_SCHEMES: Record<string, JsonSchema> = {
  session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE, description: "The session cookie set by setup, login or an accepted invite (HttpOnly, SameSite=Lax). Writes from another origin are refused (403)." },
  apiKey: { type: "http", scheme: "bearer", description: "Authorization: Bearer <API key> (Configurações → Chaves de API). A key that doesn't open answers 401 everywhere, never anonymous." },
  apiKeyQuery: {
    type: "apiKey",
    in: "query",
    name: "key",
    description: "?key=<API key>, gateway only, for callers that can't set headers. Less safe: URLs end up in access logs, proxies and histories; prefer the Authorization header.",
  },
};

const IDEMPOTENCY_KEY_PARAMETER: OpenApiParameter = { name: IDEMPOTENCY_HEADER, in: "header", required: false, description: IDEMPOTENCY_KEY_DOC, schema: { type: "string", minLength: 1, maxLength: 255, pattern: "^[!-~]+$" } };

/** Path parameters by name (the services answer 404 for values that name nothing). */
const PATH_PARAMS: Record<string, { schema: z.ZodType; description: string }> = {
  id: { schema: z.string(), description: "The id of the resource the path names." },
  userId: { schema: z.string(), description: "The member's user id." },
  number: { schema: z.int().min(1), description: "The published version's number." },
  stepId: { schema: StepIdSchema, description: "The step's id in the flow, e.g. credentials." },
  slug: { schema: SlugSchema, description: "The flow's slug (its name in gateway URLs, shown on the flow's page)." },
};

const ID_OF: Record<string, string> = { flows: "flow", connections: "connection", executions: "execution", invites: "invite", "api-keys": "API key" };

/** One operation, whatever it came from, before its schemas become JSON Schema. */
interface Op {
  method: HttpMethod;
  path: string;
  tag: ApiTag;
  summary: string;
  description: string | undefined;
  access: AccessInfo;
  query: z.ZodObject | undefined;
  idempotent: boolean;
  body: { description?: string; required: boolean; content: Record<string, z.ZodType> } | undefined;
  responses: Record<number, ExtraResponse>;
}

export function buildOpenApiDocument(routes: readonly ApiRoute[], extra: readonly ExtraOperation[]): OpenApiDocument {
  const ops = [...routes.map(fromRoute), ...extra.flatMap(fromExtra)];
  const schemas = new SchemaSet();
  const paths: OpenApiDocument["paths"] = {};
  const usedIds = new Set<string>();
  for (const op of ops) {
    const path = op.path.replace(/:([A-Za-z_]+)/g, "{$1}");
    const operationId = uniqueId(op.method + path.split("/").map(pascal).join(""), usedIds);
    const operation: OpenApiOperation = {
      operationId,
      tags: [op.tag],
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      security: securityOf(op.access),
      "x-fluxo-access": op.access,
      parameters: [...pathParameters(op.path), ...queryParameters(op.query), ...(op.idempotent ? [IDEMPOTENCY_KEY_PARAMETER] : [])],
      ...(op.body
        ? {
            requestBody: {
              required: op.body.required,
              ...(op.body.description ? { description: op.body.description } : {}),
              content: Object.fromEntries(Object.entries(op.body.content).map(([type, schema]) => [type, { schema: schemas.request(schema) }])),
            },
          }
        : {}),
      responses: Object.fromEntries(
        Object.entries(op.responses).map(([status, response]) => [
          status,
          {
            description: response.description,
            ...(response.headers ? { headers: Object.fromEntries(Object.entries(response.headers).map(([name, description]) => [name, { description, schema: { type: "string" } }])) } : {}),
            ...(response.content ? { content: Object.fromEntries(Object.entries(response.content).map(([type, schema]) => [type, { schema: schemas.response(schema) }])) } : {}),
          },
        ]),
      ),
    };
    (paths[path] ??= {})[op.method] = operation;
  }
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Fluxo API",
      version: "0.1.0",
      description:
        "Every error is application/problem+json (RFC 9457): type, title, status, detail (in Portuguese: what was wrong and what to do) and, for invalid input, errors[] with one entry per field. " +
        "Calls under /api need a caller (session cookie or API key) unless public; /gateway takes API keys only. The browsable form of this document is /api/docs.",
    },
    servers: [DEFAULT_SERVER],
    tags: Object.entries(API_TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: { schemas: schemas.components(), securitySchemes: SECURITY_SCHEMES },
  };
}

const SSE = "text/event-stream";

/** Where `npm start` listens; GET /api/openapi.json names the server that answered instead. */
export const DEFAULT_SERVER = { url: "http://localhost:3000", description: "npm start's default address (GET /api/openapi.json names the server that answered)." };

/** The media types /api takes bodies in; anything else answers 415. */
const UNSUPPORTED_BODY = "The body is not application/json (UTF-8): send Content-Type: application/json.";


function fromRoute(route: ApiRoute): Op {
  const reply = route.reply;
  const responses: Record<number, ExtraResponse> = {};
  if (!reply) responses[200] = { description: "Success." };
  else if ("events" in reply) responses[reply.status] = { description: `${reply.description} Server-Sent Events: each message's \`data:\` is the JSON this schema describes.`, content: { [SSE]: reply.events } };
  else if ("redirect" in reply) responses[reply.status] = { description: reply.description, headers: { Location: "Where the browser goes next." } };
  else if (!("schema" in reply)) responses[reply.status] = { description: reply.description };
  else responses[reply.status] = { description: reply.description, content: { [reply.contentType ?? "application/json"]: reply.schema }, ...(reply.headers ? { headers: reply.headers } : {}) };

  const hasParams = route.path.includes(":");
  const common: Record<number, string> = {};
  if (route.body) common[400] = "The body isn't JSON, isn't UTF-8, nests deeper than 64 levels or uses __proto__/constructor/prototype keys.";
  common[401] = route.access === "public" ? "An Authorization header whose API key doesn't open (revoked or unknown)." : "No caller (sign in or send an API key), or a key that doesn't open.";
  if (route.access !== "public") common[403] = "The caller's role (or an API key) may not do this; the detail says which role is needed. Also: a cookie-authenticated write from another origin.";
  if (hasParams) common[404] = `No such ${ID_OF[route.path.split("/")[1] ?? ""] ?? "resource"} in the caller's workspace.`;
  if (route.body) common[413] = "The body is larger than FLUXO_BODY_LIMIT.";
  if (route.body) common[415] = UNSUPPORTED_BODY;
  if (route.body || route.query) common[422] = `The ${route.body ? "body" : "query"} has invalid fields: errors[] has one entry per field.`;
  for (const [status, problem] of Object.entries({ ...common, ...route.problems })) {
    if (problem === undefined) continue;
    const retry = status === "429" || status === "503";
    const { description, schema } = typeof problem === "string" ? { description: problem, schema: retry ? contracts.RetryLaterProblemSchema : contracts.ProblemSchema } : problem;
    responses[Number(status)] = { description, content: { [PROBLEM]: schema }, ...(retry ? { headers: { "Retry-After": "Seconds to wait before trying again." } } : {}) };
  }
  const body = route.body ? { required: !route.bodyOptional, content: { "application/json": route.docBody ?? route.body } } : undefined;
  return { method: route.method, path: `/api${route.path}`, tag: route.tag ?? "meta", summary: route.summary ?? `${route.method.toUpperCase()} ${route.path}`, description: route.description, access: accessOf(route.access), query: route.query, idempotent: route.idempotent ?? false, body, responses };
}

function fromExtra(operation: ExtraOperation): Op[] {
  return operation.methods.map((method) => ({
    method,
    path: operation.path,
    tag: operation.tag,
    summary: operation.summary,
    description: operation.description,
    access: { rule: "api-key", roles: [], apiKey: true },
    query: operation.query,
    idempotent: operation.idempotent ?? false,
    body: operation.body?.methods.includes(method) ? { description: operation.body.description, required: false, content: operation.body.content } : undefined,
    responses: operation.responses,
  }));
}

function accessOf(access: Access): AccessInfo {
  if (access === "public") return { rule: "public", roles: [], apiKey: false };
  const roles = ROLES.filter((role) => may({ kind: "user", role, userId: "", workspaceId: "", sessionHash: "", sessionExpiresAt: 0 }, access));
  return { rule: access, roles: [...roles], apiKey: API_KEY_PERMISSIONS.has(access) };
}

function securityOf(access: AccessInfo): Record<string, string[]>[] {
  if (access.rule === "public") return [];
  if (access.rule === "api-key") return [{ apiKey: [] }, { apiKeyQuery: [] }];
  return access.apiKey ? [{ session: [] }, { apiKey: [] }] : [{ session: [] }];
}

function pathParameters(path: string): OpenApiParameter[] {
  return [...path.matchAll(/:([A-Za-z_]+)/g)].map(([, name]) => {
    const param = PATH_PARAMS[name!];
    if (!param) throw new Error(`the OpenAPI document has no description of the path parameter :${name} (${path}); add it to PATH_PARAMS`);
    const segments = path.split("/");
    const owner = ID_OF[segments[segments.indexOf(`:${name}`) - 1] ?? ""];
    return { name: name!, in: "path", required: true, description: name === "id" && owner ? `The ${owner}'s id.` : param.description, schema: parameterSchema(param.schema).schema };
  });
}

function queryParameters(query: z.ZodObject | undefined): OpenApiParameter[] {
  if (!query) return [];
  return Object.entries(query.shape).map(([name, field]) => {
    const { description, schema } = parameterSchema(field);
    // Required when zod refuses it missing (no default, not optional).
    return { name, in: "query", required: !field.safeParse(undefined).success, ...(description ? { description } : {}), schema };
  });
}

/** A parameter's value is a string in the URL; its schema is small and inlined (its description moves to the parameter). */
function parameterSchema(field: z.ZodType): { description: string | undefined; schema: JsonSchema } {
  const { $schema: _dialect, description, ...schema } = z.toJSONSchema(field, { io: "input", unrepresentable: "any" }) as JsonSchema;
  return { description: typeof description === "string" ? description : undefined, schema };
}

function pascal(segment: string): string {
  return segment
    .replace(/[{}]/g, "")
    .split(/[^A-Za-z0-9]+/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}

function uniqueId(id: string, used: Set<string>): string {
  let unique = id;
  for (let n = 2; used.has(unique); n++) unique = `${id}${n}`;
  used.add(unique);
  return unique;
}

/** Schemas of the server's own, named in the document like the contracts' ones. */
const SERVER_SCHEMAS = new Map<z.ZodType, string>([
  [SyncStepProblemSchema, "SyncStepProblem"],
]);

/** Exports that are another schema under a second name: the first name describes it better. */
const ALIASES = new Set(["InviteJoinSchema"]);

/**
 * The JSON Schemas of one document. Every schema exported by @fluxo/contracts (as
 * `FooSchema`) becomes the component `Foo` when an operation reaches it; others are inlined.
 * Requests are described as zod parses them (`io: "input"`: defaults make fields optional),
 * responses as the server sends them (`io: "output"`); a component that differs between the
 * two gets an `Input` twin.
 */
class SchemaSet {
  private readonly names = new Map<z.ZodType, string>();
  private readonly roots: { io: "input" | "output"; schema: z.ZodType; target: JsonSchema }[] = [];

  constructor() {
    for (const [exported, value] of Object.entries(contracts)) {
      if (exported.endsWith("Schema") && !ALIASES.has(exported) && value instanceof z.ZodType && !this.names.has(value)) this.names.set(value, exported.slice(0, -"Schema".length));
    }
    for (const [schema, name] of SERVER_SCHEMAS) this.names.set(schema, name);
  }

  /** A placeholder filled in by `components()`, once every schema of the document is known. */
  request(schema: z.ZodType): JsonSchema {
    return this.root("input", schema);
  }

  response(schema: z.ZodType): JsonSchema {
    return this.root("output", schema);
  }

  private root(io: "input" | "output", schema: z.ZodType): JsonSchema {
    const target: JsonSchema = {};
    this.roots.push({ io, schema, target });
    return target;
  }

  components(): Record<string, JsonSchema> {
    const passes = (["input", "output"] as const).map((io) => this.pass(io));
    const [input, output] = passes as [Pass, Pass];
    // A component that differs, or refers to one that does, gets its `Input` twin (`Request` for a name already ending so).
    const twin = (name: string) => (name.endsWith("Input") ? `${name}Request` : `${name}Input`);
    const renamed = new Set<string>();
    const refersToRenamed = (name: string) => [...renamed].some((other) => JSON.stringify(input.schemas[name]).includes(`"${SCHEMA_REF}${other}"`));
    for (let grew = true; grew; ) {
      grew = false;
      for (const name of input.used) {
        if (renamed.has(name) || !output.used.has(name)) continue;
        if (JSON.stringify(input.schemas[name]) !== JSON.stringify(output.schemas[name]) || refersToRenamed(name)) {
          renamed.add(name);
          grew = true;
        }
      }
    }
    const rename = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(rename);
      if (typeof value !== "object" || value === null) return value;
      return Object.fromEntries(
        Object.entries(value).map(([key, inner]) => [key, key === "$ref" && typeof inner === "string" && renamed.has(inner.slice(SCHEMA_REF.length)) ? `${SCHEMA_REF}${twin(inner.slice(SCHEMA_REF.length))}` : rename(inner)]),
      );
    };
    for (const root of this.roots) if (root.io === "input") Object.assign(root.target, rename({ ...root.target }));
    const components: Record<string, JsonSchema> = {};
    for (const name of [...output.used].sort()) components[name] = output.schemas[name]!;
    for (const name of [...input.used].sort()) components[renamed.has(name) ? twin(name) : name] = rename(input.schemas[name]) as JsonSchema;
    return Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Every root of one direction through zod, in one go so components refer to each other by $ref. */
  private pass(io: "input" | "output"): Pass {
    const registry = z.registry<{ id: string }>();
    for (const [schema, id] of this.names) registry.add(schema, { id });
    const roots = this.roots.filter((root) => root.io === io);
    roots.forEach((root, i) => {
      if (!registry.has(root.schema)) registry.add(root.schema, { id: `__root${i}` });
    });
    const generated = z.toJSONSchema(registry, {
      io,
      unrepresentable: "any",
      uri: (id) => `${SCHEMA_REF}${id}`,
      // Responses may gain members; a client should ignore the ones it doesn't know.
      override: ({ zodSchema, jsonSchema }) => {
        if (io === "output" && zodSchema._zod.def.type === "object" && (zodSchema as z.ZodObject)._zod.def.catchall === undefined) delete jsonSchema.additionalProperties;
      },
    }).schemas as Record<string, JsonSchema>;
    for (const schema of Object.values(generated)) {
      delete schema.$schema;
      delete schema.$id;
      if (io === "input") defaultsInWords(schema);
    }
    roots.forEach((root, i) => {
      const id = registry.get(root.schema)!.id;
      Object.assign(root.target, id.startsWith("__root") ? generated[id] : { $ref: `${SCHEMA_REF}${id}` });
    });
    // Only the components the document reaches.
    const used = new Set<string>();
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(visit);
      if (typeof value !== "object" || value === null) return;
      for (const [key, inner] of Object.entries(value)) {
        if (key === "$ref" && typeof inner === "string" && inner.startsWith(SCHEMA_REF)) {
          const name = inner.slice(SCHEMA_REF.length);
          if (!used.has(name)) {
            used.add(name);
            visit(generated[name]);
          }
        } else visit(inner);
      }
    };
    roots.forEach((root) => visit(root.target));
    return { schemas: generated, used };
  }
}

/**
 * A request member with a default may be left out, so it isn't `required`; but code generators
 * (openapi-typescript) read a member's `default` as "always there" — right for answers, wrong for
 * requests, where it made clients send every defaulted member. In requests the default is said in words.
 */
function defaultsInWords(value: unknown): void {
  if (Array.isArray(value)) return value.forEach(defaultsInWords);
  if (typeof value !== "object" || value === null) return;
  const schema = value as JsonSchema;
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (properties && typeof properties === "object") {
    const required = new Set((schema.required as string[] | undefined) ?? []);
    for (const [name, { default: fallback, ...member }] of Object.entries(properties)) {
      if (required.has(name) || fallback === undefined) continue;
      const said = typeof member.description === "string" ? `${member.description} ` : "";
      properties[name] = { ...member, description: `${said}Default: ${JSON.stringify(fallback)}.` };
    }
  }
  for (const inner of Object.values(schema)) defaultsInWords(inner);
}

interface Pass {
  schemas: Record<string, JsonSchema>;
  used: Set<string>;
}
