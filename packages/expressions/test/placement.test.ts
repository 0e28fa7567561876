import { describe, expect, it } from "vitest";
import { evaluateTemplate, parseTemplate, resolveValue, type EvaluationData, type TemplateFormat } from "../src/index.js";
import { errorOf } from "./helpers.js";

const body = {
  c: "12 34/../x?y=1",
  base: "https://api.example/v1",
  next: "https://api.example/items?cursor=abc&size=10",
  dots: "..",
  dot: ".",
  id: 42,
  nothing: null,
  list: ["a", "b"],
  desc: 'Pagamento "urgente"\nlinha 2',
  backslash: "C:\\pasta\\arquivo",
  control: "a\u0001b\tc\rd",
  unicode: "ação 😀 \u2028 fim",
  lone: "x\ud800y",
  obj: { a: 1, b: "dois" },
};
const data: EvaluationData = { input: { body, headers: {}, query_params: {} }, steps: {} };

const evaluate = (source: string, format?: TemplateFormat) => evaluateTemplate(parseTemplate(source), data, format ? { format } : undefined);

describe("format url: a value in a URL is encoded for where it lands", () => {
  it("encodes a value in the path as one segment: traversal and query injection come out as data", () => {
    const url = evaluate("http://127.0.0.1:3400/api/{{ .input.body.c }}/banking/accounts/001/balance", "url") as string;
    expect(url).toBe("http://127.0.0.1:3400/api/12%2034%2F..%2Fx%3Fy%3D1/banking/accounts/001/balance");
    const parsed = new URL(url);
    expect(parsed.pathname).toBe("/api/12%2034%2F..%2Fx%3Fy%3D1/banking/accounts/001/balance");
    expect(parsed.search).toBe("");
    expect(decodeURIComponent(parsed.pathname.split("/")[2]!)).toBe(body.c);
  });

  it("encodes '#', '%', '\\', '+' and non-ASCII in the path", () => {
    expect(evaluate('https://h/{{ "a#b%c\\\\d+e é" }}/x', "url")).toBe("https://h/a%23b%25c%5Cd%2Be%20%C3%A9/x");
  });

  it("encodes a value after '?' as a query component and after '#' as a fragment component", () => {
    expect(evaluate("https://h/p?q={{ .input.body.c }}&n={{ .input.body.id }}#{{ .input.body.c }}", "url")).toBe("https://h/p?q=12%2034%2F..%2Fx%3Fy%3D1&n=42#12%2034%2F..%2Fx%3Fy%3D1");
    expect(evaluate('https://h/p?q={{ "a&b=c+d#e" }}', "url")).toBe("https://h/p?q=a%26b%3Dc%2Bd%23e");
  });

  it("inserts as is an expression that is the whole value", () => {
    expect(evaluate("{{ .input.body.next }}", "url")).toBe(body.next);
    expect(evaluate("  {{ .input.body.next }}\n", "url")).toBe(body.next);
    // A lone action keeps its type, as in any format.
    expect(evaluate("{{ .input.body.id }}", "url")).toBe(42);
  });

  it("inserts as is an expression that forms the URL's start (scheme and host)", () => {
    expect(evaluate("{{ .input.body.base }}/items/{{ .input.body.c }}", "url")).toBe("https://api.example/v1/items/12%2034%2F..%2Fx%3Fy%3D1");
    expect(evaluate('https://{{ "api.example:8443" }}/items/{{ .input.body.c }}', "url")).toBe("https://api.example:8443/items/12%2034%2F..%2Fx%3Fy%3D1");
    expect(evaluate('{{ "https" }}://{{ "h" }}/{{ "a b" }}', "url")).toBe("https://h/a%20b");
  });

  it("follows a base URL that brings its own query or fragment", () => {
    expect(evaluate("{{ .input.body.next }}&extra={{ .input.body.c }}", "url")).toBe("https://api.example/items?cursor=abc&size=10&extra=12%2034%2F..%2Fx%3Fy%3D1");
    expect(evaluate('{{ "https://h/p#frag" }}-{{ "a/b" }}', "url")).toBe("https://h/p#frag-a%2Fb");
  });

  it("treats a relative URL (a next page given as ?page=…) as path and query", () => {
    expect(evaluate("?cursor={{ .input.body.c }}", "url")).toBe("?cursor=12%2034%2F..%2Fx%3Fy%3D1");
    expect(evaluate("items/{{ .input.body.c }}", "url")).toBe("items/12%2034%2F..%2Fx%3Fy%3D1");
  });

  it("refuses a value that makes a '.' or '..' path segment, alone or with the text around it", () => {
    for (const source of ["https://h/a/{{ .input.body.dots }}/b", "https://h/a/{{ .input.body.dot }}", "https://h/a/.{{ .input.body.dot }}/b", "https://h/a/{{ .input.body.dot }}{{ .input.body.dot }}?x"]) {
      const error = errorOf(() => evaluate(source, "url"));
      expect(error.code, source).toBe("unsafe_value");
      expect(error.messageCode).toBe("expression.positioned");
      expect(error.reasonMessage).toMatchObject({ code: "expression.url_dot_segment" });
    }
    expect(errorOf(() => evaluate("https://h/a/{{ .input.body.dots }}", "url")).message).toBe(
      'coluna 13: com este valor o caminho da URL teria a parte "..", que muda de nível; um valor no caminho não pode formar "." nem ".."',
    );
    // Dots that are not a whole segment, or are in the query, are data.
    expect(evaluate("https://h/a/{{ .input.body.dots }}.txt?p={{ .input.body.dots }}#{{ .input.body.dots }}", "url")).toBe("https://h/a/...txt?p=..#..");
  });

  it("renders numbers, booleans, null, lists and objects before encoding; lone surrogates become U+FFFD", () => {
    expect(evaluate("https://h/{{ .input.body.id }}/{{ true }}/x{{ .input.body.nothing }}/{{ .input.body.list }}", "url")).toBe("https://h/42/true/x/%5B%22a%22%2C%22b%22%5D");
    expect(evaluate("https://h/{{ .input.body.lone }}", "url")).toBe("https://h/x%EF%BF%BDy");
  });

  it("inserts a path on purpose with urlPath, as the action's last function", () => {
    expect(evaluate('https://h/files/{{ "relatórios/2024 final.pdf" | urlPath }}?v=1', "url")).toBe("https://h/files/relat%C3%B3rios/2024%20final.pdf?v=1");
    expect(evaluate('https://h/files/{{ "a?b/c#d" | urlPath }}', "url")).toBe("https://h/files/a%3Fb/c%23d");
    // Not its last function: the value is one segment again.
    expect(evaluate('https://h/files/{{ "a/b" | urlPath | lower }}', "url")).toBe("https://h/files/a%2Fb");
    // In the query a path is one component, encoded like any value.
    expect(evaluate('https://h/files?path={{ "a b/c" | urlPath }}', "url")).toBe("https://h/files?path=a%2520b%2Fc");
    expect(errorOf(() => evaluate('https://h/{{ "a/../b" | urlPath }}', "url"))).toMatchObject({ code: "unsafe_value", reasonMessage: { code: "expression.url_path_dots" } });
    expect(errorOf(() => evaluate('https://h/{{ "./b" | urlPath }}', "url"))).toMatchObject({ code: "unsafe_value" });
    expect(errorOf(() => evaluate("https://h/{{ .input.body.list | urlPath }}", "url"))).toMatchObject({ code: "type_error", reasonMessage: { code: "expression.url_path_expected" } });
    // Outside a URL it is just a function.
    expect(evaluate('{{ "a b/c" | urlPath }}')).toBe("a%20b/c");
    expect(evaluate("{{ 7 | urlPath }}")).toBe("7");
  });

  it("leaves text fields (no format) as they were", () => {
    expect(evaluate("https://h/api/{{ .input.body.c }}/x")).toBe("https://h/api/12 34/../x?y=1/x");
    expect(evaluate('{ "d": "{{ .input.body.desc }}" }')).toBe(`{ "d": "${body.desc}" }`);
  });
});

