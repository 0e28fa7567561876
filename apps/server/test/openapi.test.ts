import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Execution, Flow } from "@fluxo/contracts";
import { readdirSync, readFileSync } from "node:fs";
import { buildOpenApiDocument, type JsonSchema, type OpenApiDocument, type OpenApiOperation } from "../src/openapi/openapi-document.js";
import { API_REGISTRY, API_ROUTES } from "../src/routes/api-routes.js";
import { startTestApp, type TestApp } from "./harness.js";
import { resolvePointer, validate } from "./json-schema-check.js";

const doc = buildOpenApiDocument(API_REGISTRY.routes, API_REGISTRY.operations);
const openApiPath = (path: string) => path.replace(/:([A-Za-z_]+)/g, "{$1}");
const operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op: op! })));
const operation = (method: string, path: string): OpenApiOperation => {
  const op = doc.paths[path]?.[method as "get"];
  if (!op) throw new Error(`${method.toUpperCase()} ${path} is not in the document`);
  return op;
};

describe("the OpenAPI document", () => {
  it("describes every route of the API table with its method", () => {
    const missing = API_ROUTES.map((r) => `${r.method.toUpperCase()} /api${openApiPath(r.path)}`).filter((key) => {
      const [method, path] = key.split(" ") as [string, string];
      return !doc.paths[path]?.[method.toLowerCase() as "get"];
    });
    expect(missing).toEqual([]);
    expect(operations.filter((o) => o.path.startsWith("/api/"))).toHaveLength(API_ROUTES.length);
  });

  it("is built from the route registry: no module of src/openapi imports a router (routes → openapi → routes was a cycle)", () => {
    const folder = new URL("../src/openapi/", import.meta.url);
    const routers = readdirSync(folder)
      .filter((file) => file.endsWith(".ts"))
      .flatMap((file) => [...readFileSync(new URL(file, folder), "utf8").matchAll(/from "([^"]*(?:-routes|api-route)\.js)"/g)].map((m) => `${file} → ${m[1]}`))
      .filter((edge) => !edge.endsWith("/api-route.js"));
    expect(routers).toEqual([]);
    expect(API_REGISTRY.operations.map((o) => o.path)).toContain("/gateway/flows/:slug");
  });

  it("describes each route with a tag, a summary and its answer (a route added bare fails here)", () => {
    const bare = API_ROUTES.filter((r) => !r.tag || !r.summary || !r.reply).map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(bare, "give these routes tag, summary and reply in API_ROUTES").toEqual([]);
  });

  it("describes both gateway routes with every method they take, ?key= as the less safe way, return_step and their answers", () => {
    for (const path of ["/gateway/flows/{slug}", "/gateway/flows/{slug}/sync"]) {
      for (const method of ["get", "post", "put", "patch", "delete"]) {
        const op = operation(method, path);
        expect(op.security).toEqual([{ apiKey: [] }, { apiKeyQuery: [] }]);
        expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["401", "404", "409", "413", "429"]));
        expect(op.responses["429"]!.headers).toHaveProperty("Retry-After");
        expect(op.tags).toEqual(["gateway"]);
      }
      expect(operation("post", path).requestBody?.content).toHaveProperty("application/json");
    }
    expect(doc.components.securitySchemes.apiKeyQuery).toMatchObject({ type: "apiKey", in: "query", name: "key" });
    expect(String(doc.components.securitySchemes.apiKeyQuery!.description)).toContain("Less safe");
    expect(operation("post", "/gateway/flows/{slug}").responses["202"]!.content!["application/json"]!.schema).toEqual({ $ref: "#/components/schemas/ExecutionAccepted" });
    const sync = operation("post", "/gateway/flows/{slug}/sync");
    expect(Object.keys(sync.responses)).toEqual(expect.arrayContaining(["200", "401", "404", "409", "413", "422", "429", "502", "504"]));
    expect(sync.parameters.find((p) => p.name === "return_step")).toMatchObject({ in: "query", required: false, schema: { type: "string", pattern: "^[a-z][a-z0-9_]*$" } });
    expect(sync.responses["502"]!.content!["application/problem+json"]!.schema).toEqual({ $ref: "#/components/schemas/SyncStepProblem" });
    expect(sync.responses["504"]!.content!["application/problem+json"]!.schema).toEqual({ $ref: "#/components/schemas/StillRunningProblem" });
  });

  it("has the shape of an OpenAPI 3.1 document", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    const tagNames = doc.tags.map((t) => t.name);
    const ids = new Set<string>();
    for (const { path, method, op } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(path, where).toMatch(/^\//);
      expect(["get", "put", "post", "delete", "options", "head", "patch", "trace"], where).toContain(method);
      expect(ids.has(op.operationId), `${where}: operationId ${op.operationId} is repeated`).toBe(false);
      ids.add(op.operationId);
      for (const tag of op.tags) expect(tagNames, where).toContain(tag);
      // Every {param} of the path is declared once, in: path, required; nothing else claims to be in the path.
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const declared = op.parameters.filter((p) => p.in === "path");
      expect(declared.map((p) => p.name).sort(), where).toEqual([...templated].sort());
      for (const p of declared) expect(p.required, where).toBe(true);
      for (const p of op.parameters) expect(["path", "query", "header", "cookie"], where).toContain(p.in);
      expect(Object.keys(op.responses).length, where).toBeGreaterThan(0);
      expect(Object.keys(op.responses).some((status) => /^[23]/.test(status)), `${where} has no success answer`).toBe(true);
      for (const [status, response] of Object.entries(op.responses)) {
        expect(status, where).toMatch(/^[1-5]\d\d$/);
        expect(typeof response.description, where).toBe("string");
        for (const [type, media] of Object.entries(response.content ?? {})) {
          expect(media, `${where} ${status} ${type}`).toHaveProperty("schema");
          if (Number(status) >= 400) expect(type, `${where} ${status}`).toBe("application/problem+json");
        }
      }
      for (const requirement of op.security) for (const scheme of Object.keys(requirement)) expect(doc.components.securitySchemes, where).toHaveProperty(scheme);
    }
    for (const name of Object.keys(doc.components.schemas)) expect(name).toMatch(/^[a-zA-Z0-9._-]+$/);
  });

  it("resolves every $ref, and every component is used", () => {
    const refs = new Set<string>();
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(visit);
      if (typeof value !== "object" || value === null) return;
      for (const [key, inner] of Object.entries(value)) {
        if (key === "$ref") refs.add(String(inner));
        else visit(inner);
      }
    };
    visit(doc);
    const unresolved = [...refs].filter((ref) => resolvePointer(doc, ref) === undefined);
    expect(unresolved).toEqual([]);
    expect([...refs].every((ref) => ref.startsWith("#/components/schemas/"))).toBe(true);
    const unused = Object.keys(doc.components.schemas).filter((name) => !refs.has(`#/components/schemas/${name}`));
    expect(unused).toEqual([]);
  });

  it("documents who may call each route: security schemes, the permission and the roles", () => {
    expect(doc.components.securitySchemes.session).toMatchObject({ type: "apiKey", in: "cookie", name: "fluxo_session" });
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    for (const route of API_ROUTES) {
      const op = operation(route.method, `/api${openApiPath(route.path)}`);
      expect(op["x-fluxo-access"].rule).toBe(route.access);
      if (route.access === "public") expect(op.security).toEqual([]);
      else expect(op.security[0]).toEqual({ session: [] });
    }
    expect(operation("post", "/api/flows/{id}/executions").security).toEqual([{ session: [] }, { apiKey: [] }]);
    expect(operation("post", "/api/connections")["x-fluxo-access"]).toEqual({ rule: "manage-connections", roles: ["owner", "admin"], apiKey: false });
    for (const path of ["/api/openapi.json", "/api/docs", "/api/health"]) expect(operation("get", path)["x-fluxo-access"].rule).toBe("public");
  });

  it("answers errors as problem+json and the event stream as text/event-stream", () => {
    expect(doc.components.schemas.Problem).toMatchObject({ required: ["type", "title", "status", "detail"] });
    const events = operation("get", "/api/executions/{id}/events").responses["200"]!.content!;
    expect(Object.keys(events)).toEqual(["text/event-stream"]);
    // Each message's data, where a generated client finds it (the stream's schema).
    expect(events["text/event-stream"]).toEqual({ schema: { $ref: "#/components/schemas/ExecutionEvent" } });
    expect(operation("post", "/api/flows")).toMatchObject({ requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/FlowCreate" } } } } });
    expect(operation("post", "/api/flows").responses["422"]!.content!["application/problem+json"]!.schema).toEqual({ $ref: "#/components/schemas/Problem" });
    // A body whose every field has a default may be left out.
    expect(operation("post", "/api/flows/{id}/publish").requestBody?.required).toBe(false);
    // Secrets are never described as answered: a connection's secrets are only "set or not".
    expect(JSON.stringify(doc.components.schemas.Connection)).not.toContain("clientSecret");
  });
});

