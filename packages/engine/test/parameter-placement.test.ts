import { describe, expect, it } from "vitest";
import { getOperation, type HttpRequest, type HttpResponse } from "@fluxo/connectors";
import { renderStepMessage, type ExecutionEvent, type FlowStep, type StepErrorInfo } from "@fluxo/contracts";
import type { EvaluationData } from "@fluxo/expressions";
import { resolveParameters, runExecution, type ExecutionChange } from "../src/index.js";

// What QA sent: a gateway caller's value trying to climb the path and start a query.
const INJECTION = "12 34/../x?y=1";
const DESCRIPTION = 'Pagamento "urgente"\nlinha 2';

const data = (body: unknown): EvaluationData => ({ input: { body, headers: {}, query_params: {} }, steps: {} });

/** An HTTP client that answers each request with the next of `answers` (200 `{}` once they run out). */
function fakeHttp(answers: unknown[] = []) {
  const sent: HttpRequest[] = [];
  const http = async (request: HttpRequest): Promise<HttpResponse> => {
    sent.push(request);
    const bodyText = JSON.stringify(answers.shift() ?? {});
    return { status: 200, headers: { "content-type": "application/json" }, bodyText, bodyBytes: new TextEncoder().encode(bodyText), durationMs: 1 };
  };
  return { sent, http };
}

const httpStep = (parameters: Record<string, unknown>): FlowStep => ({ id: "api", connector: "http", operation: "request", connectionId: null, description: "", parameters, position: { x: 0, y: 0 } });

async function run(parameters: Record<string, unknown>, body: unknown, answers: unknown[] = []) {
  const { sent, http } = fakeHttp(answers);
  const changes: ExecutionChange[] = [];
  const outcome = await runExecution(
    { executionId: "e1", definition: { trigger: { position: { x: 0, y: 0 } }, steps: [httpStep(parameters)], edges: [{ source: "trigger", target: "api" }] }, input: { body, headers: {}, query_params: {} } },
    { store: { apply: async (change: ExecutionChange, _events: readonly ExecutionEvent[]) => void changes.push(change) }, events: { publish: () => undefined }, http, clock: { now: () => new Date() }, loadConnection: async () => null },
  );
  return { outcome, sent };
}

/** The step's own failure (without the engine's "passo …:" frame), in pt-BR and English. */
function told(error: StepErrorInfo | null) {
  const failure = (error!.messageParams as { failure: { code: string; params?: Record<string, never> } }).failure;
  return { code: failure.code, pt: renderStepMessage(failure.code, failure.params, "pt-BR"), en: renderStepMessage(failure.code, failure.params, "en") };
}