describe("format url-path: a path after a base URL", () => {
  it("encodes a value in the path, the query and the fragment", () => {
    expect(evaluate("/{{ .input.body.c }}/banking/accounts/001/balance", "url-path")).toBe("/12%2034%2F..%2Fx%3Fy%3D1/banking/accounts/001/balance");
    expect(evaluate("/x/{{ .input.body.c }}?q={{ .input.body.c }}#{{ .input.body.c }}", "url-path")).toBe("/x/12%2034%2F..%2Fx%3Fy%3D1?q=12%2034%2F..%2Fx%3Fy%3D1#12%2034%2F..%2Fx%3Fy%3D1");
  });

  it("inserts as is a value at the very start (a path built elsewhere), and the whole value", () => {
    expect(evaluate("{{ .input.body.c }}/balance?x={{ .input.body.c }}", "url-path")).toBe("12 34/../x?y=1/balance?x=12%2034%2F..%2Fx%3Fy%3D1");
    expect(evaluate("{{ .input.body.c }}", "url-path")).toBe(body.c);
  });

  it("refuses a '..' segment", () => {
    expect(errorOf(() => evaluate("/a/{{ .input.body.dots }}/b", "url-path")).code).toBe("unsafe_value");
  });
});

describe("format json: a value inside a JSON string is escaped as its content", () => {
  const parsed = (source: string) => JSON.parse(evaluate(source, "json") as string) as unknown;

  it("escapes quotes and line breaks (QA's body)", () => {
    const source = '{ "amount": {{ .input.body.id }}, "pixKey": "{{ .input.body.base }}", "description": "{{ .input.body.desc }}" }';
    expect(evaluate(source, "json")).toBe('{ "amount": 42, "pixKey": "https://api.example/v1", "description": "Pagamento \\"urgente\\"\\nlinha 2" }');
    expect(parsed(source)).toEqual({ amount: 42, pixKey: body.base, description: body.desc });
  });

  it("escapes backslashes, control characters and keeps Unicode", () => {
    expect(parsed('{ "b": "{{ .input.body.backslash }}", "c": "{{ .input.body.control }}", "u": "{{ .input.body.unicode }}" }')).toEqual({ b: body.backslash, c: body.control, u: body.unicode });
    expect(evaluate('"{{ .input.body.control }}"', "json")).toBe('"a\\u0001b\\tc\\rd"');
    expect(evaluate('"{{ .input.body.unicode }}"', "json")).toBe('"ação 😀 \u2028 fim"');
  });

  it("escapes a value in the middle of a string, in a key, and several in one string", () => {
    expect(parsed('{ "msg": "Olá, {{ .input.body.desc }}! Id {{ .input.body.id }}.", "{{ .input.body.desc }}": 1 }')).toEqual({ msg: `Olá, ${body.desc}! Id 42.`, [body.desc]: 1 });
  });

  it("knows an escaped quote of the template doesn't close its string", () => {
    expect(parsed('{ "a": "say \\"{{ .input.body.desc }}\\"", "b": {{ .input.body.id }} }')).toEqual({ a: `say "${body.desc}"`, b: 42 });
    expect(parsed('{ "a": "C:\\\\", "b": {{ .input.body.obj }} }')).toEqual({ a: "C:\\", b: body.obj });
  });

  it("renders a value outside quotes as before: numbers, lists and objects as JSON, a text as is", () => {
    expect(evaluate('{ "n": {{ .input.body.id }}, "l": {{ .input.body.list }}, "o": {{ .input.body.obj }}, "t": {{ .input.body.dots }} }', "json")).toBe('{ "n": 42, "l": ["a","b"], "o": {"a":1,"b":"dois"}, "t": .. }');
    expect(parsed('{ "t": {{ .input.body.desc | toJson }}, "z": {{ .input.body.nothing | toJson }} }')).toEqual({ t: body.desc, z: null });
  });

  it("can't be closed early by a value after a backslash the template left open", () => {
    const out = evaluate('{ "a": "x\\{{ "\\"}, \\"admin\\": true, \\"" }}" }', "json") as string;
    expect(out).not.toContain('"admin": true');
    expect(out).toBe('{ "a": "x\\\\u0022}, \\u0022admin\\u0022: true, \\u0022" }');
    expect(JSON.parse(out)).toEqual({ a: 'x\\u0022}, "admin": true, "' });
  });

  it("returns a lone expression's value itself (sent as its JSON)", () => {
    expect(evaluate("{{ .input.body.obj }}", "json")).toEqual(body.obj);
  });
});

describe("resolveValue passes the format to every template of the value", () => {
  it("encodes in each string", () => {
    expect(resolveValue({ a: "https://h/{{ .input.body.c }}", b: ["https://h/?q={{ .input.body.c }}"] }, data, { format: "url" })).toEqual({
      a: "https://h/12%2034%2F..%2Fx%3Fy%3D1",
      b: ["https://h/?q=12%2034%2F..%2Fx%3Fy%3D1"],
    });
  });
});