describe("the OpenAPI document against the running server", () => {
  let app: TestApp;
  let flow: Flow;
  let execution: Execution;
  beforeAll(async () => {
    app = await startTestApp("postgres");
    const connection = await app.createConnection();
    flow = await app.createFlow(connection.id);
    const { body } = await app.api<{ executionId: string }>("POST", `/api/flows/${flow.id}/executions`, {});
    execution = await app.waitForExecution(body.executionId);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it("serves the document at GET /api/openapi.json to anyone", async () => {
    const res = await fetch(`${app.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    // The same document, naming the server that answered.
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify({ ...doc, servers: [{ url: app.url, description: "This server." }] })));
  });

  it("serves the reference at GET /api/docs: HTML with every path, no script, no inline style, a linked stylesheet", async () => {
    const res = await fetch(`${app.url}/api/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    const html = await res.text();
    for (const path of Object.keys(doc.paths)) expect(html, path).toContain(`<code class="path">${path}</code>`);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<style/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    const stylesheet = /<link rel="stylesheet" href="([^"]+)">/.exec(html)?.[1];
    expect(stylesheet).toBe("/api/docs/reference.css");
    const css = await fetch(`${app.url}${stylesheet}`);
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toContain("text/css");
    // Access and bodies are shown: the permission, a request body's members, an answer's status.
    expect(html).toContain("permission <code>manage-connections</code>");
    expect(html).toContain('<code class="prop">connector</code> <span class="required">required</span>');
    expect(html).toContain('<dt class="status s5xx">502</dt>');
  });

  it("escapes what it renders", async () => {
    const { renderReferencePage } = await import("../src/openapi/reference-page.js");
    const tampered: OpenApiDocument = JSON.parse(JSON.stringify(doc));
    tampered.info.description = '<img src=x onerror="alert(1)">';
    tampered.paths["/api/health"]!.get!.summary = "</p><script>alert(1)</script>";
    const html = renderReferencePage(tampered);
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("a request body schema of the document refuses what the server refuses, and accepts what it accepts", async () => {
    const cases: { method: string; path: string; docPath: string; refused: unknown[]; accepted: unknown }[] = [
      {
        method: "POST",
        path: "/api/connections",
        docPath: "/api/connections",
        refused: [
          // The connector's own fields, which ConnectionService checks: no clientId, an empty one, a key BTG-ID doesn't have, an unknown connector.
          { connector: "btg-id", name: "Sem client id", values: { clientSecret: "demo-secret", environmentUrl: app.sandbox.url } },
          { connector: "btg-id", name: "Client id vazio", values: { clientId: "", clientSecret: "demo-secret", environmentUrl: app.sandbox.url } },
          { connector: "btg-id", name: "Campo a mais", values: { clientId: "demo-client", clientSecret: "demo-secret", environmentUrl: app.sandbox.url, tenant: "x" } },
          { connector: "nao-existe", name: "Conector desconhecido", values: {} },
          // ConnectionCreateSchema's own: no connector, no name, a name too long.
          { name: "sem conector", values: {} },
          { connector: "btg-id", values: { clientId: "demo-client", clientSecret: "demo-secret", environmentUrl: app.sandbox.url } },
          { connector: "btg-id", name: "x".repeat(121), values: { clientId: "demo-client", clientSecret: "demo-secret", environmentUrl: app.sandbox.url } },
        ],
        accepted: { connector: "btg-id", name: "Aceita", values: { clientId: "demo-client", clientSecret: "demo-secret", environmentUrl: app.sandbox.url } },
      },
      {
        method: "POST",
        path: `/api/flows/${flow.id}/publish`,
        docPath: "/api/flows/{id}/publish",
        // Strict: anything but `note` is refused.
        refused: [{ note: "ok", extra: true }, { note: "n".repeat(501) }, { note: 5 }],
        accepted: { note: "primeira" },
      },
      {
        method: "POST",
        path: "/api/flows",
        docPath: "/api/flows",
        refused: [{ description: "sem nome" }, { name: "Slug ruim", slug: "Não Vale" }, { name: "Passo ruim", definition: { steps: [{ id: "Credenciais", connector: "btg-id", operation: "get-credentials", connectionId: null }] } }],
        accepted: { name: "Pelo documento", slug: "pelo-documento" },
      },
    ];
    for (const c of cases) {
      const schema = operation("post", c.docPath).requestBody!.content["application/json"]!.schema;
      for (const body of c.refused) {
        const res = await app.api("POST", c.path, body);
        expect(res.status, `${c.path} ${JSON.stringify(body)}`).toBe(422);
        expect(validate(doc, schema, body), `the document accepts ${JSON.stringify(body)} for ${c.docPath}`).not.toEqual([]);
      }
      expect(validate(doc, schema, c.accepted)).toEqual([]);
      expect((await app.api("POST", c.path, c.accepted)).status, c.path).toBe(201);
    }
    // Changing a connection: a secret left out or null keeps the stored one (both agree); an empty clientId is refused by both.
    const connection = (await app.api<{ id: string }[]>("GET", "/api/connections")).body;
    const update = operation("put", "/api/connections/{id}").requestBody!.content["application/json"]!.schema;
    const keeps = { name: "Renomeada", values: { clientSecret: null } };
    expect(validate(doc, update, keeps)).toEqual([]);
    expect((await app.api("PUT", `/api/connections/${connection[0]!.id}`, keeps)).status).toBe(200);
    const emptyId = { values: { clientId: "" } };
    expect(validate(doc, update, emptyId)).not.toEqual([]);
    expect((await app.api("PUT", `/api/connections/${connection[0]!.id}`, emptyId)).status).toBe(422);
  });

  it("the server's answers fit the response schemas of the document, with no member it doesn't describe", async () => {
    const calls: [string, string, number][] = [
      ["/api/health", "/api/health", 200],
      ["/api/auth/session", "/api/auth/session", 200],
      ["/api/connectors", "/api/connectors", 200],
      ["/api/connections", "/api/connections", 200],
      ["/api/flows", "/api/flows", 200],
      [`/api/flows/${flow.id}`, "/api/flows/{id}", 200],
      [`/api/flows/${flow.id}/executions`, "/api/flows/{id}/executions", 200],
      [`/api/executions/${execution.id}`, "/api/executions/{id}", 200],
      ["/api/members", "/api/members", 200],
      ["/api/flows/nao-existe", "/api/flows/{id}", 404],
    ];
    for (const [url, docPath, status] of calls) {
      const res = await app.api("GET", url);
      expect(res.status, url).toBe(status);
      const content = operation("get", docPath).responses[String(status)]!.content!;
      const [type, media] = Object.entries(content)[0]!;
      expect(res.headers.get("content-type"), url).toContain(type);
      expect(validate(doc, media.schema, res.body, { closed: true }), url).toEqual([]);
    }
  });

  it("a problem's own members are in its schema (usedBy, currentVersion, publishedVersion), and 415 is declared where it is answered", async () => {
    const connectionId = flow.definition.steps[0]!.connectionId!;
    await app.api("POST", `/api/flows/${flow.id}/publish`, {});
    const calls: [string, string, string, unknown, number, string][] = [
      ["DELETE", `/api/connections/${connectionId}`, "/api/connections/{id}", undefined, 409, "usedBy"],
      ["PUT", `/api/flows/${flow.id}`, "/api/flows/{id}", { name: "Outro nome", version: flow.version + 100 }, 409, "currentVersion"],
      ["POST", `/api/flows/${flow.id}/publish`, "/api/flows/{id}/publish", {}, 409, "publishedVersion"],
    ];
    for (const [method, url, docPath, body, status, member] of calls) {
      const res = await app.api<Record<string, unknown>>(method, url, body);
      expect(res.status, url).toBe(status);
      expect(res.body, url).toHaveProperty(member);
      const schema = operation(method.toLowerCase(), docPath).responses[String(status)]!.content!["application/problem+json"]!.schema;
      expect(validate(doc, schema, res.body, { closed: true }), `${method} ${url}`).toEqual([]);
    }
    const latin1 = await fetch(`${app.url}/api/flows`, { method: "POST", headers: { "content-type": "application/json; charset=iso-8859-1", ...app.auth }, body: "{}" });
    expect(latin1.status).toBe(415);
    expect(operation("post", "/api/flows").responses["415"]!.content!["application/problem+json"]).toBeDefined();
  });
});
