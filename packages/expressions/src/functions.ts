/**
 * The whitelisted functions. Nothing outside this table can be called from a template.
 */
import type { ExpressionErrorCode } from "./errors.js";
import { base64Decode, base64Encode, utf8Decode, utf8Encode } from "./encoding.js";
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
  fail(reason: string, index?: number, code?: ExpressionErrorCode): never;
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

export interface FunctionInfo {
  name: string;
  signature: string;
  /** pt-BR */
  description: string;
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
  if (typeof value !== "string") ctx.fail(`${ctx.name}: esperava texto, recebeu ${kindName(value)}`, index, "type_error");
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
  ctx.fail(`${ctx.name}: não é possível comparar ${kindName(x)} com ${kindName(y)}`, undefined, "type_error");
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
      ctx.fail(`o nome "${key}" não é permitido em expressões`, i, "forbidden_name");
    }
    if (typeof key !== "string" && typeof key !== "number") {
      ctx.fail(`index: a chave deve ser texto ou número, recebeu ${kindName(key)}`, i, "type_error");
    }
    const next = appendSegment(label, key);
    if (value instanceof Missing) {
      // Keep what failed first; the label grows to the whole expression below.
    } else if (isRecord(value)) {
      if (typeof key !== "string") {
        ctx.fail(`index: a chave de um objeto deve ser texto; use "${key}"`, i, "type_error");
      }
      const item = Object.hasOwn(value, key) ? value[key] : undefined;
      value = item === undefined ? new Missing(next, next, null, ctx.offset) : item;
    } else if (Array.isArray(value)) {
      if (typeof key !== "number" || !Number.isInteger(key)) {
        ctx.fail(`index: a posição de uma lista deve ser um número inteiro, recebeu ${JSON.stringify(key)}`, i, "type_error");
      }
      const item = key >= 0 && key < value.length ? (value[key] as unknown) : undefined;
      const items = value.length === 1 ? "1 item" : `${value.length} itens`;
      value = item === undefined ? new Missing(next, label, `tem ${items}`, ctx.offset) : item;
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
    signature: "index COLEÇÃO CHAVE…",
    description:
      "Lê uma chave de objeto (texto) ou uma posição de lista (número, a partir de 0); várias chaves descem em sequência. Use para chaves que não são identificadores, como \"x-key\".",
    example: '{{ index .input.headers "x-key" }}',
    minArgs: 1,
    maxArgs: Infinity,
    lazy: false,
    acceptsMissing: (i) => i === 0,
    call: index,
  },
  {
    name: "toJson",
    signature: "toJson VALOR",
    description: "Converte o valor em texto JSON.",
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
        return ctx.fail("toJson: não foi possível converter o valor em JSON", 0, "function_error");
      }
    },
  },
  {
    name: "fromJson",
    signature: "fromJson TEXTO",
    description: "Lê um texto JSON e devolve o valor que ele representa (objeto, lista, número, texto…).",
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
        return ctx.fail("fromJson: o texto não é um JSON válido", 0, "function_error");
      }
    },
  },
  {
    name: "default",
    signature: "default PADRÃO VALOR",
    description:
      "Devolve VALOR se ele existe e não é vazio; senão, PADRÃO. São vazios: caminho inexistente, nulo, false, 0, \"\", lista vazia e objeto vazio. Com '|' o valor recebido é o último argumento.",
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
    signature: "upper TEXTO",
    description: "Converte o texto para maiúsculas.",
    example: "{{ .input.body.uf | upper }}",
    minArgs: 1,
    maxArgs: 1,
    lazy: false,
    acceptsMissing: never,
    call: (args, ctx) => chargedText(ctx, args[0]).toUpperCase(),
  },
  {
    name: "lower",
    signature: "lower TEXTO",
    description: "Converte o texto para minúsculas.",
    example: "{{ .input.body.email | lower }}",
    minArgs: 1,
    maxArgs: 1,
    lazy: false,
    acceptsMissing: never,
    call: (args, ctx) => chargedText(ctx, args[0]).toLowerCase(),
  },
  {
    name: "trim",
    signature: "trim TEXTO",
    description: "Remove os espaços (e quebras de linha) do começo e do fim do texto.",
    example: "{{ .input.body.nome | trim }}",
    minArgs: 1,
    maxArgs: 1,
    lazy: false,
    acceptsMissing: never,
    call: (args, ctx) => chargedText(ctx, args[0]).trim(),
  },
  {
    name: "quote",
    signature: "quote VALOR…",
    description:
      "Põe cada valor entre aspas duplas, escapando aspas, barras e caracteres de controle como em Go; vários valores são separados por espaço e nulos são ignorados.",
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
    signature: "b64enc TEXTO",
    description: "Codifica o texto (em UTF-8) em base64.",
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
    signature: "b64dec TEXTO",
    description: "Decodifica um texto em base64 cujo conteúdo é texto UTF-8.",
    example: "{{ .input.body.conteudo | b64dec }}",
    minArgs: 1,
    maxArgs: 1,
    lazy: false,
    acceptsMissing: never,
    call(args, ctx) {
      const encoded = requireString(ctx, args[0], 0);
      ctx.charge(Math.floor(encoded.length / 4) * 3);
      const bytes = base64Decode(encoded);
      if (bytes === null) return ctx.fail("b64dec: o texto não é base64 válido", 0, "function_error");
      const text = utf8Decode(bytes, true);
      if (text === null) return ctx.fail("b64dec: o conteúdo decodificado não é texto UTF-8", 0, "function_error");
      return text;
    },
  },
  {
    name: "join",
    signature: "join SEPARADOR LISTA",
    description: "Junta os itens da lista num texto, com o separador entre eles; itens nulos são ignorados.",
    example: '{{ .input.body.scopes | join " " }}',
    minArgs: 2,
    maxArgs: 2,
    lazy: false,
    acceptsMissing: never,
    call(args, ctx) {
      const separator = requireString(ctx, args[0], 0);
      const list = args[1];
      if (!Array.isArray(list)) return ctx.fail(`join: esperava uma lista, recebeu ${kindName(list)}`, 1, "type_error");
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
    signature: "split SEPARADOR TEXTO",
    description: "Divide o texto em uma lista, cortando em cada separador (separador vazio: um item por caractere).",
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
    signature: "len VALOR",
    description: "Quantidade de caracteres de um texto, de itens de uma lista ou de chaves de um objeto.",
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
      return ctx.fail(`len: esperava texto, lista ou objeto, recebeu ${kindName(value)}`, 0, "type_error");
    },
  },
  {
    name: "now",
    signature: "now",
    description: "Data e hora atuais em UTC, no formato ISO 8601 (2024-05-01T12:00:00.000Z).",
    example: "{{ now }}",
    minArgs: 0,
    maxArgs: 0,
    lazy: false,
    acceptsMissing: never,
    call(_args, ctx) {
      const date = ctx.now();
      if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
        return ctx.fail("now: o relógio devolveu uma data inválida", undefined, "function_error");
      }
      return date.toISOString();
    },
  },
  {
    name: "eq",
    signature: "eq A B…",
    description:
      "true se A é igual a B (ou a algum dos valores seguintes). Listas e objetos são comparados pelo conteúdo; caminho inexistente vale nulo; comparar tipos diferentes (texto com número) é erro.",
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
    signature: "ne A B",
    description: "true se A é diferente de B (mesmas regras de eq).",
    example: "{{ ne .steps.credentials.code 200 }}",
    minArgs: 2,
    maxArgs: 2,
    lazy: false,
    acceptsMissing: always,
    call: (args, ctx) => !compare(ctx, args[0], args[1]),
  },
  {
    name: "and",
    signature: "and A B…",
    description:
      "Devolve o primeiro argumento vazio/falso ou, se nenhum for, o último (como em Go); para de avaliar no primeiro falso.",
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
    signature: "or A B…",
    description:
      "Devolve o primeiro argumento não vazio ou, se nenhum for, o último (como em Go); para de avaliar no primeiro verdadeiro.",
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
    signature: "not VALOR",
    description: "true se o valor é vazio/falso (caminho inexistente, nulo, false, 0, \"\", lista ou objeto vazio); senão false.",
    example: "{{ not .input.body.teste }}",
    minArgs: 1,
    maxArgs: 1,
    lazy: false,
    acceptsMissing: always,
    call: (args) => !isTruthy(args[0]),
  },
];

