import { API_TAGS } from "../routes/api-route.js";
import { type JsonSchema, type OpenApiDocument, type OpenApiOperation, type OpenApiParameter } from "./openapi-document.js";

/**
 * GET /api/docs: the OpenAPI document as a plain HTML page, grouped by tag. No script and no
 * inline style (the CSP allows neither): one linked stylesheet. Every text is escaped.
 */
export function renderReferencePage(doc: OpenApiDocument): string {
  const operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op: op! })));
  const tags = Object.keys(API_TAGS) as (keyof typeof API_TAGS)[];
  const byTag = (tag: string) => operations.filter((o) => o.op.tags.includes(tag));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.info.title)} — reference</title>
<link rel="stylesheet" href="/api/docs/reference.css">
</head>
<body>
<header class="top">
<h1>${esc(doc.info.title)} <span class="version">${esc(doc.info.version)}</span></h1>
<p>${esc(doc.info.description)}</p>
<p>OpenAPI ${esc(doc.openapi)} document: <a href="/api/openapi.json">/api/openapi.json</a></p>
</header>
<nav class="toc" aria-label="Contents">
<ul>
<li><a href="#authentication">Authentication</a></li>
${tags
  .filter((tag) => byTag(tag).length > 0)
  .map((tag) => `<li><a href="#tag-${tag}">${esc(API_TAGS[tag])}</a><ul>${byTag(tag).map(({ path, method, op }) => `<li><a href="#${esc(op.operationId)}"><span class="method m-${method}">${method.toUpperCase()}</span> ${esc(path)}</a></li>`).join("")}</ul></li>`)
  .join("\n")}
<li><a href="#schemas">Schemas</a></li>
</ul>
</nav>
<main>
<section id="authentication">
<h2>Authentication</h2>
<dl>
${Object.entries(doc.components.securitySchemes)
  .map(([name, scheme]) => `<dt><code>${esc(name)}</code> — ${esc(schemeLabel(scheme))}</dt><dd>${esc(String(scheme.description ?? ""))}</dd>`)
  .join("\n")}
</dl>
<p>Errors are <code>application/problem+json</code>: see <a href="#schema-Problem">Problem</a>.</p>
</section>
${tags
  .filter((tag) => byTag(tag).length > 0)
  .map((tag) => `<section id="tag-${tag}">\n<h2>${esc(API_TAGS[tag])}</h2>\n${byTag(tag).map(({ path, method, op }) => operationHtml(path, method, op, doc.components.schemas)).join("\n")}\n</section>`)
  .join("\n")}
<section id="schemas">
<h2>Schemas</h2>
${Object.entries(doc.components.schemas)
  .map(([name, schema]) => `<article class="schema" id="schema-${esc(name)}">\n<h3>${esc(name)}</h3>\n${schemaHtml(schema)}\n</article>`)
  .join("\n")}
</section>
</main>
</body>
</html>
`;
}

type Components = Record<string, JsonSchema>;

function operationHtml(path: string, method: string, op: OpenApiOperation, components: Components): string {
  const parts = [
    `<article class="operation" id="${esc(op.operationId)}">`,
    `<h3><span class="method m-${esc(method)}">${esc(method.toUpperCase())}</span> <code class="path">${esc(path)}</code></h3>`,
    `<p class="summary">${esc(op.summary)}</p>`,
    op.description ? `<p class="description">${esc(op.description)}</p>` : "",
    `<p class="access"><strong>Access:</strong> ${accessHtml(op)}</p>`,
  ];
  if (op.parameters.length > 0) parts.push(`<h4>Parameters</h4>\n${parametersHtml(op.parameters)}`);
  if (op.requestBody) {
    parts.push(`<h4>Request body${op.requestBody.required ? "" : " (optional)"}</h4>`);
    if (op.requestBody.description) parts.push(`<p>${esc(op.requestBody.description)}</p>`);
    parts.push(contentHtml(op.requestBody.content, components));
  }
  parts.push(
    "<h4>Responses</h4>",
    `<dl class="responses">${Object.entries(op.responses)
      .map(
        ([status, response]) =>
          `<dt class="status s${esc(status.charAt(0))}xx">${esc(status)}</dt><dd><p>${esc(response.description)}</p>${
            response.headers ? `<p class="headers">${Object.entries(response.headers).map(([name, header]) => `<code>${esc(name)}</code>: ${esc(header.description)}`).join("<br>")}</p>` : ""
          }${response.content ? contentHtml(response.content, status.startsWith("2") ? components : undefined) : ""}</dd>`,
      )
      .join("")}</dl>`,
    "</article>",
  );
  return parts.filter(Boolean).join("\n");
}

function accessHtml(op: OpenApiOperation): string {
  const access = op["x-fluxo-access"];
  if (access.rule === "public") return "public (no caller needed)";
  if (access.rule === "api-key") return "an API key only (<code>Authorization: Bearer</code> or, less safe, <code>?key=</code>)";
  const who = [access.roles.length > 0 ? `roles ${access.roles.map((r) => `<code>${esc(r)}</code>`).join(", ")}` : "", access.apiKey ? "an API key" : "no API key"].filter(Boolean).join("; ");
  return `permission <code>${esc(access.rule)}</code> — ${who}`;
}

function parametersHtml(parameters: OpenApiParameter[]): string {
  const rows = parameters.map((p) => `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? "required" : "optional"}</td><td>${schemaHtml(p.schema)}</td><td>${esc(p.description ?? "")}</td></tr>`);
  return `<table class="parameters"><thead><tr><th>name</th><th>in</th><th></th><th>schema</th><th>description</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

