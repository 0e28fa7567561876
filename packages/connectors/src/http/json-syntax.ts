import { ref, type StepMessageCode, type StepMessageRef } from "@fluxo/contracts";

/**
 * Where a text stops being JSON (RFC 8259), with a reason of the step-message catalog (json.*). V8's own messages
 * don't always name the position (Node 20: "Unexpected token '}'"), and a person fixing a
 * request body needs the line and column.
 */
export interface JsonSyntaxProblem {
  line: number;
  column: number;
  reason: StepMessageRef;
}

class Invalid {
  constructor(
    readonly offset: number,
    readonly reason: StepMessageRef,
  ) {}
}

export function jsonSyntaxProblem(text: string): JsonSyntaxProblem | null {
  let i = 0;
  const fail = (code: StepMessageCode, params?: Record<string, string>): never => {
    throw new Invalid(i, ref(code, params));
  };
  const space = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const expect = (char: string, reason: StepMessageCode) => {
    if (text[i] !== char) fail(reason);
    i++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail("json.unexpected_value");
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail("json.control_in_text");
      if (text[i] === "\\") {
        i++;
        if (text[i] === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail("json.unicode_escape");
          i += 5;
        } else if (text[i] !== undefined && '"\\/bfnrt'.includes(text[i]!)) i++;
        else fail("json.bad_escape");
      } else i++;
    }
    if (i >= text.length) fail("json.unclosed_text");
    i++;
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match) fail("json.bad_number");
    i += match![0].length;
  };
  const value = (depth: number): void => {
    if (depth > 512) fail("json.too_deep");
    space();
    const c = text[i];
    if (c === undefined) return fail("json.ends_early");
    if (c === "{") {
      i++;
      space();
      if (text[i] === "}") return void i++;
      for (;;) {
        space();
        if (text[i] !== '"') fail("json.expected_name");
        string();
        space();
        expect(":", "json.expected_colon");
        value(depth + 1);
        space();
        if (text[i] === ",") {
          i++;
          continue;
        }
        expect("}", "json.expected_comma_brace");
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
        expect("]", "json.expected_comma_bracket");
        return;
      }
    }
    if (c === '"') return string();
    if (c === "-" || (c >= "0" && c <= "9")) return number();
    if (c === "t") return literal("true");
    if (c === "f") return literal("false");
    if (c === "n") return literal("null");
    fail("json.unexpected_char", { char: c });
  };
  try {
    value(0);
    space();
    if (i < text.length) fail("json.text_after_end");
    return null;
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    const before = text.slice(0, error.offset).split("\n");
    return { line: before.length, column: before.at(-1)!.length + 1, reason: error.reason };
  }
}
