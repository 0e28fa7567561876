import type { OperationContext, OperationResult } from "../src/index.js";
import { describe, expect, it } from "vitest";
import { connectorCatalog, getOperation, StepError, StepSuspended } from "../src/index.js";

/** Runs a built-in operation with its parameters checked by its own schema, as the engine does. */
async function run(connector: string, operation: string, parameters: unknown, signal = new AbortController().signal, maxLoopItems = 1000, extra: Partial<OperationContext<unknown>> = {}): Promise<OperationResult> {
  const op = getOperation(connector, operation)!;
  const parsed = op.parameters.parse(parameters);
  const ctx: OperationContext<unknown> = {
    parameters: parsed,
    connection: null,
    http: () => Promise.reject(new Error("built-in steps make no HTTP calls")),
    signal,
    recordHttp: () => undefined,
    evaluate: () => undefined,
    limits: { maxLoopItems },
    ...extra,
  };
  return op.run(ctx);
}

async function failure(promise: Promise<unknown>): Promise<StepError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(StepError);
  return error as StepError;
}

const check = (type: string, left: unknown, operator: string, right?: unknown) =>
  run("condition", "if", { conditions: [{ type, left, operator, ...(right === undefined ? {} : { right }) }], combine: "and" }).then((r) => (r.body as { result: boolean }).result);

