/**
 * Autocomplete for the editor: inside `{{ … }}` offers data paths (`.input…`, `.steps.<id>…`)
 * and function names. The result follows CodeMirror's CompletionResult shape: replace the text
 * between `from` and `to` with the chosen `label`.
 */
import { FUNCTIONS } from "./functions.js";
import { message, renderMessageParam, type MessageLanguage, type MessageParam } from "./messages.js";
import { FORBIDDEN_NAMES, isIdentifier, isRecord, kindName } from "./values.js";

export interface CompletionOption {
  label: string;
  /** What the option is: a path's kind of value, a function's signature. */
  detail?: string;
  /** A function's description. */
  info?: string;
}

export interface CompletionResult {
  from: number;
  to: number;
  options: CompletionOption[];
}

export interface CompletionContext {
  /** Steps that run before the one being edited (only these may be referenced). */
  stepIds: string[];
  /**
   * Sample data shaped like the evaluation data — `{ input: { body, headers, query_params },
   * steps: { <id>: { code, headers, body } } }`, e.g. from the last run — whose keys are
   * offered as further paths. Only steps in `stepIds` are walked. Values are never shown
   * (they may hold secrets); the detail says only the kind of value.
   */
  knownPaths?: Record<string, unknown>;
  /** The field is evaluated once per answer (pagination): `.response` is offered too. */
  perResponse?: boolean;
  /** The language details are told in; pt-BR when absent. */
  language?: MessageLanguage;
}

const MAX_SAMPLE_DEPTH = 8;
const MAX_CANDIDATES = 2_000;

type Where = { inside: false } | { inside: true; contentStart: number; inString: boolean };

/** Whether `cursor` sits inside an action (and whether inside a string or comment there). */
function locateCursor(text: string, cursor: number): Where {
  let i = 0;
  let contentStart = -1;
  while (i < cursor) {
    if (contentStart < 0) {
      const open = text.indexOf("{{", i);
      if (open < 0 || open + 2 > cursor) return { inside: false };
      contentStart = open + 2;
      i = contentStart;
      let j = i;
      if (text[j] === "-") j++;
      while (text[j] === " " || text[j] === "\t" || text[j] === "\n" || text[j] === "\r") j++;
      if (text.startsWith("/*", j)) {
        const end = text.indexOf("*/", j + 2);
        if (end < 0 || end + 2 > cursor) return { inside: true, contentStart, inString: true };
        i = end + 2;
      }
      continue;
    }
    const char = text[i];
    if (char === "}" && text[i + 1] === "}") {
      contentStart = -1;
      i += 2;
      continue;
    }
    if (char === '"' || char === "`") {
      let j = i + 1;
      while (j < text.length && text[j] !== char && !(char === '"' && text[j] === "\n")) j += char === '"' && text[j] === "\\" ? 2 : 1;
      if (j >= cursor) return { inside: true, contentStart, inString: true };
      i = j + 1;
      continue;
    }
    i++;
  }
  return contentStart < 0 ? { inside: false } : { inside: true, contentStart, inString: false };
}

const WORD_CHAR = /[\p{L}\p{N}_.$]/u;

