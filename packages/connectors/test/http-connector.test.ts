import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { renderStepMessage, type StepResult } from "@fluxo/contracts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHttpClient, getOperation, http as httpConnector, StepError, type ConnectionValues } from "../src/index.js";
import { closedPort, recorder, stepErrorOf } from "./support.js";

// An ordinary REST server (customers: create, read by query, update, delete) plus a few behaviours by path.
interface Customer {
  id: number;
  name: string;
  city: string;
}
let customers: Customer[] = [];
const received: { method: string; url: string; headers: IncomingMessage["headers"]; body: string }[] = [];

function json(res: import("node:http").ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const url = new URL(req.url!, "http://localhost");
      const match = /^\/customers\/(\d+)$/.exec(url.pathname);
      if (url.pathname === "/customers" && req.method === "POST") {
        const input = JSON.parse(body) as Omit<Customer, "id">;
        const created = { id: customers.length + 1, ...input };
        customers.push(created);
        return json(res, 201, created, { location: `/customers/${created.id}` });
      }
      if (url.pathname === "/customers" && req.method === "GET") {
        const city = url.searchParams.get("city");
        const page = Number(url.searchParams.get("page") ?? "1");
        const size = Number(url.searchParams.get("size") ?? "100");
        const found = customers.filter((c) => !city || c.city === city);
        const items = found.slice((page - 1) * size, page * size);
        const next = page * size < found.length ? `/customers?page=${page + 1}&size=${size}` : null;
        return json(res, 200, { items, next });
      }
      if (match) {
        const customer = customers.find((c) => c.id === Number(match[1]));
        if (!customer) return json(res, 404, { error: "not_found", message: `customer ${match[1]} not found` });
        if (req.method === "PUT") Object.assign(customer, JSON.parse(body));
        return json(res, 200, customer);
      }
      if (url.pathname === "/private") {
        if (req.headers.authorization !== "Bearer s3cret-token" && req.headers["x-api-key"] !== "k3y-value" && url.searchParams.get("api_key") !== "q-secret") {
          return json(res, 401, { error: "unauthorized" }, { "www-authenticate": "Bearer" });
        }
        return json(res, 200, { ok: true });
      }
      if (url.pathname === "/echo") return json(res, 200, { method: req.method, contentType: req.headers["content-type"] ?? null, body });
      if (url.pathname === "/hop") {
        res.writeHead(302, { location: `/hop-target` });
        return res.end();
      }
      if (url.pathname === "/hop-target") return json(res, 200, { method: req.method, authorization: req.headers.authorization ?? null });
      if (url.pathname === "/loop") {
        res.writeHead(307, { location: "/loop" });
        return res.end();
      }
      if (url.pathname === "/png") {
        res.writeHead(200, { "content-type": "image/png" });
        return res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]));
      }
      if (url.pathname === "/text") {
        res.writeHead(200, { "content-type": "text/plain" });
        return res.end("olá");
      }
      if (url.pathname === "/big") {
        res.writeHead(200, { "content-type": "text/plain" });
        for (let i = 0; i < 64; i++) res.write("x".repeat(1024));
        return res.end();
      }
      if (url.pathname === "/fail") return json(res, 503, { error: "temporarily_unavailable" });
      res.writeHead(404);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  customers = [];
  received.length = 0;
});

const operation = getOperation("http", "request")!;
const client = createHttpClient({ maxResponseBytes: 16 * 1024 });

function connection(values: Record<string, unknown>, secrets: Record<string, string>): ConnectionValues {
  return { id: "c1", name: "API", values, secrets };
}

/** Connectors don't depend on the expression language (the engine gives `evaluate`): a path reader plays it here. */
function readPath(template: unknown, scope: Record<string, unknown>): unknown {
  const path = /^\{\{\s*\.([\w.]+)\s*\}\}$/.exec(String(template))?.[1];
  if (!path) throw new Error(`test evaluate reads only {{ .a.b }}, got ${String(template)}`);
  return path.split(".").reduce<unknown>((value, key) => (value as Record<string, unknown> | null)?.[key], scope);
}

