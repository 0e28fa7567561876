import type { ExecutionListPage, ExecutionSummary } from "@fluxo/contracts";
import { describe, expect, it } from "vitest";
import { applyToRuns, matchesFilters, NO_FILTERS } from "./workspaceRuns.js";

const run = (id: string, at: string, over: Partial<ExecutionSummary> = {}): ExecutionSummary => ({
  id,
  flowId: "f1",
  flowVersion: 1,
  draft: true,
  draftSavedAt: null,
  triggerSource: "editor",
  status: "running",
  startedAt: at,
  finishedAt: null,
  durationMs: null,
  createdAt: at,
  ...over,
});
const pages = (...lists: ExecutionSummary[][]) => ({ pages: lists.map((items, i): ExecutionListPage => ({ items, nextCursor: i < lists.length - 1 ? `c${i}` : null })), pageParams: lists.map((_, i) => (i ? `c${i - 1}` : null)) });

describe("the Execuções page's live list", () => {
  const older = run("a", "2026-12-06T10:00:00.000Z", { status: "succeeded" });
  const newer = run("b", "2026-12-06T11:00:00.000Z");

  it("puts a new matching run first and updates a listed one in place, never backwards", () => {
    const data = pages([newer], [older]);
    const added = applyToRuns(data, run("c", "2026-12-06T12:00:00.000Z"), NO_FILTERS);
    expect(added.pages[0]!.items.map((e) => e.id)).toEqual(["c", "b"]);
    const finished = applyToRuns(data, { ...older, status: "failed" }, NO_FILTERS);
    expect(finished.pages[1]!.items[0]!.status).toBe("failed");
    expect(applyToRuns(data, { ...older, status: "running" }, NO_FILTERS)).toEqual(data);
  });

  it("leaves out what the filters don't show, and drops a run whose new status no longer matches", () => {
    const data = pages([newer]);
    expect(applyToRuns(data, run("c", "2026-12-06T12:00:00.000Z", { flowId: "f2" }), { ...NO_FILTERS, flowId: "f1" })).toEqual(data);
    const running = { ...NO_FILTERS, status: "running" as const };
    expect(applyToRuns(data, { ...newer, status: "succeeded" }, running).pages[0]!.items).toEqual([]);
  });

  it("matches each filter, the time range as [from, to)", () => {
    const at = run("x", "2026-12-06T10:00:00.000Z", { triggerSource: "gateway", status: "failed" });
    expect(matchesFilters(at, { ...NO_FILTERS, source: "gateway", status: "failed" })).toBe(true);
    expect(matchesFilters(at, { ...NO_FILTERS, source: "api" })).toBe(false);
    expect(matchesFilters(at, { ...NO_FILTERS, from: "2026-12-06T10:00:00.000Z" })).toBe(true);
    expect(matchesFilters(at, { ...NO_FILTERS, to: "2026-12-06T10:00:00.000Z" })).toBe(false);
  });
});