/** With `components`, a body that is a named schema shows its members too (a success answer, a request body); problems stay a link. */
function contentHtml(content: Record<string, { schema: JsonSchema }>, components?: Components): string {
  const expanded = (schema: JsonSchema) => {
    const named = typeof schema.$ref === "string" && components ? components[schema.$ref.replace("#/components/schemas/", "")] : undefined;
    return named ? `${schemaHtml(schema)}${schemaHtml(named, 1)}` : schemaHtml(schema);
  };
  return Object.entries(content)
    .map(([type, media]) => {
      const body = type === "text/event-stream" ? `<p>Server-Sent Events; each message's data:</p>${expanded(media.schema)}` : expanded(media.schema);
      return `<div class="content"><p class="media-type"><code>${esc(type)}</code></p>${body}</div>`;
    })
    .join("");
}

function schemeLabel(scheme: JsonSchema): string {
  if (scheme.type === "http") return `HTTP ${String(scheme.scheme)} (Authorization header)`;
  return `${String(scheme.name)} in the ${String(scheme.in)}`;
}

const MAX_DEPTH = 8;

/** A JSON Schema as nested lists: types, required members, constraints, descriptions; $refs link to the Schemas section. */
export function schemaHtml(schema: JsonSchema, depth = 0): string {
  const notes = constraints(schema);
  const description = typeof schema.description === "string" ? ` <span class="description">${esc(schema.description)}</span>` : "";
  const head = `<span class="type">${typeHtml(schema, depth)}</span>${notes.length > 0 ? ` <span class="constraints">${esc(notes.join(", "))}</span>` : ""}${description}`;
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (!properties || Object.keys(properties).length === 0 || depth >= MAX_DEPTH) return `<div class="schema-body">${head}</div>`;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const items = Object.entries(properties).map(([name, property]) => `<li><code class="prop">${esc(name)}</code>${required.has(name) ? ' <span class="required">required</span>' : ""} ${schemaHtml(property, depth + 1)}</li>`);
  return `<div class="schema-body">${head}<ul class="properties">${items.join("")}</ul></div>`;
}

function typeHtml(schema: JsonSchema, depth: number): string {
  if (typeof schema.$ref === "string") {
    const name = schema.$ref.replace("#/components/schemas/", "");
    return `<a href="#schema-${esc(name)}">${esc(name)}</a>`;
  }
  if ("const" in schema) return `<code>${esc(JSON.stringify(schema.const))}</code>`;
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => `<code>${esc(JSON.stringify(v))}</code>`).join(" ")}`;
  for (const key of ["anyOf", "oneOf", "allOf"] as const) {
    const options = schema[key];
    if (Array.isArray(options)) return options.map((option) => (isPlain(option as JsonSchema) ? typeHtml(option as JsonSchema, depth + 1) : schemaHtml(option as JsonSchema, depth + 1))).join(key === "allOf" ? " and " : " | ");
  }
  const type = schema.type;
  if (type === "array") {
    const items = (schema.items as JsonSchema | undefined) ?? {};
    return `array of ${isPlain(items) ? typeHtml(items, depth + 1) : schemaHtml(items, depth + 1)}`;
  }
  if (type === "object" && !schema.properties && typeof schema.additionalProperties === "object") {
    const values = schema.additionalProperties as JsonSchema;
    return `map of string to ${isPlain(values) ? typeHtml(values, depth + 1) : schemaHtml(values, depth + 1)}`;
  }
  if (Array.isArray(type)) return type.map((t) => esc(String(t))).join(" | ");
  if (typeof type === "string") return esc(type) + (typeof schema.format === "string" ? ` <span class="format">(${esc(schema.format)})</span>` : "");
  return "any";
}

/** Renders on one line: no members of its own to list. */
function isPlain(schema: JsonSchema): boolean {
  return !schema.properties && !schema.description && constraints(schema).length === 0;
}

function constraints(schema: JsonSchema): string[] {
  const notes: string[] = [];
  const add = (key: string, label: string) => {
    // A pattern reads best as written; a default as the JSON it is ("" and not nothing).
    if (schema[key] !== undefined) notes.push(`${label} ${key === "pattern" ? String(schema[key]) : JSON.stringify(schema[key])}`);
  };
  add("minLength", "min length");
  add("maxLength", "max length");
  add("pattern", "pattern");
  add("minimum", "≥");
  add("maximum", "≤");
  add("minItems", "min items");
  add("maxItems", "max items");
  add("default", "default");
  if (schema.additionalProperties === false && schema.properties) notes.push("no other members");
  if (Array.isArray(schema.examples)) notes.push(`example ${JSON.stringify(schema.examples[0])}`);
  return notes;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}
