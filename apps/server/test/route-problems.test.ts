import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageList, ref, type Flow, type Problem } from "@fluxo/contracts";
import { PROBLEM_MESSAGES } from "../src/http/problem-messages.js";
import { renderProblem, ROUTE_PROBLEMS, type RouteProblemCode } from "../src/http/route-problems.js";
import { startTestApp, type TestApp } from "./harness.js";

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe("route problems", () => {
  it.each(Object.keys(ROUTE_PROBLEMS) as RouteProblemCode[])("%s has a text in pt-BR and in English, with the same params", (code) => {
    const texts: Record<string, unknown> = ROUTE_PROBLEMS[code];
    expect(typeof texts["pt-BR"] === "string" && texts["pt-BR"].trim() !== "", `${code} has no pt-BR text`).toBe(true);
    expect(typeof texts["en"] === "string" && texts["en"].trim() !== "", `${code} has no English text`).toBe(true);
    expect(placeholders(ROUTE_PROBLEMS[code].en)).toEqual(placeholders(ROUTE_PROBLEMS[code]["pt-BR"]));
  });

  it("the shared problems have every message in both languages", () => {
    expect(Object.keys(PROBLEM_MESSAGES.en).sort()).toEqual(Object.keys(PROBLEM_MESSAGES["pt-BR"]).sort());
  });

  it("fills nested texts in the same language", () => {
    const text = { code: "not_found", params: { thing: { code: "thing.draft_step", params: { step: "api" } }, id: "f1" } };
    expect(renderProblem(text, "pt-BR")).toBe('o passo "api" no rascunho do fluxo f1 não existe');
    expect(renderProblem(text, "en")).toBe('the step "api" in the draft of the flow f1 doesn\'t exist');
  });
});

/** QA: "Use de 0 a 300000 ms (5 minutos).. Corrija no editor…": a problem that ends its own sentence gets no second period. */
describe("a problem's sentence ends once", () => {
  const waitTooLong = ref("definition.step_problem", { step: "pausa", field: " (durationMs)", problem: ref("wait.field.duration", { max: 300000 }) });

  it.each([
    ["pt-BR", 'Não é possível executar: o rascunho tem 1 problema — passo "pausa" (durationMs): Use de 0 a 300000 ms (5 minutos). Corrija no editor (o rascunho é salvo mesmo incompleto) e tente de novo.'],
    ["en", 'Can\'t run: the draft has 1 problem — step "pausa" (durationMs): Use 0 to 300000 ms (5 minutes). Fix it in the editor (the draft saves even unfinished) and try again.'],
  ] as const)("a field's message ending in a period, joined with the next sentence (%s)", (language, told) => {
    const text = { code: "flow.not_runnable", params: { doing: { code: "doing.run" }, count: { code: "flow.one_problem" }, problems: messageList([waitTooLong], 5) } };
    expect(renderProblem(text, language)).toBe(told);
  });

  it.each(["pt-BR", "en"] as const)("any sentence end (., !, ?, …) takes the template's period's place, at the end of a text too; other texts keep it (%s)", (language) => {
    const saved = (problems: string) => renderProblem({ code: "flow.nothing_saved", params: { problems } }, language);
    const lead = language === "en" ? "Nothing was saved: " : "Nada foi salvo: ";
    for (const end of [".", "!", "?", "…", "..."]) expect(saved(`isto${end}`)).toBe(`${lead}isto${end}`);
    expect(saved("isto. ")).toBe(`${lead}isto.`);
    expect(saved("sem ponto")).toBe(`${lead}sem ponto.`);
    expect(saved("v1.2 (beta)")).toBe(`${lead}v1.2 (beta).`);
    // The last of several problems decides; the ones before keep their words.
    const two = messageList([ref("wait.field.duration", { max: 300000 }), "outro problema."], 5);
    expect(renderProblem({ code: "flow.nothing_saved", params: { problems: two } }, language)).not.toMatch(/\.\.|\.\s*\.$/);
    // A period inside a template, not after a param, is the template's own.
    expect(renderProblem({ code: "oauth.incomplete" }, language)).toBe(ROUTE_PROBLEMS["oauth.incomplete"][language]);
  });

  describe("as the API answers it (PostgreSQL)", () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp("postgres");
    }, 120_000);
    afterAll(async () => {
      await app?.close();
    });

    it.each(["pt-BR", "en"] as const)("running a draft whose Espera is too long: 422 whose detail has no double period (%s)", async (language) => {
      const created = await app.api<Flow>("POST", "/api/flows", {
        name: `Espera longa ${language}`,
        description: "",
        definition: { steps: [{ id: "pausa", connector: "wait", operation: "delay", connectionId: null, parameters: { durationMs: 999999 }, position: { x: 300, y: 120 } }], edges: [{ source: "trigger", target: "pausa" }] },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const run = await app.api<Problem>("POST", `/api/flows/${created.body.id}/executions`, { input: { body: {} } }, { ...app.auth, "accept-language": language });
      expect(run.status, JSON.stringify(run.body)).toBe(422);
      expect(run.body.detail).toContain(language === "en" ? "(5 minutes). Fix it in the editor" : "(5 minutos). Corrija no editor");
      expect(run.body.detail).not.toMatch(/[.!?…]\./);
    });
  });
});

