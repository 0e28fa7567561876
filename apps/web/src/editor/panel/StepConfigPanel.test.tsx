import { act, screen, within } from "@testing-library/react";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useEditorStore } from "../store.js";
import { flow } from "../testing/fixtures.js";
import { installReactFlowJsdomStubs } from "../testing/reactFlowJsdom.js";
import { addStepByClick, renderEditor } from "../testing/renderEditor.js";

beforeAll(installReactFlowJsdomStubs);

beforeEach(() => {
  useEditorStore.getState().load({ ...flow(), id: "" });
});

describe("StepConfigPanel", { timeout: 20_000 }, () => {
  it("focuses the new step's first field, and doesn't call an empty list item left behind an error until a save asks", async () => {
    const { user } = renderEditor();
    const panel = await addStepByClick(user);
    // Added from the palette: typing carries on in the step's first field.
    await act(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    expect(document.activeElement).toBe(within(panel).getByLabelText("Operação"));

    const entry = within(panel).getByRole("group", { name: "Entrada 1" });
    await user.click(within(entry).getByRole("button", { name: "Adicionar item em Locations" }));
    await user.click(within(entry).getByRole("button", { name: "Adicionar item em Privileges" }));
    await user.keyboard("read");
    const location = within(entry).getByLabelText("Locations 1");
    expect(location.getAttribute("aria-invalid")).toBeNull();
    // Nor does the node count it: only the empty Type is a problem yet.
    const warning = () => screen.getByTestId("step-node-credentials").querySelector(".step-node__warning-count")?.textContent;
    expect(warning()).toBe("1");

    // A save that is refused (or, for a draft, a run) shows it.
    act(() => useEditorStore.getState().revealAllIssues());
    expect(location.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getAllByText("Preencha este campo.").length).toBeGreaterThan(0);
    expect(warning()).toBe("2");
  });
});
