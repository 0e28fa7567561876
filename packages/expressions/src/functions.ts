/**
 * The whitelisted functions. Nothing outside this table can be called from a template.
 */
import type { ExpressionErrorCode } from "./errors.js";
import { message, type ExpressionMessage, type MessageLanguage, type MessageParam } from "./messages.js";
import { base64Decode, base64Encode, utf8Decode, utf8Encode } from "./encoding.js";
import { encodePath } from "./placement.js";
import { jsonSizeUpTo } from "./size.js";
import {
  appendSegment,
  deepEqual,
  FORBIDDEN_NAMES,
  isRecord,
  isTruthy,
  kindName,
  Missing,
  notAnObjectReason,
  renderValue,
  toJsonText,
} from "./values.js";

/** What a function sees of the call it is part of. */
export interface CallContext {
  readonly name: string;
  /** Offset of the call in the template source. */
  readonly offset: number;
  /** Source text of argument `index` (the piped value counts as the last argument). */
  label(index: number): string;
  /** Throws an ExpressionError positioned at argument `index`, or at the function name. */
  fail(reason: ExpressionMessage, index?: number, code?: ExpressionErrorCode): never;
  /** The evaluation's clock. */
  now(): Date;
  /**
   * Counts `bytes` more of the value this call is building against the output limits, and
   * fails once over: call it before (or while) building, never after a value was built whole.
   */
  charge(bytes: number): void;
  /** Bytes this call may still build: measuring a value need go no further than this. */
  room(): number;
}

/** A text in each language the app speaks. */
export type Localized = Readonly<Record<MessageLanguage, string>>;

export interface FunctionInfo {
  name: string;
  signature: Localized;
  description: Localized;
  example: string;
}

interface SpecBase extends FunctionInfo {
  minArgs: number;
  maxArgs: number;
}

export type FunctionSpec =
  | (SpecBase & {
      lazy: false;
      /** Whether argument `index` may be a path that does not exist. */
      acceptsMissing(index: number): boolean;
      call(args: readonly unknown[], ctx: CallContext): unknown;
    })
  | (SpecBase & {
      /** Arguments are evaluated on demand (and/or stop at the first deciding value, as in Go). */
      lazy: true;
      call(args: ReadonlyArray<() => unknown>, ctx: CallContext): unknown;
    });

const never = () => false;
const always = () => true;

function requireString(ctx: CallContext, value: unknown, index: number): string {
  if (typeof value !== "string") ctx.fail(message("expression.expected_text", { name: ctx.name, got: kindName(value) }), index, "type_error");
  return value;
}

/** Go's strconv.Quote, closely enough: printable characters stay, control characters are escaped. */
export function goQuote(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    switch (char) {
      case '"': out += '\\"'; break;
      case "\\": out += "\\\\"; break;
      case "\x07": out += "\\a"; break;
      case "\b": out += "\\b"; break;
      case "\f": out += "\\f"; break;
      case "\n": out += "\\n"; break;
      case "\r": out += "\\r"; break;
      case "\t": out += "\\t"; break;
      case "\v": out += "\\v"; break;
      default:
        if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
        else if (code >= 0x80 && code < 0xa0) out += `\\u${code.toString(16).padStart(4, "0")}`;
        else if (code >= 0xd800 && code <= 0xdfff) out += "\\ufffd";
        else out += char;
    }
  }
  return `${out}"`;
}

/** A text argument whose result will be about its size (upper, lower, trim): charged first. */
function chargedText(ctx: CallContext, value: unknown): string {
  const text = requireString(ctx, value, 0);
  ctx.charge(text.length);
  return text;
}

/** `split`, counting each piece (with its JSON quotes and comma) as it is cut. */
function splitCharged(ctx: CallContext, text: string, separator: string): string[] {
  const pieces: string[] = [];
  ctx.charge(2);
  if (separator === "") {
    for (const char of text) {
      ctx.charge(char.length + 3);
      pieces.push(char);
    }
    return pieces;
  }
  let start = 0;
  for (;;) {
    const at = text.indexOf(separator, start);
    const piece = at < 0 ? text.slice(start) : text.slice(start, at);
    ctx.charge(piece.length + 3);
    pieces.push(piece);
    if (at < 0) return pieces;
    start = at + separator.length;
  }
}

