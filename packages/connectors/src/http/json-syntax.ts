/**
 * Where a text stops being JSON (RFC 8259), with a reason in Portuguese. V8's own messages
 * don't always name the position (Node 20: "Unexpected token '}'"), and a person fixing a
 * request body needs the line and column.
 */
export interface JsonSyntaxProblem {
  line: number;
  column: number;
  reason: string;
}

class Invalid {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

export function jsonSyntaxProblem(text: string): JsonSyntaxProblem | null {
  let i = 0;
  const fail = (reason: string): never => {
    throw new Invalid(i, reason);
  };
  const space = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const expect = (char: string, reason: string) => {
    if (text[i] !== char) fail(reason);
    i++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(`valor inesperado (use true, false, null, um número, "texto", [ ] ou { })`);
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail("quebra de linha ou caractere de controle dentro de um texto (use \\n)");
      if (text[i] === "\\") {
        i++;
        if (text[i] === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail("\\u precisa de 4 dígitos hexadecimais");
          i += 5;
        } else if (text[i] !== undefined && '"\\/bfnrt'.includes(text[i]!)) i++;
        else fail("escape inválido dentro de um texto");
      } else i++;
    }
    if (i >= text.length) fail("um texto não foi fechado com aspas");
    i++;
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match) fail("número inválido");
    i += match![0].length;
  };
  const value = (depth: number): void => {
    if (depth > 512) fail("aninhamento profundo demais");
    space();
    const c = text[i];
    if (c === undefined) return fail("o texto acaba antes do fim do JSON");
    if (c === "{") {
      i++;
      space();
      if (text[i] === "}") return void i++;
      for (;;) {
        space();
        if (text[i] !== '"') fail('esperava o nome de um campo entre aspas ("nome")');
        string();
        space();
        expect(":", 'esperava ":" depois do nome do campo');
        value(depth + 1);
        space();
        if (text[i] === ",") {
          i++;
          continue;
        }
        expect("}", 'esperava "," ou "}"');
        return;
      }
    }
    if (c === "[") {
      i++;
      space();
      if (text[i] === "]") return void i++;
      for (;;) {
        value(depth + 1);
        space();
        if (text[i] === ",") {
          i++;
          continue;
        }
        expect("]", 'esperava "," ou "]"');
        return;
      }
    }
    if (c === '"') return string();
    if (c === "-" || (c >= "0" && c <= "9")) return number();
    if (c === "t") return literal("true");
    if (c === "f") return literal("false");
    if (c === "n") return literal("null");
    fail(`"${c}" inesperado`);
  };
  try {
    value(0);
    space();
    if (i < text.length) fail("há texto depois do fim do JSON");
    return null;
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    const before = text.slice(0, error.offset).split("\n");
    return { line: before.length, column: before.at(-1)!.length + 1, reason: error.reason };
  }
}
