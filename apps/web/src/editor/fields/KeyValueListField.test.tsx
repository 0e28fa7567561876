import type { EvaluationData } from "@fluxo/expressions";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useMemo, useState } from "react";
import { describe, expect, it } from "vitest";
import { renderWithProviders } from "../../ui/testing.js";
import { ExpressionScopeContext, type ExpressionScope } from "../expressions/ExpressionScope.js";
import { defaultValues, pathKey, setAt, type Values } from "../parameters.js";
import { btgIdConnector, httpConnector } from "../testing/fixtures.js";
import { isKeyValueList } from "./KeyValueListField.js";
import { ParameterFields } from "./ParameterFields.js";
import { ParameterFormContext, type ParameterForm } from "./ParameterFormContext.js";

const httpFields = httpConnector.operations[0]!.fields;
const data: EvaluationData = { input: { body: { tenant: "acme" }, headers: {}, query_params: {} }, steps: {} };
const scope: ExpressionScope = { stepId: "request", stepsBefore: [], data };

/** The HTTP operation's form over local state; `errors` by dotted path stand in for validation. */
function Harness({ initial, errors = {} }: { initial: Values; errors?: Record<string, string> }) {
  const [values, setValues] = useState(initial);
  const form = useMemo<ParameterForm>(
    () => ({
      idPrefix: "step-request",
      errorAt: (key) => errors[key],
      hasErrorWithin: (key) => Object.keys(errors).some((path) => path.startsWith(key)),
      setValue: (path, value) => setValues((current) => setAt(current, path, value)),
      touch: () => {},
    }),
    [errors],
  );
  return (
    <ParameterFormContext.Provider value={form}>
      <ExpressionScopeContext.Provider value={scope}>
        <ParameterFields fields={httpFields} values={values} path={[]} />
        <output data-testid="values">{JSON.stringify(values)}</output>
      </ExpressionScopeContext.Provider>
    </ParameterFormContext.Provider>
  );
}

function setup(initial: Values = defaultValues(httpFields), errors?: Record<string, string>) {
  const user = userEvent.setup();
  renderWithProviders(<Harness initial={initial} errors={errors} />);
  const values = () => JSON.parse(screen.getByTestId("values").textContent!) as Values;
  return { user, values, headers: () => screen.getByRole("group", { name: "Cabeçalhos" }) };
}

