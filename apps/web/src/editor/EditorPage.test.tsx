import type { Execution, Flow } from "@fluxo/contracts";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import i18n from "../i18n/index.js";
import { useEditorStore } from "./store.js";
import { flow } from "./testing/fixtures.js";
import { builtInConnectors, loopFlowDefinition } from "./testing/loopFlow.js";
import { installReactFlowJsdomStubs } from "./testing/reactFlowJsdom.js";
import { addStepByClick, renderEditor } from "./testing/renderEditor.js";

beforeAll(installReactFlowJsdomStubs);

beforeEach(() => {
  useEditorStore.getState().load({ ...flow(), id: "" });
});

// The real canvas, panel and store under jsdom: slower than a unit test.
describe("EditorPage", { timeout: 20_000 }, () => {
  it("adds a step from the palette with the keyboard and opens its panel with the two tabs", async () => {
    const { user } = renderEditor();
    const item = await screen.findByRole("button", { name: "Adicionar BTG-ID" });
    item.focus();
    await user.keyboard("{Enter}");

    const panel = await screen.findByRole("complementary", { name: "credentials" });
    expect(within(panel).getAllByRole("tab").map((tab) => tab.textContent)).toEqual(["Parametrização", "Propriedades"]);
    expect(await screen.findByTestId("step-node-credentials")).toBeTruthy();
    expect(useEditorStore.getState().definition.edges).toEqual([{ source: "trigger", target: "credentials" }]);
  });

  it("renders the operation's fields from the catalog, with visibleWhen, entries and string lists", async () => {
    const { user } = renderEditor();
    const panel = await addStepByClick(user);
    const operation = within(panel).getByLabelText("Operação") as HTMLSelectElement;
    expect(operation.selectedOptions[0]!.textContent).toBe("Obter Credenciais");
    const grantType = within(panel).getByLabelText("Grant Type") as HTMLSelectElement;
    expect(grantType.value).toBe("client_credentials");
    expect(within(panel).queryByLabelText("Código de autorização")).toBeNull();

    const entry = within(panel).getByRole("group", { name: "Entrada 1" });
    for (const label of ["Type", "Resource"]) expect(within(entry).getByLabelText(label)).toBeTruthy();
    expect(within(entry).getByRole("group", { name: "Locations" })).toBeTruthy();
    expect(within(entry).getByLabelText("Type").getAttribute("aria-required")).toBe("true");

    await user.type(within(entry).getByLabelText("Type"), "accounts");
    await user.click(within(entry).getByRole("button", { name: "Adicionar item em Locations" }));
    await user.keyboard("https://api.btg/accounts");
    await user.click(within(entry).getByRole("button", { name: "Adicionar item em Privileges" }));
    await user.keyboard("read{Enter}write");
    expect(useEditorStore.getState().definition.steps[0]!.parameters.authorizationDetails).toEqual([
      { type: "accounts", resource: "", locations: ["https://api.btg/accounts"], privileges: ["read", "write"] },
    ]);

    await user.click(within(panel).getByRole("button", { name: "Adicionar entrada" }));
    expect(within(panel).getByRole("group", { name: "Entrada 2" })).toBeTruthy();

    await user.selectOptions(grantType, "authorization_code");
    expect(within(panel).getByLabelText("Código de autorização")).toBeTruthy();
    expect(within(panel).getByLabelText("Redirect URI")).toBeTruthy();
    expect(within(panel).getByText("Avançado")).toBeTruthy();
  });

  it("switches a string list to a single expression", async () => {
    const { user } = renderEditor();
    const panel = await addStepByClick(user);
    await user.click(within(panel).getByRole("button", { name: "Usar expressão em Locations" }));
    const expression = within(panel).getByLabelText("Locations (expressão)");
    fireEvent.change(expression, { target: { value: "{{ .input.body.locations }}" } });
    expect(useEditorStore.getState().definition.steps[0]!.parameters.authorizationDetails).toEqual([{ type: "", resource: "", locations: "{{ .input.body.locations }}", privileges: [] }]);
  });

  it("picks the only compatible connection, explains a bad step name and renames with the edges", async () => {
    const { user } = renderEditor();
    const panel = await addStepByClick(user);
    await user.click(within(panel).getByRole("tab", { name: "Propriedades" }));
    expect((within(panel).getByLabelText("Conexão") as HTMLSelectElement).value).toBe("conn1");

    const name = within(panel).getByLabelText("ID do passo");
    await user.clear(name);
    await user.type(name, "Token");
    expect(name.getAttribute("aria-invalid")).toBe("true");
    expect(within(panel).getByText(/letras minúsculas/)).toBeTruthy();

    await user.clear(name);
    await user.type(name, "token");
    await waitFor(() => expect(useEditorStore.getState().definition.edges).toEqual([{ source: "trigger", target: "token" }]));
    expect(document.activeElement).toBe(within(screen.getByRole("complementary", { name: "token" })).getByLabelText("ID do passo"));
  });

  it("saves a draft with an empty required field, keeping it highlighted, then saves the finished definition with its version", async () => {
    const { user, requests } = renderEditor();
    const panel = await addStepByClick(user);
    await user.click(screen.getByRole("button", { name: "Salvar" }));
    // An unfinished draft saves; what it lacks stays marked, on the field and the node.
    expect(await screen.findByText(/Rascunho salvo\. 1 passo ainda tem campos a completar/)).toBeTruthy();
    const type = within(panel).getByLabelText("Type");
    expect(type.getAttribute("aria-invalid")).toBe("true");
    expect(requests.filter((r) => r.method === "PUT")).toHaveLength(1);
    expect(screen.getByTestId("step-node-credentials").querySelector(".step-node__warning")).toBeTruthy();
    // The header names the draft by when and by whom it was saved, never by a number.
    expect(screen.getByTestId("save-state").textContent).toMatch(/^Salvo em \d\d\/\d\d \d\d:\d\d por Ana$/);

    await user.type(type, "accounts");
    await user.keyboard("{Control>}s{/Control}");
    await waitFor(() => expect(requests.filter((r) => r.method === "PUT")).toHaveLength(2));
    const put = requests.filter((r) => r.method === "PUT")[1]!.body as { version: number; definition: Flow["definition"] };
    expect(put.version).toBe(2);
    expect(put.definition.steps[0]!.parameters.authorizationDetails).toEqual([{ type: "accounts", resource: "", locations: [], privileges: [] }]);
    expect(await screen.findByText("Fluxo salvo")).toBeTruthy();
  });

  it("shows an expression's syntax error at once, counts it on the node, and saves the draft anyway", async () => {
    const { user, requests } = renderEditor();
    const panel = await addStepByClick(user);
    const type = within(panel).getByLabelText("Type");
    fireEvent.change(type, { target: { value: "{{ .input.body.type }" } });

    expect(within(panel).getByText("coluna 21: esperava '}}'")).toBeTruthy();
    expect(type.getAttribute("aria-invalid")).toBe("true");
    expect(within(panel).getByTestId("expression-excerpt").querySelector("mark")!.textContent).toBe("}");
    const warning = screen.getByTestId("step-node-credentials").querySelector(".step-node__warning")!;
    expect(warning.getAttribute("aria-label")).toBe("1 problema neste passo");

    fireEvent.change(within(panel).getByLabelText("Resource"), { target: { value: "{{ .steps.nope.body }}" } });
    expect(within(panel).getByText(/nenhum passo anterior se chama "nope"/)).toBeTruthy();
    expect(warning.getAttribute("aria-label")).toBe("2 problemas neste passo");

    // An expression still being written doesn't hold the draft back: it saves, still marked.
    await user.click(screen.getByRole("button", { name: "Salvar" }));
    expect(await screen.findByText(/Rascunho salvo\. 1 passo ainda tem campos a completar/)).toBeTruthy();
    expect(requests.some((r) => r.method === "PUT")).toBe(true);
    expect(warning.getAttribute("aria-label")).toBe("2 problemas neste passo");
  });

  it("paints an execution on the definition it ran, and says which version when the draft differs", async () => {
    const draftStep = { id: "credentials", connector: "btg-id", operation: "get-credentials", connectionId: "conn1", description: "", parameters: {}, position: { x: 300, y: 120 } };
    const ranStep = { ...draftStep, id: "old_step", parameters: { authorizationDetails: [{ type: "account" }] } };
    const current = flow({ version: 3, definition: { trigger: { position: { x: 0, y: 120 } }, steps: [draftStep], edges: [{ source: "trigger", target: "credentials" }] } });
    const execution: Execution = {
      id: "ex1",
      flowId: "flow1",
      flowVersion: 2,
      draft: true,
      // Saved at 17:36 on 06/12 wherever the test runs (the label is in the person's time zone).
      draftSavedAt: new Date(2026, 11, 6, 17, 36).toISOString(),
      triggerSource: "editor",
      // Keys in another order, as they come back from the database.
      definition: { edges: [{ target: "old_step", source: "trigger" }], steps: [ranStep], trigger: { position: { y: 120, x: 0 } } },
      status: "succeeded",
      startedAt: "2026-01-01T10:00:00.000Z",
      finishedAt: "2026-01-01T10:00:00.200Z",
      durationMs: 200,
      createdAt: "2026-01-01T10:00:00.000Z",
      input: { body: null, headers: {}, query_params: {} },
      error: null,
      steps: [],
      rerunOf: null,
      reruns: [],
      testedAgainst: null,
    };
    renderEditor({ flow: current, initialEntry: "/fluxos/flow1?execucao=ex1", more: { "GET /api/executions/ex1": { body: execution } } });

    expect(await screen.findByTestId("step-node-old_step")).toBeTruthy();
    expect(screen.queryByTestId("step-node-credentials")).toBeNull();
    expect(screen.getByTestId("execution-version").textContent).toBe("Esta execução rodou: rascunho de 06/12 17:36");
    // The draft's problems (its step has no Authorization Details) are not the execution's.
    expect(screen.getByTestId("step-node-old_step").querySelector(".step-node__warning")).toBeNull();

    await userEvent.setup().click(screen.getByRole("button", { name: "Voltar à edição" }));
    expect(await screen.findByTestId("step-node-credentials")).toBeTruthy();
    expect(screen.queryByTestId("step-node-old_step")).toBeNull();
  });

  it("says nothing about versions when the execution ran the draft", async () => {
    const definition: Flow["definition"] = { trigger: { position: { x: 0, y: 120 } }, steps: [], edges: [] };
    const execution = { id: "ex1", flowId: "flow1", flowVersion: 1, draft: true, draftSavedAt: "2026-12-06T17:36:00.000Z", triggerSource: "editor", definition, status: "succeeded", startedAt: null, finishedAt: null, durationMs: null, createdAt: "2026-01-01T10:00:00.000Z", input: { body: null, headers: {}, query_params: {} }, error: null, steps: [], rerunOf: null, reruns: [], testedAgainst: null } satisfies Execution;
    renderEditor({ flow: flow({ definition }), initialEntry: "/fluxos/flow1?execucao=ex1", more: { "GET /api/executions/ex1": { body: execution } } });
    expect(await screen.findByTestId("execution-bar")).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId("execution-bar").textContent).toContain("Sucesso"));
    expect(screen.queryByTestId("execution-version")).toBeNull();
  });

  it("asks before starting a second run while the one shown is still going, and starts it only when told to", async () => {
    const step = { id: "credentials", connector: "btg-id", operation: "get-credentials", connectionId: "conn1", description: "", parameters: { grantType: "client_credentials", authorizationDetails: [{ type: "accounts" }] }, position: { x: 300, y: 120 } };
    const definition: Flow["definition"] = { trigger: { position: { x: 0, y: 120 } }, steps: [step], edges: [{ source: "trigger", target: "credentials" }] };
    const running = { id: "ex1", flowId: "flow1", flowVersion: 1, draft: true, draftSavedAt: "2026-12-06T17:36:00.000Z", triggerSource: "editor", definition, status: "running", startedAt: "2026-01-01T10:00:00.000Z", finishedAt: null, durationMs: null, createdAt: "2026-01-01T10:00:00.000Z", input: { body: null, headers: {}, query_params: {} }, error: null, steps: [], rerunOf: null, reruns: [], testedAgainst: null } satisfies Execution;
    let started = 0;
    const { user } = renderEditor({
      flow: flow({ definition }),
      initialEntry: "/fluxos/flow1?execucao=ex1",
      more: {
        "GET /api/executions/ex1": { body: running },
        // The run goes on: its stream sends nothing yet.
        "GET /api/executions/ex1/events": () => new Promise<never>(() => {}),
        "POST /api/flows/flow1/executions": () => ({ status: 202, body: { executionId: `ex${++started + 1}` } }),
      },
    });
    await waitFor(() => expect(screen.getByTestId("execution-bar").textContent).toContain("Executando"));

    await user.click(screen.getByRole("button", { name: "Executar" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Uma execução ainda está em andamento" });
    expect(dialog.textContent).toContain("A execução ex1 ainda não terminou");
    await user.click(within(dialog).getByRole("button", { name: "Continuar acompanhando" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(started).toBe(0);

    await user.click(screen.getByRole("button", { name: "Executar" }));
    await user.click(within(await screen.findByRole("alertdialog")).getByRole("button", { name: "Iniciar outra execução" }));
    await waitFor(() => expect(started).toBe(1));
  });

  it("takes a run's refusal away when the draft is saved or run again: the stale error never sits under a success", async () => {
    const refusal = { status: 422, body: { type: "about:blank", title: "Unprocessable", status: 422, detail: "unfinished", errors: [{ path: "definition.steps.0.parameters.authorizationDetails.0.type", message: "Preencha este campo.", stepId: "credentials", field: "authorizationDetails.0.type" }] } };
    let runs = 0;
    // Refused twice, then accepted and still starting (the answer never comes).
    const start = () => (++runs <= 2 ? refusal : new Promise<never>(() => {}));
    const { user } = renderEditor({ more: { "POST /api/flows/flow1/executions": start } });
    const panel = await addStepByClick(user);
    const notifications = within(screen.getByRole("region", { name: /notifica/i }));
    await user.click(screen.getByRole("button", { name: "Salvar e executar" }));
    expect(await notifications.findByText(/^Não é possível executar: 1 passo/)).toBeTruthy();

    await user.type(within(panel).getByLabelText("Type"), "accounts");
    await user.click(screen.getByRole("button", { name: "Salvar" }));
    expect(await notifications.findByText("Fluxo salvo")).toBeTruthy();
    expect(notifications.queryByText(/^Não é possível executar/)).toBeNull();

    await user.click(screen.getByRole("button", { name: "Executar" }));
    expect(await notifications.findByText(/^Não é possível executar: 1 passo/)).toBeTruthy();
    // The next run starts: the refusal of the one before is old news.
    await user.click(screen.getByRole("button", { name: "Executar" }));
    await waitFor(() => expect(runs).toBe(3));
    expect(notifications.queryByText(/^Não é possível executar/)).toBeNull();
  });

  it("tells a problem only the server finds in the language the app is in now, not the one of the save", async () => {
    const gone = { path: "definition.steps.0.connectionId", message: "a conexão escolhida não existe mais; escolha outra em Propriedades", stepId: "credentials", field: "connectionId", messageCode: "definition.connection_gone" };
    const { user } = renderEditor({ put: (r) => ({ body: { ...flow(), ...(r.body as object), version: 2, problems: [gone] } }) });
    const panel = await addStepByClick(user);
    await user.type(within(panel).getByLabelText("Type"), "accounts");
    await user.click(screen.getByRole("button", { name: "Salvar" }));
    await screen.findByText(/Rascunho salvo\. 1 passo ainda tem campos a completar/);
    await user.click(within(panel).getByRole("tab", { name: /Propriedades/ }));
    expect(within(panel).getByText(/a conexão escolhida não existe mais/)).toBeTruthy();

    await act(() => i18n.changeLanguage("en"));
    try {
      expect(within(panel).getByText(/the chosen connection no longer exists; choose another in Properties/)).toBeTruthy();
      expect(within(panel).queryByText(/a conexão escolhida não existe mais/)).toBeNull();
    } finally {
      await act(() => i18n.changeLanguage("pt-BR"));
    }
  });

  it("marks the fields a 422 names and keeps the edits", async () => {
    const { user } = renderEditor({
      put: () => ({
        status: 422,
        body: {
          type: "about:blank",
          title: "Unprocessable",
          status: 422,
          detail: "invalid flow",
          errors: [{ path: "definition.steps.0.parameters.authorizationDetails.0.resource", message: "unknown resource", stepId: "credentials", field: "authorizationDetails.0.resource" }],
        },
      }),
    });
    const panel = await addStepByClick(user);
    await user.type(within(panel).getByLabelText("Type"), "accounts");
    await user.type(within(panel).getByLabelText("Resource"), "nope");
    await user.click(screen.getByRole("button", { name: "Salvar" }));
    await waitFor(() => expect(within(panel).getByLabelText("Resource").getAttribute("aria-invalid")).toBe("true"));
    expect(within(panel).getByText("unknown resource")).toBeTruthy();
    expect(screen.getByText("Alterações não salvas")).toBeTruthy();
    expect(useEditorStore.getState().definition.steps[0]!.parameters.authorizationDetails).toMatchObject([{ type: "accounts", resource: "nope" }]);
  });

  it("says so on a 409 and offers to reload", async () => {
    const { user } = renderEditor({ put: () => ({ status: 409, body: { type: "about:blank", title: "Conflict", status: 409, detail: "stale" } }) });
    const panel = await addStepByClick(user);
    await user.type(within(panel).getByLabelText("Type"), "accounts");
    await user.click(screen.getByRole("button", { name: "Salvar" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Este fluxo mudou em outro lugar" });
    expect(within(dialog).getByRole("button", { name: "Recarregar" })).toBeTruthy();
  });

  it("undoes and redoes with the keyboard", async () => {
    const { user } = renderEditor();
    await addStepByClick(user);
    act(() => (document.activeElement as HTMLElement | null)?.blur());
    await user.keyboard("{Control>}z{/Control}");
    expect(useEditorStore.getState().definition.steps).toHaveLength(0);
    await user.keyboard("{Control>}{Shift>}z{/Shift}{/Control}");
    expect(useEditorStore.getState().definition.steps).toHaveLength(1);
  });

  it("doesn't offer to run a published version it shows: Executar and the payload run the draft, and say so", async () => {
    const definition = loopFlowDefinition();
    const version = { number: 1, note: "", draftVersion: 1, publishedAt: "2026-12-07T19:37:00.000Z", publishedBy: { id: "u1", name: "Ana" }, flowId: "flow1", definition };
    const { requests } = renderEditor({
      flow: flow({ definition, publishedVersion: 1 }),
      connectors: builtInConnectors,
      connections: [],
      initialEntry: "/fluxos/flow1?versao=1",
      more: { "GET /api/flows/flow1/versions/1": { body: version } },
    });
    expect(await screen.findByTestId("version-bar")).toBeTruthy();
    const run = screen.getByRole("button", { name: "Executar" }) as HTMLButtonElement;
    expect(run.disabled).toBe(true);
    const why = "Executar roda o rascunho, não a versão v1 mostrada. Volte ao rascunho para executar.";
    // (Once the session says who is looking: a viewer is told about their role instead.)
    await waitFor(() => expect(run.getAttribute("title")).toBe(why));
    expect(run.getAttribute("aria-description")).toBe(why);
    const payload = screen.getByRole("button", { name: "Payload de entrada" }) as HTMLButtonElement;
    expect(payload.disabled).toBe(true);
    expect(payload.getAttribute("aria-description")).toMatch(/executa o rascunho, não a versão v1/);
    expect(requests.some((r) => r.method === "POST")).toBe(false);

    // Back on the draft, both run it again.
    await userEvent.setup().click(screen.getByRole("button", { name: "Voltar ao rascunho" }));
    await waitFor(() => expect((screen.getByRole("button", { name: "Executar" }) as HTMLButtonElement).disabled).toBe(false));
    expect(screen.getByRole("button", { name: "Executar" }).getAttribute("aria-description")).toBeNull();
  });
});