function compare(ctx: CallContext, a: unknown, b: unknown): boolean {
  const x = a instanceof Missing || a === undefined ? null : a;
  const y = b instanceof Missing || b === undefined ? null : b;
  if (x === null || y === null) return x === y;
  const xCompound = typeof x === "object";
  const yCompound = typeof y === "object";
  if (xCompound && yCompound && Array.isArray(x) === Array.isArray(y)) return deepEqual(x, y);
  if (!xCompound && !yCompound && typeof x === typeof y) return x === y;
  ctx.fail(message("expression.cannot_compare", { name: ctx.name, a: kindName(x), b: kindName(y) }), undefined, "type_error");
}

function countCodePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

function index(args: readonly unknown[], ctx: CallContext): unknown {
  let value = args[0];
  let label = ctx.label(0);
  for (let i = 1; i < args.length; i++) {
    const key = args[i];
    if (typeof key === "string" && FORBIDDEN_NAMES.has(key)) {
      ctx.fail(message("expression.forbidden_name", { name: key }), i, "forbidden_name");
    }
    if (typeof key !== "string" && typeof key !== "number") {
      ctx.fail(message("expression.index_key_kind", { got: kindName(key) }), i, "type_error");
    }
    const next = appendSegment(label, key);
    if (value instanceof Missing) {
      // Keep what failed first; the label grows to the whole expression below.
    } else if (isRecord(value)) {
      if (typeof key !== "string") {
        ctx.fail(message("expression.index_object_key", { key }), i, "type_error");
      }
      const item = Object.hasOwn(value, key) ? value[key] : undefined;
      value = item === undefined ? new Missing(next, next, null, ctx.offset) : item;
    } else if (Array.isArray(value)) {
      if (typeof key !== "number" || !Number.isInteger(key)) {
        ctx.fail(message("expression.index_list_position", { key: JSON.stringify(key) }), i, "type_error");
      }
      const item = key >= 0 && key < value.length ? (value[key] as unknown) : undefined;
      const items = value.length === 1 ? message("expression.has_one_item") : message("expression.has_items", { count: value.length });
      value = item === undefined ? new Missing(next, label, items, ctx.offset) : item;
    } else {
      value = new Missing(next, label, notAnObjectReason(value), ctx.offset);
    }
    label = next;
  }
  return value instanceof Missing ? value.relabel(label) : value;
}

