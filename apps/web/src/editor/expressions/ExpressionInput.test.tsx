import type { EvaluationData } from "@fluxo/expressions";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { renderWithProviders } from "../../ui/testing.js";
import { ExpressionField } from "./ExpressionField.js";
import { ExpressionInput } from "./ExpressionInput.js";
import { ExpressionScopeContext, type ExpressionScope } from "./ExpressionScope.js";

const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkZW1vLWNsaWVudCJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg";

const data: EvaluationData = {
  input: { body: { locations: ["https://api.btg/a"], account: "123" }, headers: {}, query_params: {} },
  steps: { credentials: { code: 200, headers: { "content-type": "application/json" }, body: { access_token: JWT, token_type: "Bearer", expires_in: 86400 } } },
};
const scope: ExpressionScope = { stepId: "second", stepsBefore: ["credentials"], data };

// user-event reads "{" as the start of a key name: "{{" types one brace.
const braces = (text: string) => text.replace(/\{/g, "{{");

function Harness({ initial = "", onKeyDown, field = false }: { initial?: string; onKeyDown?: () => void; field?: boolean }) {
  const [value, setValue] = useState(initial);
  return (
    <ExpressionScopeContext.Provider value={scope}>
      {field ? (
        <ExpressionField id="resource" label="Resource" value={value} onChange={setValue} />
      ) : (
        <>
          <label htmlFor="resource">Resource</label>
          <ExpressionInput id="resource" value={value} onValueChange={setValue} onKeyDown={onKeyDown} />
        </>
      )}
      <output data-testid="value">{value}</output>
    </ExpressionScopeContext.Provider>
  );
}

function setup(props: Parameters<typeof Harness>[0] = {}) {
  const user = userEvent.setup();
  renderWithProviders(<Harness {...props} />);
  const input = screen.getByRole("combobox", { name: "Resource" }) as HTMLInputElement;
  return { user, input };
}

const optionLabels = () => within(screen.getByRole("listbox", { name: "Sugestões de expressão" })).getAllByRole("option").map((o) => o.querySelector(".completion-option__label")!.textContent);

describe("ExpressionInput suggestions", () => {
  it("opens on {{ with the input paths, the earlier steps and the functions, as a combobox", async () => {
    const { user, input } = setup();
    expect(input.getAttribute("aria-expanded")).toBe("false");
    await user.type(input, braces("{{"));

    const listbox = screen.getByRole("listbox", { name: "Sugestões de expressão" });
    expect(input.getAttribute("aria-expanded")).toBe("true");
    expect(input.getAttribute("aria-controls")).toBe(listbox.id);
    const labels = optionLabels();
    expect(labels.slice(0, 4)).toEqual([".input", ".input.body", ".input.headers", ".input.query_params"]);
    expect(labels).toContain(".steps.credentials");
    expect(labels).toContain("toJson");
    // Only steps that run before this one: never the step itself.
    expect(labels.some((label) => label?.includes(".steps.second"))).toBe(false);
    const first = within(listbox).getAllByRole("option")[0]!;
    expect(input.getAttribute("aria-activedescendant")).toBe(first.id);
    expect(first.getAttribute("aria-selected")).toBe("true");
  });

  it("moves with the arrows (wrapping), accepts with Enter and puts the caret after the choice", async () => {
    const { user, input } = setup();
    await user.type(input, braces("{{ .steps.cre"));
    expect(optionLabels()).toEqual([".steps.credentials", ".steps.credentials.code", ".steps.credentials.headers", ".steps.credentials.body"]);

    await user.keyboard("{ArrowUp}");
    const options = screen.getAllByRole("option");
    expect(input.getAttribute("aria-activedescendant")).toBe(options[3]!.id);
    await user.keyboard("{ArrowDown}");
    expect(input.getAttribute("aria-activedescendant")).toBe(options[0]!.id);
    await user.keyboard("{Enter}");

    expect(input.value).toBe("{{ .steps.credentials");
    expect(screen.queryByRole("listbox")).toBeNull();
    expect(input.selectionStart).toBe(input.value.length);
  });

  it("walks the last execution's result paths, showing the kind of value and never the value", async () => {
    const { user, input } = setup();
    await user.type(input, braces("{{ .steps.credentials.body."));
    expect(optionLabels()).toEqual([".steps.credentials.body.access_token", ".steps.credentials.body.token_type", ".steps.credentials.body.expires_in"]);
    const listbox = screen.getByRole("listbox");
    expect(listbox.textContent).toContain("texto");
    expect(listbox.textContent).toContain("número");
    expect(document.body.textContent).not.toContain(JWT);

    await user.type(input, "tok");
    await user.keyboard("{Tab}");
    expect(input.value).toBe("{{ .steps.credentials.body.token_type");
    expect(input).toHaveProperty("ownerDocument.activeElement", input);
  });

  it("offers functions after a pipe, and a click chooses one", async () => {
    const { user, input } = setup();
    await user.type(input, braces("{{ .input.body.account | up"));
    expect(optionLabels()).toEqual(["upper"]);
    await user.click(screen.getByRole("option", { name: /upper/ }));
    expect(input.value).toBe("{{ .input.body.account | upper");
  });

  it("closes with Esc without letting the key reach what is around, and Ctrl+Space opens it again", async () => {
    const { user, input } = setup();
    const outside = vi.fn();
    document.addEventListener("keydown", outside);
    await user.type(input, braces("{{ .inp"));
    expect(screen.getByRole("listbox")).toBeTruthy();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("listbox")).toBeNull();
    expect(outside).not.toHaveBeenCalledWith(expect.objectContaining({ key: "Escape" }));
    document.removeEventListener("keydown", outside);

    await user.keyboard("{Control>} {/Control}");
    // The payload's own keys come along.
    expect(optionLabels()).toEqual([".input", ".input.body", ".input.headers", ".input.query_params", ".input.body.locations", ".input.body.account"]);
  });

  it("stays closed outside an action and hands other keys on", async () => {
    const onKeyDown = vi.fn();
    const { user, input } = setup({ onKeyDown });
    await user.type(input, "conta-123");
    expect(screen.queryByRole("listbox")).toBeNull();
    await user.keyboard("{Control>} {/Control}");
    expect(screen.queryByRole("listbox")).toBeNull();
    await user.keyboard("{Enter}");
    expect(onKeyDown).toHaveBeenCalledWith(expect.objectContaining({ key: "Enter" }));
  });
});

