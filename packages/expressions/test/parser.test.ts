import { describe, expect, it } from "vitest";
import { ExpressionError, hasExpression, parseTemplate, tryParseTemplate, type ActionNode, type ExprNode } from "../src/index.js";
import { parseError } from "./helpers.js";

function onlyAction(source: string): ExprNode[] {
  const template = parseTemplate(source);
  const actions = template.nodes.filter((node): node is ActionNode => node.kind === "action");
  expect(actions).toHaveLength(1);
  return [...actions[0]!.pipeline.commands];
}

describe("hasExpression", () => {
  it("is true only when the text contains '{{'", () => {
    expect(hasExpression("a {{ .x }}")).toBe(true);
    expect(hasExpression("{{")).toBe(true);
    expect(hasExpression("a { { b }}")).toBe(false);
    expect(hasExpression("plain")).toBe(false);
  });
});

describe("parseTemplate: structure", () => {
  it("keeps text outside actions as is, including a stray '}}'", () => {
    const template = parseTemplate("a }} b {{ .x }} c");
    expect(template.source).toBe("a }} b {{ .x }} c");
    expect(template.nodes.map((node) => node.kind)).toEqual(["text", "action", "text"]);
    expect(template.nodes[0]).toMatchObject({ kind: "text", value: "a }} b ", start: 0, end: 7 });
    expect(template.nodes[1]).toMatchObject({ kind: "action", start: 7, end: 15 });
    expect(template.nodes[2]).toMatchObject({ kind: "text", value: " c" });
  });

  it("parses field chains from the root", () => {
    expect(onlyAction("{{ .input.body.payload_campo_1 }}")).toEqual([
      {
        kind: "field",
        base: null,
        names: [
          { name: "input", start: 3, end: 9 },
          { name: "body", start: 9, end: 14 },
          { name: "payload_campo_1", start: 14, end: 30 },
        ],
        start: 3,
        end: 30,
      },
    ]);
  });

  it("parses a bare '.' and '$' as the root", () => {
    expect(onlyAction("{{ . }}")).toEqual([{ kind: "field", base: null, names: [], start: 3, end: 4 }]);
    expect(onlyAction("{{ $.input }}")[0]).toMatchObject({ kind: "field", base: null, names: [{ name: "input" }] });
  });

  it("parses pipelines: every command after '|' is a call", () => {
    const commands = onlyAction("{{ .input.headers | toJson }}");
    expect(commands.map((command) => command.kind)).toEqual(["field", "call"]);
    expect(commands[1]).toMatchObject({ kind: "call", name: "toJson", args: [] });
  });

  it("parses calls with arguments and parenthesised expressions with field access", () => {
    const [call] = onlyAction('{{ index .input.headers "x-key" }}');
    expect(call).toMatchObject({ kind: "call", name: "index", args: [{ kind: "field" }, { kind: "literal", value: "x-key" }] });
    const [field] = onlyAction("{{ (fromJson .input.body.raw).x }}");
    expect(field).toMatchObject({ kind: "field", base: { kind: "paren" }, names: [{ name: "x" }] });
  });

  it("parses literals", () => {
    const literal = (source: string) => {
      const [node] = onlyAction(`{{ ${source} }}`);
      expect(node?.kind).toBe("literal");
      return node?.kind === "literal" ? node.value : undefined;
    };
    expect(literal('"a\\tb\\n\\"q\\"\\\\"')).toBe('a\tb\n"q"\\');
    expect(literal('"\\a\\b\\f\\r\\v"')).toBe("\x07\b\f\r\v");
    expect(literal('"\\u00e9\\U0001F600"')).toBe("é😀");
    expect(literal('"\\xc3\\xa9\\101"')).toBe("éA");
    expect(literal("`raw \\n {{ }}`")).toBe("raw \\n {{ }}");
    expect(literal("`a\r\nb`")).toBe("a\nb");
    expect(literal("42")).toBe(42);
    expect(literal("-7")).toBe(-7);
    expect(literal("+3")).toBe(3);
    expect(literal("3.25")).toBe(3.25);
    expect(literal("-0.5")).toBe(-0.5);
    expect(literal(".5")).toBe(0.5);
    expect(literal("1e3")).toBe(1000);
    expect(literal("2.5E-1")).toBe(0.25);
    expect(literal("0x1F")).toBe(31);
    expect(literal("0o17")).toBe(15);
    expect(literal("017")).toBe(15);
    expect(literal("0b101")).toBe(5);
    expect(literal("1_000_000")).toBe(1000000);
    expect(literal("true")).toBe(true);
    expect(literal("false")).toBe(false);
    expect(literal("nil")).toBe(null);
    expect(literal("null")).toBe(null);
  });

  it("drops comments and applies trim markers like Go", () => {
    const texts = (source: string) => parseTemplate(source).nodes.map((node) => (node.kind === "text" ? node.value : "<action>"));
    expect(texts("a {{/* nada */}} b")).toEqual(["a ", " b"]);
    expect(texts("a \n\t {{- .x }} b")).toEqual(["a", "<action>", " b"]);
    expect(texts("a {{ .x -}} \n b")).toEqual(["a ", "<action>", "b"]);
    expect(texts("a  {{- /* c */ -}}  b")).toEqual(["a", "b"]);
    expect(texts("   {{- .x -}}   ")).toEqual(["<action>"]);
    // Without the space, '-' is a negative number, not a trim marker.
    expect(texts("a {{-3}} b")).toEqual(["a ", "<action>", " b"]);
  });

  it("accepts actions spanning several lines", () => {
    expect(onlyAction("{{\n  .input.body\n  | toJson\n}}").map((node) => node.kind)).toEqual(["field", "call"]);
  });
});