describe("parameters whose text is a URL or a path: each value is encoded for where it lands", () => {
  const http = getOperation("http", "request")!;
  const callApi = getOperation("btg-id", "call-api")!;

  it("sends QA's traversal and query injection in the URL's path encoded as one segment", async () => {
    const { outcome, sent } = await run({ method: "GET", url: "http://127.0.0.1:3400/api/{{ .input.body.c }}/banking/accounts/001/balance" }, { c: INJECTION });
    expect(outcome.status).toBe("succeeded");
    expect(sent[0]!.url).toBe("http://127.0.0.1:3400/api/12%2034%2F..%2Fx%3Fy%3D1/banking/accounts/001/balance");
    expect(new URL(sent[0]!.url).pathname).toBe("/api/12%2034%2F..%2Fx%3Fy%3D1/banking/accounts/001/balance");
    expect(new URL(sent[0]!.url).search).toBe("");
  });

  it("encodes a value in the query as a query component, and one after # as a fragment", () => {
    const resolved = resolveParameters(http, { url: "https://api.example/items?q={{ .input.body.c }}&page=2#{{ .input.body.c }}" }, data({ c: "a&b=c #d" }));
    expect(resolved["url"]).toBe("https://api.example/items?q=a%26b%3Dc%20%23d&page=2#a%26b%3Dc%20%23d");
    expect(new URL(resolved["url"] as string).searchParams.get("q")).toBe("a&b=c #d");
    expect(new URL(resolved["url"] as string).searchParams.get("page")).toBe("2");
  });

  it("inserts as is a URL that is the whole field, or the URL's start (scheme and host)", () => {
    const next = "https://api.example/items?cursor=abc&size=10";
    expect(resolveParameters(http, { url: "{{ .input.body.next }}" }, data({ next }))["url"]).toBe(next);
    expect(resolveParameters(http, { url: "  {{ .input.body.next }}  " }, data({ next }))["url"]).toBe(next);
    expect(resolveParameters(http, { url: "{{ .input.body.base }}/items/{{ .input.body.id }}" }, data({ base: "https://api.example/v1", id: "a/b" }))["url"]).toBe("https://api.example/v1/items/a%2Fb");
    expect(resolveParameters(http, { url: "https://{{ .input.body.host }}/items" }, data({ host: "api.example:8443" }))["url"]).toBe("https://api.example:8443/items");
    // A base that brings its own query: what follows is in the query.
    expect(resolveParameters(http, { url: "{{ .input.body.base }}&q={{ .input.body.q }}" }, data({ base: "https://api.example/x?a=1", q: "1&admin=true" }))["url"]).toBe("https://api.example/x?a=1&q=1%26admin%3Dtrue");
  });

  it("refuses a value that makes a '.' or '..' segment, telling it as the expression failing in the URL field", async () => {
    const { outcome, sent } = await run({ method: "GET", url: "https://api.example/a/{{ .input.body.c }}/b" }, { c: ".." });
    expect(sent).toHaveLength(0);
    expect(outcome.error).toMatchObject({ kind: "expression", fields: [{ path: "url" }] });
    const { code, pt, en } = told(outcome.error);
    expect(code).toBe("engine.expression_failed");
    expect(pt).toBe('a expressão em "URL" falhou, coluna 23: com este valor o caminho da URL teria a parte "..", que muda de nível; um valor no caminho não pode formar "." nem ".."');
    expect(en).toBe('the expression in "URL" failed, column 23: with this value the URL\'s path would have the part "..", which changes level; a value in the path can\'t make "." or ".."');
  });

  it("keeps the slashes of a path inserted on purpose with urlPath, each segment encoded", () => {
    expect(resolveParameters(http, { url: "https://files.example/{{ .input.body.p | urlPath }}?v=1" }, data({ p: "relatórios/2024 final.pdf" }))["url"]).toBe("https://files.example/relat%C3%B3rios/2024%20final.pdf?v=1");
  });

  it("encodes query parameters given as a list (the URL's searchParams) and leaves their values raw until then", async () => {
    expect(resolveParameters(http, { url: "https://api.example/x", query: [{ name: "q", value: "{{ .input.body.c }}" }] }, data({ c: INJECTION }))["query"]).toEqual([{ name: "q", value: INJECTION }]);
    const { sent } = await run({ method: "GET", url: "https://api.example/x", query: [{ name: "q", value: "{{ .input.body.c }}" }, { name: "k", value: "a&b=c#d" }] }, { c: INJECTION });
    const url = new URL(sent[0]!.url);
    expect(url.pathname).toBe("/x");
    expect(url.searchParams.get("q")).toBe(INJECTION);
    expect(url.searchParams.get("k")).toBe("a&b=c#d");
    expect(sent[0]!.url).toBe("https://api.example/x?q=12+34%2F..%2Fx%3Fy%3D1&k=a%26b%3Dc%23d");
  });

  it("encodes a value in BTG-ID Chamar API's Caminho as a segment; a path that is the whole field, or starts it, goes in as is", () => {
    const base = { method: "GET", grantType: "client_credentials" };
    expect(resolveParameters(callApi, { ...base, path: "/{{ .input.body.c }}/banking/accounts/001/balance" }, data({ c: INJECTION }))["path"]).toBe("/12%2034%2F..%2Fx%3Fy%3D1/banking/accounts/001/balance");
    expect(resolveParameters(callApi, { ...base, path: "/empresas/{{ .input.body.c }}?filtro={{ .input.body.c }}" }, data({ c: "a b#c" }))["path"]).toBe("/empresas/a%20b%23c?filtro=a%20b%23c");
    expect(resolveParameters(callApi, { ...base, path: "{{ .input.body.p }}" }, data({ p: "/12345678/banking/accounts" }))["path"]).toBe("/12345678/banking/accounts");
    expect(resolveParameters(callApi, { ...base, path: "{{ .input.body.p }}/balance?x={{ .input.body.c }}" }, data({ p: "/12345678/banking/accounts/001", c: "1&y=2" }))["path"]).toBe("/12345678/banking/accounts/001/balance?x=1%26y%3D2");
  });

  it("evaluates a paginated request's Próxima URL as a URL too, once per answer", async () => {
    const pagination = { mode: "next-url", items: "{{ .response.body.items }}", next: "https://api.example/items?cursor={{ .response.body.cursor }}" };
    const { outcome, sent } = await run({ method: "GET", url: "https://api.example/items", pagination }, {}, [{ items: [1], cursor: "a b/c&d" }, { items: [] }]);
    expect(outcome.status).toBe("succeeded");
    expect(sent.map((request) => request.url)).toEqual(["https://api.example/items", "https://api.example/items?cursor=a%20b%2Fc%26d"]);
  });
});