function pathCandidates(context: CompletionContext): Map<string, MessageParam> {
  const out = new Map<string, MessageParam>();
  const add = (path: string, detail: MessageParam) => {
    if (out.size < MAX_CANDIDATES && !out.has(path)) out.set(path, detail);
  };
  const own = (value: unknown, key: string): unknown => (isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined);
  const walk = (value: unknown, prefix: string, depth: number) => {
    if (!isRecord(value) || depth >= MAX_SAMPLE_DEPTH) return;
    for (const key of Object.keys(value)) {
      if (out.size >= MAX_CANDIDATES) return;
      if (FORBIDDEN_NAMES.has(key) || !isIdentifier(key)) continue;
      const item = value[key];
      add(`${prefix}.${key}`, kindName(item));
      walk(item, `${prefix}.${key}`, depth + 1);
    }
  };
  const sample = context.knownPaths;
  const sampleInput = own(sample, "input");
  add(".input", message("expression.hint.input"));
  add(".input.body", message("expression.hint.input_body"));
  add(".input.headers", message("expression.hint.input_headers"));
  add(".input.query_params", message("expression.hint.input_query"));
  for (const part of ["body", "headers", "query_params"]) walk(own(sampleInput, part), `.input.${part}`, 0);
  add(".steps", message("expression.hint.steps"));
  const sampleSteps = own(sample, "steps");
  for (const id of context.stepIds) {
    if (!isIdentifier(id) || FORBIDDEN_NAMES.has(id)) continue;
    add(`.steps.${id}`, message("expression.hint.step", { step: id }));
    add(`.steps.${id}.code`, message("expression.hint.status"));
    add(`.steps.${id}.headers`, message("expression.hint.response_headers"));
    add(`.steps.${id}.body`, message("expression.hint.response_body"));
    const stepSample = own(sampleSteps, id);
    for (const part of ["headers", "body"]) walk(own(stepSample, part), `.steps.${id}.${part}`, 0);
  }
  if (context.perResponse) {
    add(".response", message("expression.hint.response"));
    add(".response.code", message("expression.hint.status"));
    add(".response.headers", message("expression.hint.response_headers"));
    add(".response.body", message("expression.hint.response_body"));
  }
  return out;
}

function segmentCount(path: string): number {
  return path.split(".").length - 1;
}

export function completions(text: string, cursor: number, context: CompletionContext): CompletionResult | null {
  if (!Number.isInteger(cursor) || cursor < 0 || cursor > text.length) return null;
  const where = locateCursor(text, cursor);
  if (!where.inside || where.inString) return null;

  let from = cursor;
  while (from > where.contentStart && WORD_CHAR.test(text[from - 1]!)) from--;
  let to = cursor;
  while (to < text.length && WORD_CHAR.test(text[to]!)) to++;
  const word = text.slice(from, cursor);

  let before = from - 1;
  while (before >= where.contentStart && /\s/.test(text[before]!)) before--;
  const previous = before >= where.contentStart ? text[before] : "{";
  const afterPipe = previous === "|";

  const language = context.language ?? "pt-BR";
  const functionOptions = (prefix: string): CompletionOption[] =>
    FUNCTIONS.filter((fn) => fn.name.toLowerCase().startsWith(prefix.toLowerCase())).map((fn) => ({
      label: fn.name,
      detail: fn.signature[language],
      info: fn.description[language],
    }));

  const pathOptions = (typed: string, rootPrefix: string): CompletionOption[] => {
    const parts = typed.split(".");
    const complete = Math.max(0, parts.length - 2);
    const maxSegments = Math.max(3, complete + 1);
    const lower = typed.toLowerCase();
    const options: CompletionOption[] = [];
    for (const [path, detail] of pathCandidates(context)) {
      if (path.toLowerCase().startsWith(lower) && segmentCount(path) <= maxSegments) options.push({ label: rootPrefix + path, detail: renderMessageParam(detail, language) });
    }
    return options;
  };

  let options: CompletionOption[];
  if (word === "") {
    // Nothing typed yet: right after '{{', '(', '|', or a space.
    if (previous !== "{" && previous !== "(" && previous !== "|" && previous !== "-" && !/\s/.test(text[from - 1] ?? "")) return null;
    options = afterPipe ? functionOptions("") : [...pathOptions("", ""), ...functionOptions("")];
  } else if (word.startsWith(".")) {
    if (text[from - 1] === ")" || afterPipe) return null;
    options = pathOptions(word, "");
  } else if (word === "$" || word.startsWith("$.")) {
    if (afterPipe) return null;
    options = pathOptions(word.slice(1), "$");
  } else if (/^[\p{L}_][\p{L}\p{N}_]*$/u.test(word)) {
    options = functionOptions(word);
  } else {
    return null;
  }
  return options.length > 0 ? { from, to, options } : null;
}