const SPECS: readonly FunctionSpec[] = [
  {
    name: "index",
    signature: { "pt-BR": "index COLEÇÃO CHAVE…", en: "index COLLECTION KEY…" },
    description: {
      "pt-BR": "Lê uma chave de objeto (texto) ou uma posição de lista (número, a partir de 0); várias chaves descem em sequência. Use para chaves que não são identificadores, como \"x-key\".",
      en: "Reads an object's key (text) or a list position (a number, from 0); several keys go down in sequence. Use it for keys that are not identifiers, such as \"x-key\".",
    },
    example: '{{ index .input.headers "x-key" }}',
    minArgs: 1,
    maxArgs: Infinity,
    lazy: false,
    acceptsMissing: (i) => i === 0,
    call: index,
  },
  {
    name: "toJson",
    signature: { "pt-BR": "toJson VALOR", en: "toJson VALUE" },
    description: {
      "pt-BR": "Converte o valor em texto JSON.",
      en: "Turns the value into JSON text.",
    },
    example: "{{ .input.headers | toJson }}",
    minArgs: 1,
    maxArgs: 1,
    lazy: false,
    acceptsMissing: never,
    call(args, ctx) {
      ctx.charge(jsonSizeUpTo(args[0], ctx.room()));
      try {
        return toJsonText(args[0]);
      } catch {
        return ctx.fail(message("expression.to_json_failed"), 0, "function_error");
      }
    },
  },
  {
    name: "fromJson",
    signature: { "pt-BR": "fromJson TEXTO", en: "fromJson TEXT" },
    description: {
      "pt-BR": "Lê um texto JSON e devolve o valor que ele representa (objeto, lista, número, texto…).",
      en: "Reads a JSON text and returns the value it holds (object, list, number, text…).",
    },
    example: "{{ (fromJson .input.body.raw).id }}",
    minArgs: 1,
    maxArgs: 1,
    lazy: false,
    acceptsMissing: never,
    call(args, ctx) {
      const text = requireString(ctx, args[0], 0);
      ctx.charge(text.length);
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return ctx.fail(message("expression.from_json_invalid"), 0, "function_error");
      }
    },
  },
  {
    name: "default",
    signature: { "pt-BR": "default PADRÃO VALOR", en: "default DEFAULT VALUE" },
    description: {
      "pt-BR": "Devolve VALOR se ele existe e não é vazio; senão, PADRÃO. São vazios: caminho inexistente, nulo, false, 0, \"\", lista vazia e objeto vazio. Com '|' o valor recebido é o último argumento.",
      en: "Returns VALUE when it exists and is not empty; otherwise DEFAULT. Empty are: a path that doesn't exist, null, false, 0, \"\", an empty list and an empty object. With '|' the value received is the last argument.",
    },
    example: '{{ .input.body.moeda | default "BRL" }}',
    minArgs: 2,
    maxArgs: 2,
    lazy: false,
    acceptsMissing: always,
    call(args) {
      return isTruthy(args[1]) ? args[1] : args[0];
    },
  },
  {
    name: "upper",
    signature: { "pt-BR": "upper TEXTO", en: "upper TEXT" },
    description: {
      "pt-BR": "Converte o texto para maiúsculas.",
      en: "Turns the text into upper case.",
    },
    example: "{{ .input.body.uf | upper }}",
    minArgs: 1,
    maxArgs: 1,
    lazy: false,
    acceptsMissing: never,
    call: (args, ctx) => chargedText(ctx, args[0]).toUpperCase(),
  },
  {
    name: "lower",
    signature: { "pt-BR": "lower TEXTO", en: "lower TEXT" },
    description: {
      "pt-BR": "Converte o texto para minúsculas.",
      en: "Turns the text into lower case.",
    },
    example: "{{ .input.body.email | lower }}",
    minArgs: 1,
    maxArgs: 1,
    lazy: false,
    acceptsMissing: never,
    call: (args, ctx) => chargedText(ctx, args[0]).toLowerCase(),
  },
  {
    name: "trim",
    signature: { "pt-BR": "trim TEXTO", en: "trim TEXT" },
    description: {
      "pt-BR": "Remove os espaços (e quebras de linha) do começo e do fim do texto.",
      en: "Removes the spaces (and line breaks) at the start and the end of the text.",
    },
    example: "{{ .input.body.nome | trim }}",
    minArgs: 1,
    maxArgs: 1,
    lazy: false,
    acceptsMissing: never,
    call: (args, ctx) => chargedText(ctx, args[0]).trim(),
  },
  {
    name: "quote",
    signature: { "pt-BR": "quote VALOR…", en: "quote VALUE…" },
    description: {
      "pt-BR": "Põe cada valor entre aspas duplas, escapando aspas, barras e caracteres de controle como em Go; vários valores são separados por espaço e nulos são ignorados.",
      en: "Puts each value in double quotes, escaping quotes, backslashes and control characters as Go does; several values are separated by a space and nulls are left out.",
    },
    example: "{{ .input.body.nome | quote }}",
    minArgs: 1,
    maxArgs: Infinity,
    lazy: false,
    acceptsMissing: never,
    call(args, ctx) {
      const parts: string[] = [];
      for (const value of args) {
        if (value === null || value === undefined) continue;
        ctx.charge(jsonSizeUpTo(value, ctx.room()) + 1);
        parts.push(goQuote(renderValue(value)));
      }
      return parts.join(" ");
    },
  },
  {
    name: "b64enc",
    signature: { "pt-BR": "b64enc TEXTO", en: "b64enc TEXT" },
    description: {
      "pt-BR": "Codifica o texto (em UTF-8) em base64.",
      en: "Encodes the text (in UTF-8) as base64.",
    },
    example: '{{ b64enc "usuario:senha" }}',
    minArgs: 1,
    maxArgs: 1,
    lazy: false,
    acceptsMissing: never,
    call(args, ctx) {
      const text = requireString(ctx, args[0], 0);
      ctx.charge(Math.ceil(text.length / 3) * 4);
      return base64Encode(utf8Encode(text));
    },
  },
  {
    name: "b64dec",
    signature: { "pt-BR": "b64dec TEXTO", en: "b64dec TEXT" },
    description: {
      "pt-BR": "Decodifica um texto em base64 cujo conteúdo é texto UTF-8.",
      en: "Decodes a base64 text whose content is UTF-8 text.",
    },
    example: "{{ .input.body.conteudo | b64dec }}",
    minArgs: 1,
    maxArgs: 1,
    lazy: false,
    acceptsMissing: never,
    call(args, ctx) {
      const encoded = requireString(ctx, args[0], 0);
      ctx.charge(Math.floor(encoded.length / 4) * 3);
      const bytes = base64Decode(encoded);
      if (bytes === null) return ctx.fail(message("expression.b64_invalid"), 0, "function_error");
      const text = utf8Decode(bytes, true);
      if (text === null) return ctx.fail(message("expression.b64_not_utf8"), 0, "function_error");
      return text;
    },
  },
  {
    name: "join",
    signature: { "pt-BR": "join SEPARADOR LISTA", en: "join SEPARATOR LIST" },
    description: {
      "pt-BR": "Junta os itens da lista num texto, com o separador entre eles; itens nulos são ignorados.",
      en: "Joins the list's items into a text, with the separator between them; null items are left out.",
    },
    example: '{{ .input.body.scopes | join " " }}',
    minArgs: 2,
    maxArgs: 2,
    lazy: false,
    acceptsMissing: never,
    call(args, ctx) {
      const separator = requireString(ctx, args[0], 0);
      const list = args[1];
      if (!Array.isArray(list)) return ctx.fail(message("expression.join_expected_list", { got: kindName(list) }), 1, "type_error");
      const parts: string[] = [];
      for (const item of list as readonly unknown[]) {
        if (item === null || item === undefined) continue;
        ctx.charge(jsonSizeUpTo(item, ctx.room()) + separator.length);
        parts.push(renderValue(item));
      }
      return parts.join(separator);
    },
  },
  {
    name: "split",
    signature: { "pt-BR": "split SEPARADOR TEXTO", en: "split SEPARATOR TEXT" },
    description: {
      "pt-BR": "Divide o texto em uma lista, cortando em cada separador (separador vazio: um item por caractere).",
      en: "Splits the text into a list, cutting at each separator (an empty separator: one item per character).",
    },
    example: '{{ .input.query_params.campos | split "," }}',
    minArgs: 2,
    maxArgs: 2,
    lazy: false,
    acceptsMissing: never,
    call(args, ctx) {
      const separator = requireString(ctx, args[0], 0);
      const text = requireString(ctx, args[1], 1);
      return splitCharged(ctx, text, separator);
    },
  },
  {
    name: "len",
    signature: { "pt-BR": "len VALOR", en: "len VALUE" },
    description: {
      "pt-BR": "Quantidade de caracteres de um texto, de itens de uma lista ou de chaves de um objeto.",
      en: "How many characters a text has, items a list has or keys an object has.",
    },
    example: "{{ len .input.body.itens }}",
    minArgs: 1,
    maxArgs: 1,
    lazy: false,
    acceptsMissing: never,
    call(args, ctx) {
      const value = args[0];
      if (typeof value === "string") return countCodePoints(value);
      if (Array.isArray(value)) return value.length;
      if (isRecord(value)) return Object.keys(value).length;
      return ctx.fail(message("expression.len_expected", { got: kindName(value) }), 0, "type_error");
    },
  },
  {
    name: "now",
    signature: { "pt-BR": "now", en: "now" },
    description: {
      "pt-BR": "Data e hora atuais em UTC, no formato ISO 8601 (2024-05-01T12:00:00.000Z).",
      en: "The current date and time in UTC, in ISO 8601 format (2024-05-01T12:00:00.000Z).",
    },
    example: "{{ now }}",
    minArgs: 0,
    maxArgs: 0,
    lazy: false,
    acceptsMissing: never,
    call(_args, ctx) {
      const date = ctx.now();
      if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
        return ctx.fail(message("expression.now_invalid"), undefined, "function_error");
      }
      return date.toISOString();
    },
  },
  {
    name: "eq",
    signature: { "pt-BR": "eq A B…", en: "eq A B…" },
    description: {
      "pt-BR": "true se A é igual a B (ou a algum dos valores seguintes). Listas e objetos são comparados pelo conteúdo; caminho inexistente vale nulo; comparar tipos diferentes (texto com número) é erro.",
      en: "true when A equals B (or one of the values after it). Lists and objects are compared by their content; a path that doesn't exist counts as null; comparing different types (text with a number) is an error.",
    },
    example: '{{ eq .input.body.tipo "pix" }}',
    minArgs: 2,
    maxArgs: Infinity,
    lazy: false,
    acceptsMissing: always,
    call(args, ctx) {
      const [first, ...rest] = args;
      return rest.some((other) => compare(ctx, first, other));
    },
  },
  {
    name: "ne",
    signature: { "pt-BR": "ne A B", en: "ne A B" },
    description: {
      "pt-BR": "true se A é diferente de B (mesmas regras de eq).",
      en: "true when A differs from B (the same rules as eq).",
    },
    example: "{{ ne .steps.credentials.code 200 }}",
    minArgs: 2,
    maxArgs: 2,
    lazy: false,
    acceptsMissing: always,
    call: (args, ctx) => !compare(ctx, args[0], args[1]),
  },
  {
    name: "and",
    signature: { "pt-BR": "and A B…", en: "and A B…" },
    description: {
      "pt-BR": "Devolve o primeiro argumento vazio/falso ou, se nenhum for, o último (como em Go); para de avaliar no primeiro falso.",
      en: "Returns the first empty/false argument or, when none is, the last one (as in Go); stops evaluating at the first false one.",
    },
    example: "{{ and .input.body.ativo .input.body.verificado }}",
    minArgs: 1,
    maxArgs: Infinity,
    lazy: true,
    call(args) {
      let value: unknown = null;
      for (const arg of args) {
        value = arg();
        if (!isTruthy(value)) return value;
      }
      return value;
    },
  },
  {
    name: "or",
    signature: { "pt-BR": "or A B…", en: "or A B…" },
    description: {
      "pt-BR": "Devolve o primeiro argumento não vazio ou, se nenhum for, o último (como em Go); para de avaliar no primeiro verdadeiro.",
      en: "Returns the first non-empty argument or, when none is, the last one (as in Go); stops evaluating at the first true one.",
    },
    example: '{{ or .input.body.apelido .input.body.nome "anônimo" }}',
    minArgs: 1,
    maxArgs: Infinity,
    lazy: true,
    call(args) {
      let value: unknown = null;
      for (const arg of args) {
        value = arg();
        if (isTruthy(value)) return value;
      }
      return value;
    },
  },
  {
    name: "not",
    signature: { "pt-BR": "not VALOR", en: "not VALUE" },
    description: {
      "pt-BR": "true se o valor é vazio/falso (caminho inexistente, nulo, false, 0, \"\", lista ou objeto vazio); senão false.",
      en: "true when the value is empty/false (a path that doesn't exist, null, false, 0, \"\", an empty list or object); otherwise false.",
    },
    example: "{{ not .input.body.teste }}",
    minArgs: 1,
    maxArgs: 1,
    lazy: false,
    acceptsMissing: always,
    call: (args) => !isTruthy(args[0]),
  },
  {
    name: "urlPath",
    signature: { "pt-BR": "urlPath CAMINHO", en: "urlPath PATH" },
    description: {
      "pt-BR":
        "Codifica um caminho pronto para ir numa URL: cada parte entre barras é codificada (espaços, ?, #, %…) e as barras ficam; partes \".\" e \"..\" são recusadas. Numa URL ou num Caminho, o valor de uma expressão vai codificado como uma parte só (uma barra vira %2F); termine a expressão com urlPath para inserir de propósito um caminho de várias partes.",
      en: "Encodes a ready-made path to go in a URL: each part between slashes is encoded (spaces, ?, #, %…) and the slashes stay; \".\" and \"..\" parts are refused. In a URL or a Path field, an expression's value goes in encoded as a single part (a slash becomes %2F); end the expression with urlPath to insert a path of several parts on purpose.",
    },
    example: "{{ .input.body.arquivo | urlPath }}",
    minArgs: 1,
    maxArgs: 1,
    lazy: false,
    acceptsMissing: never,
    call(args, ctx) {
      const value = args[0];
      if (typeof value !== "string" && typeof value !== "number") return ctx.fail(message("expression.url_path_expected", { got: kindName(value) }), 0, "type_error");
      const text = renderValue(value);
      ctx.charge(text.length);
      const encoded = encodePath(text);
      if ("segment" in encoded) return ctx.fail(message("expression.url_path_dots", { segment: encoded.segment }), 0, "unsafe_value");
      ctx.charge(encoded.path.length - text.length);
      return encoded.path;
    },
  },
];