describe("a JSON body: a value inside a JSON string is escaped as its content", () => {
  const body = '{ "amount": {{ .input.body.valor }}, "pixKey": "{{ .input.body.pix }}", "description": "{{ .input.body.desc }}" }';

  it("sends QA's body as valid JSON with the text's quotes and line break escaped", async () => {
    const { outcome, sent } = await run({ method: "POST", url: "https://api.example/pix", bodyType: "json", body }, { valor: 10.5, pix: "chave@exemplo.com", desc: DESCRIPTION });
    expect(outcome.status).toBe("succeeded");
    expect(sent[0]!.body).toBe('{ "amount": 10.5, "pixKey": "chave@exemplo.com", "description": "Pagamento \\"urgente\\"\\nlinha 2" }');
    expect(JSON.parse(sent[0]!.body as string)).toEqual({ amount: 10.5, pixKey: "chave@exemplo.com", description: DESCRIPTION });
  });

  it("leaves a text body (Tipo do corpo: Texto) as written", () => {
    const http = getOperation("http", "request")!;
    expect(resolveParameters(http, { url: "https://api.example", method: "POST", bodyType: "text", body: 'x "{{ .input.body.desc }}"' }, data({ desc: DESCRIPTION }))["body"]).toBe(`x "${DESCRIPTION}"`);
  });

  it("fails a body whose text outside quotes isn't JSON with advice that works: toJson, without quotes", async () => {
    const { outcome, sent } = await run({ method: "POST", url: "https://api.example/pix", bodyType: "json", body: '{ "pixKey": {{ .input.body.pix }} }' }, { pix: "chave@exemplo.com" });
    expect(sent).toHaveLength(0);
    const { code, pt, en } = told(outcome.error);
    expect(code).toBe("http.body_not_json");
    expect(pt).toContain("use {{ … | toJson }} sem aspas");
    expect(pt).not.toContain("Um texto vindo de uma expressão vai entre aspas");
    expect(en).toContain("use {{ … | toJson }} without quotes");
    // And the advice works.
    const fixed = await run({ method: "POST", url: "https://api.example/pix", bodyType: "json", body: '{ "pixKey": {{ .input.body.pix | toJson }} }' }, { pix: 'chave "x"' });
    expect(JSON.parse(fixed.sent[0]!.body as string)).toEqual({ pixKey: 'chave "x"' });
  });
});

describe("an expression failing at run time names the field by its label and says what went wrong", () => {
  it("tells a missing value (not an invalid expression) in the Corpo, in pt-BR and English", async () => {
    const { outcome, sent } = await run({ method: "POST", url: "https://api.example/pix", bodyType: "json", body: '{ "amount": {{ .input.body.valor }} }' }, {});
    expect(sent).toHaveLength(0);
    expect(outcome.error).toMatchObject({ kind: "expression", fields: [{ path: "body", message: "coluna 16: .input.body.valor não existe" }] });
    const { code, pt, en } = told(outcome.error);
    expect(code).toBe("engine.expression_missing");
    expect(pt).toBe('falta um valor em "Corpo", coluna 16: .input.body.valor não existe nos dados desta execução; se ele é opcional, use a função default');
    expect(en).toBe(`a value is missing in "Body", column 16: .input.body.valor doesn't exist in this execution's data; if it is optional, use the default function`);
    expect(outcome.error!.message).toBe(`passo "api": ${pt}`);
  });

  it("names a field inside a list or a group by the labels it sits in", async () => {
    const query = await run({ method: "GET", url: "https://api.example/x", query: [{ name: "a", value: "1" }, { name: "b", value: "{{ .input.body.b }}" }] }, {});
    expect(told(query.outcome.error)).toMatchObject({ pt: expect.stringContaining('falta um valor em "Parâmetros de consulta (item 2) › Valor", coluna 4'), en: expect.stringContaining('a value is missing in "Query parameters (item 2) › Value", column 4') });
    const pagination = { mode: "next-url", items: "{{ .response.body.items }}", next: "https://api.example/items?cursor={{ .response.body.cursor }}" };
    const next = await run({ method: "GET", url: "https://api.example/items", pagination }, {}, [{ items: [1] }]);
    expect(told(next.outcome.error)).toMatchObject({ code: "engine.expression_missing", pt: expect.stringContaining('falta um valor em "Paginação › Próxima URL", coluna 37: .response.body.cursor não existe'), en: expect.stringContaining('"Pagination › Next URL"') });
  });

  it("tells an expression that fails on the data apart from one that is missing", async () => {
    const { outcome } = await run({ method: "POST", url: "https://api.example/pix", bodyType: "json", body: '{ "name": "{{ upper .input.body.valor }}" }' }, { valor: 3 });
    const { code, pt, en } = told(outcome.error);
    expect(code).toBe("engine.expression_failed");
    expect(pt).toBe('a expressão em "Corpo" falhou, coluna 21: upper: esperava texto, recebeu número');
    expect(en).toBe('the expression in "Body" failed, column 21: upper: expected text, got number');
  });

  it("still calls an expression that doesn't parse invalid (the server refuses it before a run; the engine says so too)", async () => {
    const { outcome, sent } = await run({ method: "GET", url: "https://api.example/{{ .input.body.x " }, {});
    expect(sent).toHaveLength(0);
    const { code, pt, en } = told(outcome.error);
    expect(code).toBe("engine.expression_invalid");
    expect(pt).toBe(`expressão inválida em "URL", coluna 38: esperava '}}'`);
    expect(en).toBe(`invalid expression in "URL", column 38: expected '}}'`);
  });
});