describe("ExpressionField", () => {
  it("previews the value as it is typed, as JSON for a list", async () => {
    const { user, input } = setup({ field: true });
    await user.type(input, braces("{{ .input.body.locations }}"));
    const preview = screen.getByTestId("expression-preview");
    expect(preview.textContent).toBe('Prévia · lista["https://api.btg/a"]');
    expect(input.getAttribute("aria-describedby")).toContain(preview.id);
  });

  it("masks a token in the preview", async () => {
    const { input } = setup({ field: true, initial: "{{ .steps.credentials.body.access_token }}" });
    expect(screen.getByTestId("expression-preview").textContent).toMatch(/Prévia · textoeyJhbGci•+/);
    expect(document.body.textContent).not.toContain(JWT);
    expect(input.value).toContain(".access_token");
  });

  it("marks where a syntax error is", () => {
    setup({ field: true, initial: "{{ .input.body.account }" });
    const excerpt = screen.getByTestId("expression-excerpt");
    expect(excerpt.querySelector("mark")!.textContent).toBe("}");
    expect(excerpt.textContent).toBe("{{ .input.body.account }");
    expect(screen.queryByTestId("expression-preview")).toBeNull();
  });

  it("previews a URL or JSON field's value as the step will send it: each value encoded for where it lands", () => {
    const values: EvaluationData = { input: { body: { conta: "12 34/../x", q: "a&b=c", nome: 'Ana "A"' }, headers: {}, query_params: {} }, steps: {} };
    const { unmount } = renderWithProviders(
      <ExpressionScopeContext.Provider value={{ ...scope, data: values }}>
        <ExpressionField id="url" label="URL" format="url" value="https://api.example.com/contas/{{ .input.body.conta }}?q={{ .input.body.q }}" onChange={() => {}} />
        <ExpressionField id="body" label="Corpo" format="json" multiline value={'{"nome": "{{ .input.body.nome }}"}'} onChange={() => {}} />
        <ExpressionField id="text" label="Texto" value="/contas/{{ .input.body.conta }}" onChange={() => {}} />
      </ExpressionScopeContext.Provider>,
    );
    const [url, body, text] = screen.getAllByTestId("expression-preview").map((preview) => preview.querySelector("code")!.textContent);
    expect(url).toBe("https://api.example.com/contas/12%2034%2F..%2Fx?q=a%26b%3Dc");
    expect(body).toBe('{"nome": "Ana \\"A\\""}');
    // A plain text field shows values as they render.
    expect(text).toBe("/contas/12 34/../x");
    unmount();
  });

  it("says when a step has no execution data yet, and shows evaluation errors", () => {
    const { unmount } = renderWithProviders(
      <ExpressionScopeContext.Provider value={{ ...scope, data: { ...data, steps: {} } }}>
        <ExpressionField id="a" label="A" value="{{ .steps.credentials.code }}" onChange={() => {}} />
        <ExpressionField id="b" label="B" value="{{ .input.body.agencia }}" onChange={() => {}} />
      </ExpressionScopeContext.Provider>,
    );
    const [noData, failed] = screen.getAllByTestId("expression-preview");
    expect(noData!.textContent).toContain("sem dados de execução ainda");
    expect(failed!.textContent).toContain("coluna 4: .input.body.agencia não existe");
    unmount();
  });
});