describe("parseTemplate: errors", () => {
  const cases: [string, string, string, number][] = [
    // [source, code, message, offset]
    ["{{ .input.body", "syntax", "coluna 15: esperava '}}'", 14],
    ["{{ .input.body }", "syntax", "coluna 16: esperava '}}'", 15],
    ["{{", "syntax", "coluna 3: esperava '}}'", 2],
    ["{{ }}", "syntax", "coluna 4: ação vazia: esperava uma expressão entre '{{' e '}}'", 3],
    ["{{ .a ) }}", "syntax", "coluna 7: ')' sem '(' correspondente", 6],
    ["{{ (.a }}", "syntax", "coluna 8: esperava ')' para fechar o '(' aberto na coluna 4", 7],
    ["{{ .a | }}", "syntax", "coluna 9: esperava o nome de uma função depois de '|', encontrou '}}'", 8],
    ["{{ .a | .b }}", "syntax", "coluna 9: depois de '|' esperava o nome de uma função, encontrou '.b'", 8],
    ["{{ .a .b }}", "syntax", "coluna 7: .a não é uma função e não recebe argumentos; esperava '|' ou '}}'", 6],
    ["{{ ( ) }}", "syntax", "coluna 6: esperava uma expressão, encontrou ')'", 5],
    ['{{ "abc }}', "syntax", 'coluna 4: texto sem aspas de fechamento (")', 3],
    ["{{ `abc }}", "syntax", "coluna 4: texto sem crase (`) de fechamento", 3],
    ["{{ 'x' }}", "syntax", "coluna 4: textos usam aspas duplas (\"…\") ou crases (`…`), não aspas simples", 3],
    ['{{ "a\\qb" }}', "syntax", "coluna 6: escape inválido '\\q'", 5],
    ['{{ "\\x4" }}', "syntax", "coluna 5: escape inválido: \\x precisa de 2 dígitos hexadecimais", 4],
    ['{{ "\\ud800" }}', "syntax", "coluna 5: escape inválido: \\ud800 não é um caractere Unicode válido", 4],
    ["{{ 08 }}", "syntax", "coluna 4: número inválido: 08", 3],
    ["{{ 1x }}", "syntax", "coluna 4: número inválido: 1x", 3],
    ["{{ 9007199254740993 }}", "syntax", "coluna 4: número fora do intervalo suportado: 9007199254740993", 3],
    ["{{ 1e999 }}", "syntax", "coluna 4: número fora do intervalo suportado: 1e999", 3],
    ["{{ - }}", "syntax", "coluna 4: esperava um número depois de '-'", 3],
    ["{{ .a-}}", "syntax", "coluna 6: para remover os espaços depois da ação use ' -}}', com um espaço antes do '-'", 5],
    ["{{ .a.. }}", "syntax", "coluna 7: esperava um nome de campo depois de '.'", 6],
    [
      "{{ .input.body.scopes.0 }}",
      "syntax",
      "coluna 22: depois de '.' esperava um nome de campo; para posições de lista ou chaves que começam com número use index, por exemplo: index .input.body.lista 0",
      21,
    ],
    ['{{ "x".y }}', "syntax", 'coluna 7: não é possível ler campos de "x"; use parênteses: ("x")', 6],
    ["{{ .a # }}", "syntax", "coluna 7: caractere inesperado '#'", 6],
    ["{{{ .a }}", "syntax", "coluna 3: '{' inesperado; as ações começam com '{{' e terminam com '}}'", 2],
    ["{{/* sem fim }}", "syntax", "coluna 3: comentário sem '*/' de fechamento", 2],
    ["{{/* c */ .a }}", "syntax", "coluna 11: esperava '}}' logo depois do comentário", 10],
    ["{{ if .a }}x{{ end }}", "unsupported", 'coluna 4: "if" não é suportado: as expressões não têm estruturas de controle (if, range, with…); use funções como default, eq, and, or e not', 3],
    ["{{ $x }}", "unsupported", "coluna 4: variáveis ($x) não são suportadas; use '.' ou '$' para os dados", 3],
    ["{{ $x := 1 }}", "unsupported", "coluna 4: variáveis ($x) não são suportadas; use '.' ou '$' para os dados", 3],
    ["{{ .a := 1 }}", "unsupported", "coluna 7: atribuições (:= ou =) não são suportadas", 6],
    ["{{ tojson . }}", "unknown_function", 'coluna 4: função "tojson" não existe; você quis dizer "toJson"?', 3],
    ["{{ .a | defualt 1 }}", "unknown_function", 'coluna 9: função "defualt" não existe; você quis dizer "default"?', 8],
    ["{{ toJson }}", "arity", "coluna 4: toJson espera 1 argumento, recebeu 0", 3],
    ["{{ .a | toJson .b }}", "arity", "coluna 9: toJson espera 1 argumento, recebeu 2 (contando o valor recebido pelo '|')", 8],
    ["{{ default 1 }}", "arity", "coluna 4: default espera 2 argumentos, recebeu 1", 3],
    ["{{ eq 1 }}", "arity", "coluna 4: eq espera pelo menos 2 argumentos, recebeu 1", 3],
    ["{{ now 1 }}", "arity", "coluna 4: now espera nenhum argumento, recebeu 1", 3],
    [
      "{{ toJson upper }}",
      "arity",
      "coluna 11: upper espera 1 argumento, recebeu 0; para usar uma função como argumento, coloque-a entre parênteses: (upper …)",
      10,
    ],
    ["{{ .constructor }}", "forbidden_name", 'coluna 5: o nome "constructor" não é permitido em expressões', 4],
    ["{{ .input.__proto__ }}", "forbidden_name", 'coluna 11: o nome "__proto__" não é permitido em expressões', 10],
    ["{{ (.a).prototype }}", "forbidden_name", 'coluna 9: o nome "prototype" não é permitido em expressões', 8],
    ['{{ index .input "__proto__" }}', "forbidden_name", 'coluna 17: o nome "__proto__" não é permitido em expressões', 16],
  ];
  it.each(cases)("%j → %s: %s", (source, code, message, offset) => {
    const error = parseError(source);
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
    expect(error.offset).toBe(offset);
    expect(error.line).toBe(1);
    expect(error.column).toBe(offset + 1);
    expect(error.reason).toBe(message.replace(/^coluna \d+: /, ""));
  });

  it("names line and column in multi-line templates", () => {
    const error = parseError("linha um\n  {{ .a |\n }}");
    expect(error.message).toBe("linha 3, coluna 2: esperava o nome de uma função depois de '|', encontrou '}}'");
    expect(error).toMatchObject({ line: 3, column: 2, offset: 20 });
  });

  it("counts columns in characters, not UTF-16 units", () => {
    const error = parseError("😀 {{ ) }}");
    expect(error.offset).toBe(6);
    expect(error.column).toBe(6);
  });

  it("reports every unsupported Go keyword", () => {
    for (const keyword of ["if", "else", "end", "range", "with", "define", "template", "block", "break", "continue"]) {
      expect(parseError(`{{ ${keyword} }}`).code).toBe("unsupported");
    }
  });

  it("lists the functions when no name is close", () => {
    expect(parseError("{{ printf }}").message).toBe(
      'coluna 4: função "printf" não existe; as funções disponíveis são: index, toJson, fromJson, default, upper, lower, trim, quote, b64enc, b64dec, join, split, len, now, eq, ne, and, or, not, urlPath',
    );
  });

  it("suggests functions whose name contains the typed one, or the reverse", () => {
    expect(parseError("{{ toUpper .a }}").message).toBe('coluna 4: função "toUpper" não existe; você quis dizer "upper"?');
    expect(parseError("{{ b64encode .a }}").message).toBe('coluna 4: função "b64encode" não existe; você quis dizer "b64enc"?');
    expect(parseError("{{ nt .a }}").message).toBe('coluna 4: função "nt" não existe; você quis dizer "ne" ou "not"?');
  });
});

describe("tryParseTemplate", () => {
  it("returns the template when valid", () => {
    const result = tryParseTemplate("{{ .input.body }}");
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.template.nodes).toHaveLength(1);
  });
  it("returns the error when invalid", () => {
    const result = tryParseTemplate("{{ .input.body");
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toBeInstanceOf(ExpressionError);
      expect(result.error.message).toBe("coluna 15: esperava '}}'");
    }
  });
});
