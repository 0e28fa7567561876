import type { EvaluationData } from "@fluxo/expressions";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { renderWithProviders } from "../../ui/testing.js";
import { ExpressionField } from "./ExpressionField.js";
import { ExpressionScopeContext, type ExpressionScope } from "./ExpressionScope.js";

const data: EvaluationData = {
  input: { body: { account: "123", amount: 10 }, headers: {}, query_params: {} },
  steps: { credentials: { code: 200, headers: {}, body: { token_type: "Bearer" } } },
};
const scope: ExpressionScope = { stepId: "call", stepsBefore: ["credentials"], data };

// user-event reads "{" as the start of a key name: "{{" types one brace.
const braces = (text: string) => text.replace(/\{/g, "{{");

function Harness({ initial = "" }: { initial?: string }) {
  const [value, setValue] = useState(initial);
  return (
    <ExpressionScopeContext.Provider value={scope}>
      <ExpressionField id="body" label="Conteúdo" multiline value={value} onChange={setValue} />
      <output data-testid="value">{value}</output>
    </ExpressionScopeContext.Provider>
  );
}

function setup(initial?: string) {
  const user = userEvent.setup();
  renderWithProviders(<Harness initial={initial} />);
  const editor = screen.getByRole("combobox", { name: "Conteúdo" }) as HTMLTextAreaElement;
  return { user, editor };
}

const optionLabels = () => within(screen.getByRole("listbox", { name: "Sugestões de expressão" })).getAllByRole("option").map((o) => o.querySelector(".completion-option__label")!.textContent);

describe("multi-line expression editor", () => {
  it("is a multi-line combobox textarea", () => {
    const { editor } = setup();
    expect(editor.tagName).toBe("TEXTAREA");
    expect(editor.getAttribute("aria-multiline")).toBe("true");
    expect(editor.getAttribute("aria-expanded")).toBe("false");
  });

  it("makes a new line with Enter while no suggestion is open, and suggests inside {{ }} on any line", async () => {
    const { user, editor } = setup();
    await user.type(editor, braces('{\n  "account": "{{ .input.bo'));
    expect(editor.value).toBe('{\n  "account": "{{ .input.bo');
    expect(optionLabels()).toEqual([".input.body", ".input.body.account", ".input.body.amount"]);

    await user.keyboard("{ArrowDown}{Enter}");
    expect(editor.value).toBe('{\n  "account": "{{ .input.body.account');
    expect(screen.queryByRole("listbox")).toBeNull();
    expect(editor.selectionStart).toBe(editor.value.length);

    await user.type(editor, braces(' }}"'));
    await user.keyboard("{Enter}}");
    expect(screen.getByTestId("value").textContent).toBe('{\n  "account": "{{ .input.body.account }}"\n}');
  });

  it("accepts with Tab, closes with Esc without letting the key out, and opens again with Ctrl+Space", async () => {
    const { user, editor } = setup();
    const outside = vi.fn();
    document.addEventListener("keydown", outside);
    await user.type(editor, braces("Bearer {{ .steps.credentials.body.tok"));
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("listbox")).toBeNull();
    expect(outside).not.toHaveBeenCalledWith(expect.objectContaining({ key: "Escape" }));
    document.removeEventListener("keydown", outside);

    await user.keyboard("{Control>} {/Control}");
    expect(optionLabels()).toEqual([".steps.credentials.body.token_type"]);
    await user.keyboard("{Tab}");
    expect(editor.value).toBe("Bearer {{ .steps.credentials.body.token_type");
    expect(document.activeElement).toBe(editor);
  });

  it("previews the whole text as it will be sent, keeping its lines", () => {
    setup('{\n  "amount": {{ .input.body.amount }}\n}');
    const preview = screen.getByTestId("expression-preview");
    expect(preview.querySelector("code")!.textContent).toBe('{\n  "amount": 10\n}');
    expect(screen.getByRole("combobox").getAttribute("aria-describedby")).toContain(preview.id);
  });

  it("marks a syntax error on its own line", () => {
    setup('{\n  "account": "{{ .input.body.account }"\n}');
    const excerpt = screen.getByTestId("expression-excerpt");
    expect(excerpt.textContent).toBe('…"{{ .input.body.account }"…');
    expect(excerpt.textContent).not.toContain("\n");
    expect(excerpt.querySelector("mark")!.textContent).toBe("}");
  });
});