describe("key/value lists", () => {
  it("are the object lists of exactly two one-line fields; Authorization Details stays a list of entries", () => {
    expect(httpFields.filter(isKeyValueList).map((f) => f.key)).toEqual(["query", "headers", "form"]);
    expect(btgIdConnector.operations[0]!.fields.some(isKeyValueList)).toBe(false);
  });

  it("start empty, saying so, and add a row of two named inputs side by side", async () => {
    const { user, values, headers } = setup();
    expect(values()).toMatchObject({ query: [], headers: [], pagination: { mode: "none" } });
    expect(within(headers()).getByText("Nenhuma entrada.")).toBeTruthy();

    await user.click(within(headers()).getByRole("button", { name: "Adicionar item em Cabeçalhos" }));
    const name = within(headers()).getByRole("textbox", { name: "Nome 1" });
    const value = within(headers()).getByRole("combobox", { name: "Valor 1" });
    expect(document.activeElement).toBe(name);
    expect(name.closest("li")).toBe(value.closest("li"));
    expect(within(name.closest("li")!).getByRole("button", { name: "Remover Cabeçalhos 1" })).toBeTruthy();
    // The column headers are for the eye; each input carries its own name.
    const head = headers().querySelector(".kv-list__head")!;
    expect(head.getAttribute("aria-hidden")).toBe("true");
    expect(head.textContent).toBe("Nome*Valor");
    expect(within(headers()).queryByText("Nenhuma entrada.")).toBeNull();
  });

  it("moves with Enter from name to value, and from the last value to a new row", async () => {
    const { user, values, headers } = setup();
    await user.click(within(headers()).getByRole("button", { name: "Adicionar item em Cabeçalhos" }));
    await user.keyboard("x-tenant{Enter}acme{Enter}");
    expect(document.activeElement).toBe(within(headers()).getByRole("textbox", { name: "Nome 2" }));
    await user.keyboard("accept{Enter}application/json");
    expect(values().headers).toEqual([
      { name: "x-tenant", value: "acme" },
      { name: "accept", value: "application/json" },
    ]);
  });

  it("removes rows down to none, focusing what comes next", async () => {
    const { user, values, headers } = setup({ headers: [{ name: "a", value: "1" }, { name: "b", value: "2" }] });
    await user.click(within(headers()).getByRole("button", { name: "Remover Cabeçalhos 1" }));
    expect(values().headers).toEqual([{ name: "b", value: "2" }]);
    expect(document.activeElement).toBe(within(headers()).getByRole("textbox", { name: "Nome 1" }));
    expect((document.activeElement as HTMLInputElement).value).toBe("b");

    await user.click(within(headers()).getByRole("button", { name: "Remover Cabeçalhos 1" }));
    expect(values().headers).toEqual([]);
    expect(within(headers()).getByText("Nenhuma entrada.")).toBeTruthy();
    expect(document.activeElement).toBe(within(headers()).getByRole("button", { name: "Adicionar item em Cabeçalhos" }));
  });

  it("keeps the expression editor in a value cell: suggestions inside {{ }} and the preview under the row", async () => {
    const { user, headers } = setup({ headers: [{ name: "x-tenant" }] });
    const value = within(headers()).getByRole("combobox", { name: "Valor 1" });
    await user.type(value, "{{{{ .input.body.te");
    expect(within(screen.getByRole("listbox")).getAllByRole("option").map((o) => o.querySelector(".completion-option__label")!.textContent)).toEqual([".input.body.tenant"]);
    await user.keyboard("{Enter} }}");
    const preview = within(headers()).getByTestId("expression-preview");
    expect(preview.textContent).toBe("Prévia · textoacme");
    expect(value.getAttribute("aria-describedby")).toBe(preview.id);
  });

  it("shows a cell's problem under its row, tied to the input", () => {
    const id = "step-request-headers.0.name";
    setup({ headers: [{ value: "1" }] }, { [pathKey(["headers", 0, "name"])]: "Preencha este campo." });
    const name = screen.getByRole("textbox", { name: "Nome 1" });
    expect(name.getAttribute("aria-invalid")).toBe("true");
    expect(name.getAttribute("aria-describedby")).toBe(`${id}-error`);
    expect(document.getElementById(`${id}-error`)!.textContent).toBe("Nome: Preencha este campo.");
  });

  it("shows the body as a multi-line expression editor or as form rows, following the body type", async () => {
    const { user } = setup();
    expect(screen.queryByRole("combobox", { name: "Corpo" })).toBeNull();
    await user.selectOptions(screen.getByLabelText("Tipo do corpo"), "json");
    expect(screen.getByRole("combobox", { name: "Corpo" }).tagName).toBe("TEXTAREA");
    await user.selectOptions(screen.getByLabelText("Tipo do corpo"), "form");
    expect(screen.queryByRole("combobox", { name: "Corpo" })).toBeNull();
    expect(within(screen.getByRole("group", { name: "Campos do formulário" })).getByText("Nenhuma entrada.")).toBeTruthy();
  });
});

describe("a group field (Paginação)", () => {
  it("shows its own fields under its legend, following their visibleWhen, and writes inside its object", async () => {
    const { user, values } = setup();
    const group = screen.getByRole("group", { name: "Paginação" });
    expect(within(group).getByLabelText("Modo de paginação")).toBeTruthy();
    expect(within(group).queryByLabelText("Parâmetro da página")).toBeNull();

    await user.selectOptions(within(group).getByLabelText("Modo de paginação"), "page");
    await user.type(within(group).getByLabelText("Parâmetro da página"), "pageNumber");
    expect(values().pagination).toEqual({ mode: "page", parameter: "pageNumber" });
  });

  it("says an expression evaluated on each answer has no preview here, instead of failing on .response", () => {
    setup({ pagination: { mode: "next-url", next: "{{ .response.body.next }}" } });
    const next = screen.getByRole("combobox", { name: "Próxima URL" });
    const note = screen.getByTestId("expression-preview");
    expect(note.textContent).toContain("o passo avalia esta expressão em cada resposta (.response é a resposta da vez)");
    expect(next.getAttribute("aria-describedby")).toContain(note.id);
  });
});