/** Parameters go through the schema first, as the engine does; `.response` expressions are evaluated like the engine's. */
async function run(raw: Record<string, unknown>, conn: ConnectionValues | null = null) {
  const rec = recorder();
  const parameters = operation.parameters.parse(raw);
  const result = (await operation.run({
    parameters,
    connection: conn,
    http: client,
    signal: new AbortController().signal,
    recordHttp: rec.recordHttp,
    evaluate: (_path, value, scope) => readPath(value, scope),
  })) as StepResult;
  return { result, exchanges: rec.summaries };
}

describe("HTTP Requisição HTTP against an ordinary REST server", () => {
  it("creates, reads by query, updates, and tells a 404 both ways", async () => {
    const created = await run({ method: "POST", url: `${base}/customers`, bodyType: "json", body: '{ "name": "Ana", "city": "Recife" }' });
    expect(created.result).toMatchObject({ code: 201, body: { id: 1, name: "Ana", city: "Recife" } });
    expect(created.result.headers["location"]).toBe("/customers/1");
    await run({ method: "POST", url: `${base}/customers`, bodyType: "json", body: { name: "Bia", city: "Natal" } });

    const byCity = await run({ url: `${base}/customers`, query: [{ name: "city", value: "Natal" }] });
    expect(byCity.result.body).toEqual({ items: [{ id: 2, name: "Bia", city: "Natal" }], next: null });
    expect(received.at(-1)!.url).toBe("/customers?city=Natal");

    const updated = await run({ method: "PUT", url: `${base}/customers/2`, bodyType: "json", body: '{"city": "Olinda"}' });
    expect(updated.result.body).toMatchObject({ id: 2, city: "Olinda" });

    const missing = await stepErrorOf(run({ url: `${base}/customers/99` }));
    expect(missing).toMatchObject({ kind: "http_error", status: 404, code: "not_found" });
    expect(missing.message).toContain("404");
    expect(missing.description).toContain("customer 99 not found");

    const tolerated = await run({ url: `${base}/customers/99`, failOnErrorStatus: false });
    expect(tolerated.result).toMatchObject({ code: 404, body: { error: "not_found" } });
  });

  it("records the exchange with its size, and answers text and binary bodies", async () => {
    const text = await run({ url: `${base}/text` });
    expect(text.result.body).toBe("olá");
    expect(text.exchanges[0]).toMatchObject({ method: "GET", url: `${base}/text`, status: 200, responseBytes: 4 });
    const png = await run({ url: `${base}/png` });
    expect(png.result.body).toEqual({ contentType: "image/png", size: 8, base64: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]).toString("base64") });
    const head = await run({ method: "HEAD", url: `${base}/text` });
    expect(head.result).toMatchObject({ code: 200, body: null });
  });

  it("sends form and text bodies with their content types", async () => {
    const form = await run({ method: "POST", url: `${base}/echo`, bodyType: "form", form: [{ name: "a", value: "1 2" }, { name: "b", value: 3 }] });
    expect(form.result.body).toEqual({ method: "POST", contentType: "application/x-www-form-urlencoded", body: "a=1+2&b=3" });
    const text = await run({ method: "PATCH", url: `${base}/echo`, bodyType: "text", body: "linha" });
    expect(text.result.body).toMatchObject({ contentType: "text/plain; charset=utf-8", body: "linha" });
  });

  it("fails a JSON body that isn't JSON with the line and column, before sending anything", async () => {
    const info = await stepErrorOf(run({ method: "POST", url: `${base}/echo`, bodyType: "json", body: '{\n  "name": Ana\n}' }));
    expect(info).toMatchObject({ kind: "invalid_parameters", retryable: false, fields: [{ path: "body" }] });
    expect(info.message).toBe(
      'O Corpo não é JSON válido (linha 2, coluna 11): "A" inesperado. Uma expressão entre aspas ("{{ … }}") entra como texto, já escapado. Fora de aspas o valor entra como está: número, lista e objeto viram JSON, mas um texto entra sem aspas e um nulo não deixa nada; para esses, use {{ … | toJson }} sem aspas.',
    );
    // The reason is a code too: English reads it whole, with no Portuguese (nor V8's English) inside.
    expect(renderStepMessage(info.messageCode!, info.messageParams, "en")).toBe(
      'The Body isn\'t valid JSON (line 2, column 11): unexpected "A". An expression between quotes ("{{ … }}") goes in as text, already escaped. Outside quotes the value goes in as it is: a number, list or object becomes JSON, but a text goes in without quotes and a null leaves nothing; for those, use {{ … | toJson }} without quotes.',
    );
    expect(received).toHaveLength(0);
  });

  it("refuses invalid URLs, header names and methods naming the field", () => {
    const problems = (raw: Record<string, unknown>) => {
      const parsed = operation.parameters.safeParse(raw);
      return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join("."));
    };
    expect(problems({ url: "ftp://example.com/x" })).toEqual(["url"]);
    expect(problems({ url: "clientes" })).toEqual(["url"]);
    expect(problems({ url: `${base}/x`, headers: [{ name: "bad name:", value: "1" }] })).toEqual(["headers.0.name"]);
    expect(problems({ url: `${base}/x`, headers: [{ name: "x-ok", value: "a\r\nb" }] })).toEqual(["headers.0.value"]);
    expect(problems({ url: `${base}/x`, method: "TRACE" })).toEqual(["method"]);
  });

  it("follows redirects (303 and a POST's 302 become GET) and drops credentials on another origin", async () => {
    const hop = await run({ method: "POST", url: `${base}/hop`, bodyType: "json", body: "{}" }, connection({ authType: "bearer" }, { token: "s3cret-token" }));
    expect(hop.result.body).toEqual({ method: "GET", authorization: "Bearer s3cret-token" }); // same origin keeps it
    expect(hop.exchanges.map((e) => e.status)).toEqual([302, 200]);

    const notFollowed = await run({ url: `${base}/hop`, followRedirects: false });
    expect(notFollowed.result.code).toBe(302);

    const loop = await stepErrorOf(run({ url: `${base}/loop` }));
    expect(loop.message).toContain("mais de 5 vezes");
  });

  it("authenticates with each kind of connection and never records the secret", async () => {
    const kinds: [Record<string, unknown>, Record<string, string>, string][] = [
      [{ authType: "bearer" }, { token: "s3cret-token" }, "s3cret-token"],
      [{ authType: "header", headerName: "X-Api-Key" }, { headerValue: "k3y-value" }, "k3y-value"],
      [{ authType: "query", queryName: "api_key" }, { queryValue: "q-secret" }, "q-secret"],
    ];
    for (const [values, secrets, secret] of kinds) {
      const { result, exchanges } = await run({ url: `${base}/private` }, connection(values, secrets));
      expect(result.body).toEqual({ ok: true });
      expect(JSON.stringify(exchanges)).not.toContain(secret);
    }
    const refused = await stepErrorOf(run({ url: `${base}/private` }));
    expect(refused).toMatchObject({ kind: "http_error", status: 401 });
    const incomplete = await stepErrorOf(run({ url: `${base}/private` }, connection({ authType: "bearer" }, {})));
    expect(incomplete).toMatchObject({ kind: "connection", fields: [{ path: "token" }] });
  });

  it("masks a typed Authorization header in the stored input", () => {
    const input = operation.redactInput!({ url: "x", headers: [{ name: "Authorization", value: "Bearer abc" }, { name: "x-tenant", value: "t1" }] });
    expect(input["headers"]).toEqual([{ name: "Authorization", value: "[redacted]" }, { name: "x-tenant", value: "t1" }]);
  });

  it("doesn't let a POST without an idempotency key be retried after a 5xx, but does with one", async () => {
    const plain = await stepErrorOf(run({ method: "POST", url: `${base}/fail`, bodyType: "json", body: "{}" }));
    expect(plain).toMatchObject({ status: 503, retryable: false });
    const keyed = await stepErrorOf(run({ method: "POST", url: `${base}/fail`, headers: [{ name: "Idempotency-Key", value: "k1" }], bodyType: "json", body: "{}" }));
    expect(keyed.retryable).toBeUndefined();
    const allowed = await stepErrorOf(run({ method: "POST", url: `${base}/fail`, retryNonIdempotent: true }));
    expect(allowed.retryable).toBeUndefined();
    const get = await stepErrorOf(run({ url: `${base}/fail` }));
    expect(get.retryable).toBeUndefined();
  });

  it("fails an answer past the response limit without reading it, and a refused connection clearly", async () => {
    const big = await stepErrorOf(run({ url: `${base}/big` }));
    expect(big).toMatchObject({ kind: "invalid_response", code: "response_too_large" });
    expect(big.message).toContain("16 kB");
    const port = await closedPort();
    const down = await stepErrorOf(run({ url: `http://127.0.0.1:${port}/x` }));
    expect(down).toMatchObject({ kind: "network", code: "ECONNREFUSED" });
  });
});