const BY_NAME: ReadonlyMap<string, FunctionSpec> = new Map(SPECS.map((spec) => [spec.name, spec]));

export function getFunction(name: string): FunctionSpec | undefined {
  return BY_NAME.get(name);
}

/** Every function, documented (pt-BR), in the order the editor shows them. */
export const FUNCTIONS: ReadonlyArray<Readonly<FunctionInfo>> = Object.freeze(
  SPECS.map(({ name, signature, description, example }) => Object.freeze({ name, signature, description, example })),
);

/** "espera 1 argumento" / "espera de 1 a 2 argumentos" / "espera pelo menos 2 argumentos". */
export function arityMessage(spec: { name: string; minArgs: number; maxArgs: number }, got: number, piped: boolean): string {
  const plural = (n: number) => (n === 1 ? "argumento" : "argumentos");
  let expected: string;
  if (spec.minArgs === spec.maxArgs) expected = spec.minArgs === 0 ? "nenhum argumento" : `${spec.minArgs} ${plural(spec.minArgs)}`;
  else if (spec.maxArgs === Infinity) expected = `pelo menos ${spec.minArgs} ${plural(spec.minArgs)}`;
  else expected = `de ${spec.minArgs} a ${spec.maxArgs} argumentos`;
  const suffix = piped ? " (contando o valor recebido pelo '|')" : "";
  return `${spec.name} espera ${expected}, recebeu ${got}${suffix}`;
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
export function unknownFunctionMessage(name: string): string {
  const suggestions = suggestFunctions(name);
  if (suggestions.length === 0) {
    return `função "${name}" não existe; as funções disponíveis são: ${SPECS.map((spec) => spec.name).join(", ")}`;
  }
  const quoted = suggestions.map((suggestion) => `"${suggestion}"`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(", ")} ou ${quoted.at(-1)}`;
  return `função "${name}" não existe; você quis dizer ${list}?`;
}
