import { describe, expect, it } from "vitest";
import { PROBLEM_MESSAGES } from "../src/http/problem-messages.js";
import { renderProblem, ROUTE_PROBLEMS, type RouteProblemCode } from "../src/http/route-problems.js";

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