describe("Condição", () => {
  it("compares texts with every text operator", async () => {
    expect(await check("string", "Fluxo", "equals", "Fluxo")).toBe(true);
    expect(await check("string", "Fluxo", "notEquals", "fluxo")).toBe(true);
    expect(await check("string", "integração", "contains", "gra")).toBe(true);
    expect(await check("string", "integração", "notContains", "xyz")).toBe(true);
    expect(await check("string", "integração", "startsWith", "int")).toBe(true);
    expect(await check("string", "integração", "endsWith", "ção")).toBe(true);
    expect(await check("string", "  ", "isEmpty")).toBe(true);
    expect(await check("string", "a", "isNotEmpty")).toBe(true);
  });

  it("compares numbers given as numbers or numeric text", async () => {
    expect(await check("number", 10, "equals", "10.0")).toBe(true);
    expect(await check("number", "11", "greaterThan", 10)).toBe(true);
    expect(await check("number", 10, "greaterOrEqual", 10)).toBe(true);
    expect(await check("number", 9, "lessThan", 10)).toBe(true);
    expect(await check("number", 10, "lessOrEqual", 9)).toBe(false);
    expect(await check("number", 1, "notEquals", 2)).toBe(true);
  });

  it("compares booleans and ISO 8601 dates", async () => {
    expect(await check("boolean", true, "equals", "TRUE")).toBe(true);
    expect(await check("boolean", "false", "notEquals", true)).toBe(true);
    expect(await check("date", "2026-12-06", "before", "2026-12-07T00:00:00Z")).toBe(true);
    expect(await check("date", "2026-12-06T10:00:00-03:00", "after", "2026-12-06T12:59:00Z")).toBe(true);
    expect(await check("date", "2026-12-06T13:00:00Z", "equals", "2026-12-06T10:00:00-03:00")).toBe(true);
  });

  it("treats null, empty lists and empty objects as empty", async () => {
    expect(await check("string", null, "isEmpty")).toBe(true);
    expect(await check("string", [], "isEmpty")).toBe(true);
    expect(await check("string", {}, "isEmpty")).toBe(true);
    expect(await check("number", 0, "isEmpty")).toBe(false);
  });

  it("takes the true port when the conditions hold, the false port otherwise, combining with and/or", async () => {
    const both = [
      { type: "number", left: 5, operator: "greaterThan", right: 1 },
      { type: "string", left: "a", operator: "equals", right: "b" },
    ];
    expect((await run("condition", "if", { conditions: both, combine: "and" })).route).toEqual({ follow: ["false"] });
    expect((await run("condition", "if", { conditions: both, combine: "or" })).route).toEqual({ follow: ["true"] });
  });

  it("fails naming the field and the value that doesn't convert to the chosen type", async () => {
    const error = await failure(check("number", 1, "equals", "dez"));
    expect(error.info.message).toBe('conditions.0.right: "dez" não é número; mude o tipo da condição ou o valor');
    expect(error.info.fields).toEqual([{ path: "conditions.0.right", message: '"dez" não é número' }]);
    expect((await failure(check("date", "06/12/2026", "before", "2026-12-07"))).info.message).toContain('conditions.0.left: "06/12/2026" não é data ISO 8601');
    expect((await failure(check("boolean", "sim", "equals", true))).info.message).toContain('"sim" não é booleano');
  });

  it("refuses an operator that doesn't fit the type, and no conditions at all", () => {
    const parameters = getOperation("condition", "if")!.parameters;
    const result = parameters.safeParse({ conditions: [{ type: "number", left: 1, operator: "contains", right: 1 }], combine: "and" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["conditions", 0, "operator"]);
    expect(result.error?.issues[0]?.message).toContain('"contém" não vale para Número');
    expect(parameters.safeParse({ conditions: [], combine: "and" }).error?.issues[0]?.message).toBe("Adicione ao menos uma condição.");
  });
});

describe("Loop", () => {
  it("repeats its each port over a list, then follows done", async () => {
    const result = await run("loop", "for-each", { items: ["a", "b"] });
    expect(result.body).toEqual({ count: 2 });
    expect(result.route).toEqual({ follow: ["done"], repeat: { port: "each", items: ["a", "b"] } });
  });

  it("repeats n times for a number n (or its text)", async () => {
    expect((await run("loop", "for-each", { items: 3 })).route?.repeat?.items).toEqual([0, 1, 2]);
    expect((await run("loop", "for-each", { items: " 2 " })).route?.repeat?.items).toEqual([0, 1]);
  });

  it("fails naming the value that is neither a list nor a count, and the limit when there are more items", async () => {
    expect((await failure(run("loop", "for-each", { items: { a: 1 } }))).info.message).toBe('items: esperava uma lista ou um número inteiro ≥ 0, recebeu {"a":1}');
    expect((await failure(run("loop", "for-each", { items: -1 }))).info.message).toContain("recebeu -1");
    expect((await failure(run("loop", "for-each", { items: 5 }, undefined, 4))).info.message).toBe("items: 5 itens, mais que o limite de 4 por Loop (FLUXO_LOOP_MAX_ITEMS); divida a lista ou aumente o limite");
  });
});

describe("Transformar", () => {
  it("builds nested objects from dotted names, keeping each value's JSON type", async () => {
    const result = await run("transform", "map", {
      fields: [
        { name: "cliente.nome", value: "Ana" },
        { name: "cliente.contas", value: [1, 2] },
        { name: "cliente.ativo", value: true },
        { name: "total", value: 12.5 },
        { name: "vazio" },
      ],
    });
    expect(result.body).toEqual({ cliente: { nome: "Ana", contas: [1, 2], ativo: true }, total: 12.5, vazio: null });
  });

  it("fails when a name goes inside a value that isn't an object, naming the field", async () => {
    const error = await failure(run("transform", "map", { fields: [{ name: "a", value: 1 }, { name: "a.b", value: 2 }] }));
    expect(error.info.message).toBe('fields.1.name: "a" já recebeu um valor que não é objeto; "a.b" não cabe dentro dele');
  });

  it("refuses empty segments and prototype names", () => {
    const parameters = getOperation("transform", "map")!.parameters;
    expect(parameters.safeParse({ fields: [{ name: "a..b", value: 1 }] }).error?.issues[0]?.message).toContain("trecho vazio");
    expect(parameters.safeParse({ fields: [{ name: "__proto__.x", value: 1 }] }).error?.issues[0]?.message).toContain('"__proto__" não pode ser usado');
  });
});

describe("Espera", () => {
  it("waits with a timer and says how long", async () => {
    const started = Date.now();
    const result = await run("wait", "delay", { durationMs: 30 });
    expect(result.body).toEqual({ waitedMs: 30 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  it("stops waiting when the server stops", async () => {
    const abort = new AbortController();
    const waiting = run("wait", "delay", { durationMs: 300_000 }, abort.signal);
    abort.abort(new Error("shutdown"));
    await expect(waiting).rejects.toThrow("shutdown");
  });

  it("in queue mode, hands a wait longer than the limit off with the time to resume, and waits a shorter one in place", async () => {
    const before = Date.now();
    const handedOff = await run("wait", "delay", { durationMs: 60_000 }, undefined, undefined, { handOff: { afterMs: 5_000 } }).then(() => null, (e: unknown) => e);
    expect(handedOff).toBeInstanceOf(StepSuspended);
    const resumeAt = (handedOff as StepSuspended).resumeAt.getTime();
    expect(resumeAt).toBeGreaterThanOrEqual(before + 60_000);
    expect(resumeAt).toBeLessThanOrEqual(Date.now() + 60_000);
    expect((await run("wait", "delay", { durationMs: 20 }, undefined, undefined, { handOff: { afterMs: 5_000 } })).body).toEqual({ waitedMs: 20 });
  });

  it("resumed after a hand-off, waits only for what is left of its time from its first start", async () => {
    // Started 59.99 s of a minute ago: what is left is under the hand-off limit, so it finishes here.
    const result = await run("wait", "delay", { durationMs: 60_000 }, undefined, undefined, { handOff: { afterMs: 5_000 }, startedAt: new Date(Date.now() - 59_990) });
    expect(result.body).toEqual({ waitedMs: 60_000 });
  });

  it("refuses more than 5 minutes", () => {
    expect(getOperation("wait", "delay")!.parameters.safeParse({ durationMs: 300_001 }).error?.issues[0]?.message).toBe("Use de 0 a 300000 ms (5 minutos).");
  });
});

describe("catalog metadata of the built-ins", () => {
  it("has no connection fields and lists the ports the canvas draws", () => {
    const catalog = connectorCatalog();
    const byKey = Object.fromEntries(catalog.map((c) => [c.key, c]));
    for (const key of ["condition", "loop", "transform", "wait"]) {
      expect(byKey[key]!.connectionFields).toEqual([]);
      expect(byKey[key]!.connectionOptional).toBe(true);
      expect(byKey[key]!.builtIn).toBe(true);
    }
    expect(byKey["condition"]!.operations[0]!.ports).toEqual([
      { key: "true", label: "Verdadeiro" },
      { key: "false", label: "Falso" },
    ]);
    expect(byKey["loop"]!.operations[0]!.ports).toEqual([
      { key: "each", label: "Cada item", repeats: true },
      { key: "done", label: "Concluído" },
    ]);
    expect(byKey["transform"]!.operations[0]!.ports).toBeUndefined();
  });
});
