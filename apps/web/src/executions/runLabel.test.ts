import { describe, expect, it } from "vitest";
import i18n from "../i18n/index.js";
import { runLabel, shortDateTime } from "./runLabel.js";

describe("runLabel", () => {
  const t = i18n.getFixedT("pt-BR", "executions");
  it("names a published run by its version and a draft run by when the draft was saved", () => {
    expect(runLabel({ draft: false, draftSavedAt: null, flowVersion: 2 }, t, "pt-BR")).toBe("v2");
    const savedAt = new Date(2026, 11, 6, 17, 36).toISOString();
    expect(runLabel({ draft: true, draftSavedAt: savedAt, flowVersion: 7 }, t, "pt-BR")).toBe("rascunho de 06/12 17:36");
    expect(runLabel({ draft: true, draftSavedAt: null, flowVersion: 7 }, t, "pt-BR")).toBe("rascunho");
  });
  it("writes day/month and 24-hour time", () => {
    expect(shortDateTime(new Date(2026, 0, 2, 9, 5).toISOString(), "pt-BR")).toBe("02/01 09:05");
  });
});