const BY_NAME: ReadonlyMap<string, FunctionSpec> = new Map(SPECS.map((spec) => [spec.name, spec]));

export function getFunction(name: string): FunctionSpec | undefined {
  return BY_NAME.get(name);
}

/** Every function, documented (pt-BR and English), in the order the editor shows them. */
export const FUNCTIONS: ReadonlyArray<Readonly<FunctionInfo>> = Object.freeze(
  SPECS.map(({ name, signature, description, example }) => Object.freeze({ name, signature, description, example })),
);

/** "espera 1 argumento" / "espera de 1 a 2 argumentos" / "espera pelo menos 2 argumentos". */
export function arityMessage(spec: { name: string; minArgs: number; maxArgs: number }, got: number, piped: boolean): ExpressionMessage {
  let expected: ExpressionMessage;
  const { minArgs: min, maxArgs: max } = spec;
  if (min === max) expected = min === 0 ? message("expression.args.none") : min === 1 ? message("expression.args.one") : message("expression.args.exactly", { count: min });
  else if (max === Infinity) expected = min === 1 ? message("expression.args.at_least_one") : message("expression.args.at_least", { count: min });
  else expected = message("expression.args.between", { min, max });
  return message(piped ? "expression.arity_piped" : "expression.arity", { name: spec.name, expected, got });
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** Function names close to `name` (case-insensitive edit distance, or containing one another), best first. */
export function suggestFunctions(name: string, limit = 3): string[] {
  const wanted = name.toLowerCase().slice(0, 64);
  const threshold = wanted.length <= 3 ? 1 : 2;
  const scored: { name: string; score: number }[] = [];
  for (const spec of SPECS) {
    const candidate = spec.name.toLowerCase();
    const distance = editDistance(wanted, candidate);
    if (distance <= threshold) scored.push({ name: spec.name, score: distance });
    else if (candidate.length >= 4 && wanted.length >= 4 && (wanted.includes(candidate) || candidate.includes(wanted))) {
      scored.push({ name: spec.name, score: threshold + 1 });
    }
  }
  scored.sort((x, y) => x.score - y.score);
  return scored.slice(0, limit).map((entry) => entry.name);
}

/** `função "tojson" não existe; você quis dizer "toJson"?` */
export function unknownFunctionMessage(name: string): ExpressionMessage {
  const suggestions = suggestFunctions(name);
  if (suggestions.length === 0) {
    return message("expression.unknown_function", { name, available: SPECS.map((spec) => spec.name).join(", ") });
  }
  const quoted = suggestions.map((suggestion) => `"${suggestion}"`);
  const list: MessageParam = quoted.length === 1 ? quoted[0]! : message("expression.either", { first: quoted.slice(0, -1).join(", "), last: quoted.at(-1)! });
  return message("expression.unknown_function_suggest", { name, suggestions: list });
}