describe("pagination", () => {
  beforeEach(async () => {
    for (let i = 0; i < 5; i++) await run({ method: "POST", url: `${base}/customers`, bodyType: "json", body: { name: `C${i}`, city: "Recife" } });
    received.length = 0;
  });

  it("by page number: increments the parameter until an empty page, one exchange per page", async () => {
    const { result, exchanges } = await run({
      url: `${base}/customers`,
      query: [{ name: "size", value: "2" }],
      pagination: { mode: "page", parameter: "page", start: 1, items: "{{ .response.body.items }}" },
    });
    expect((result.body as Customer[]).map((c) => c.name)).toEqual(["C0", "C1", "C2", "C3", "C4"]);
    expect(exchanges.map((e) => e.label)).toEqual(["Página 1", "Página 2", "Página 3", "Página 4"]);
  });

  it("by next URL: follows it until there is none", async () => {
    const { result, exchanges } = await run({
      url: `${base}/customers?size=2`,
      pagination: { mode: "next-url", next: "{{ .response.body.next }}", items: "{{ .response.body.items }}" },
    });
    expect(result.body).toHaveLength(5);
    expect(exchanges).toHaveLength(3);
  });

  it("fails at maxPages with a clear error, and when items isn't a list", async () => {
    const capped = await stepErrorOf(run({ url: `${base}/customers`, query: [{ name: "size", value: "1" }], pagination: { mode: "page", parameter: "page", items: "{{ .response.body.items }}", maxPages: 3 } }));
    expect(capped.message).toContain("passou de 3 páginas");
    const notList = await stepErrorOf(run({ url: `${base}/customers`, pagination: { mode: "page", parameter: "page", items: "{{ .response.body }}" } }));
    expect(notList).toMatchObject({ kind: "expression", fields: [{ path: "pagination.items" }] });
  });

  it("requires what each mode needs", () => {
    const parsed = operation.parameters.safeParse({ url: `${base}/x`, pagination: { mode: "page" } });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join("."))).toEqual(["pagination.items", "pagination.parameter"]);
  });
});

describe("HTTP connection", () => {
  it("is optional for steps and tests a connection with its URL de teste", async () => {
    expect(httpConnector.connectionOptional).toBe(true);
    const ok = await httpConnector.testConnection({ connection: connection({ authType: "bearer", testUrl: `${base}/private` }, { token: "s3cret-token" }), http: client, signal: new AbortController().signal });
    expect(ok.message).toContain("respondeu 200");
    const bad = await stepErrorOf(httpConnector.testConnection({ connection: connection({ authType: "bearer", testUrl: `${base}/private` }, { token: "wrong-token" }), http: client, signal: new AbortController().signal }));
    expect(bad.status).toBe(401);
    expect(bad.message).not.toContain("wrong-token");
    await expect(httpConnector.testConnection({ connection: connection({ authType: "none" }, {}), http: client, signal: new AbortController().signal })).rejects.toBeInstanceOf(StepError);
  });
});
