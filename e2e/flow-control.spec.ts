import type { Locator, Page } from "@playwright/test";
import { SANDBOX_URL } from "./env.js";
import { expect, test } from "./fixtures.js";
import { createFlow, expectNoHorizontalOverflow, shot, stepNode, stepPanel, unique } from "./helpers.js";

// The API shapes this spec writes (e2e has no workspace dependencies; see packages/contracts).
interface FlowStep {
  id: string;
  connector: string;
  operation: string;
  connectionId: null;
  description: string;
  parameters: Record<string, unknown>;
  position: { x: number; y: number };
  retry?: { maxAttempts: number; backoffMs: number; maxDelayMs: number };
}
interface FlowEdge {
  source: string;
  target: string;
  port?: string;
}
interface FlowDefinition {
  trigger: { position: { x: number; y: number } };
  steps: FlowStep[];
  edges: FlowEdge[];
}

const step = (id: string, connector: string, operation: string, parameters: Record<string, unknown>, x: number, y: number): FlowStep => ({
  id,
  connector,
  operation,
  connectionId: null,
  description: "",
  parameters,
  position: { x, y },
});
const transform = (id: string, fields: Record<string, string>, x: number, y: number) =>
  step(id, "transform", "map", { fields: Object.entries(fields).map(([name, value]) => ({ name, value })) }, x, y);
const flow = (steps: FlowStep[], edges: FlowEdge[]): FlowDefinition => ({ trigger: { position: { x: 0, y: 120 } }, steps, edges });

/** Runs the flow with `body` as the input, through the "Payload de entrada" dialog. */
async function runWith(page: Page, body: unknown): Promise<void> {
  await page.getByRole("button", { name: "Payload de entrada" }).click();
  const dialog = page.getByRole("dialog", { name: "Payload de entrada" });
  await dialog.getByLabel("Entrada (JSON)").fill(JSON.stringify({ body }));
  await dialog.getByRole("button", { name: "Executar" }).click();
  await expect(dialog).toBeHidden();
}

/** Drags from a port's handle to the target handle of a step, as a person links them. */
async function link(page: Page, from: Locator, to: Locator): Promise<void> {
  const start = (await from.boundingBox())!;
  const end = (await to.locator(".react-flow__handle.target").boundingBox())!;
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
  await page.mouse.down();
  await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, { steps: 8 });
  await page.mouse.up();
}

async function backToEditing(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Voltar à edição" }).click();
}

test("a condition's two ports linked on the canvas: each input takes one branch, the other is drawn skipped", async ({ page, request }) => {
  const created = await createFlow(
    request,
    `Condição ${unique()}`,
    flow(
      [
        step("maior", "condition", "if", { conditions: [{ type: "number", left: "{{ .input.body.valor }}", operator: "greaterThan", right: "100" }], combine: "and" }, 300, 120),
        transform("alto", { faixa: "alta" }, 700, 0),
        transform("baixo", { faixa: "baixa" }, 700, 260),
      ],
      [{ source: "trigger", target: "maior" }],
    ),
  );
  await page.goto(`/fluxos/${created.id}`);
  // The palette's second group (its headings are drawn in capitals).
  await expect(page.getByRole("heading", { name: /controle de fluxo/i })).toBeVisible();
  await expect(page.getByRole("button", { name: "Adicionar Condição" })).toBeVisible();

  // Its form comes from the connector's metadata: typed condition rows.
  await stepNode(page, "maior").click();
  const form = stepPanel(page, "maior");
  await expect(form.getByLabel("Tipo", { exact: true })).toHaveValue("number");
  await expect(form.getByLabel("Operador", { exact: true })).toHaveValue("greaterThan");
  await shot(page, "flow-control-00-condition-form");
  await page.keyboard.press("Escape");

  const condition = stepNode(page, "maior");
  await expect(condition.getByText("Verdadeiro")).toBeVisible();
  await expect(condition.getByText("Falso")).toBeVisible();
  await link(page, page.getByTestId("port-maior-true"), stepNode(page, "alto"));
  await link(page, page.getByTestId("port-maior-false"), stepNode(page, "baixo"));
  await expect(page.locator(".react-flow__edge")).toHaveCount(3);
  await expect(page.locator(".react-flow__edge-textwrapper", { hasText: "Verdadeiro" })).toBeVisible();
  await expect(page.locator(".react-flow__edge-textwrapper", { hasText: "Falso" })).toBeVisible();
  await shot(page, "flow-control-01-condition-ports");
  await expectNoHorizontalOverflow(page);

  await page.getByRole("button", { name: "Salvar", exact: true }).click();
  await expect(page.getByTestId("save-state")).toHaveText(/Salvo/);
  const saved = (await (await request.get(`/api/flows/${created.id}`)).json()) as { definition: FlowDefinition };
  expect(saved.definition.edges).toEqual(expect.arrayContaining([{ source: "maior", target: "alto", port: "true" }, { source: "maior", target: "baixo", port: "false" }]));

  await runWith(page, { valor: 150 });
  await expect(page.getByTestId("execution-bar")).toContainText("Sucesso");
  await expect(stepNode(page, "alto").getByText("Sucesso")).toBeVisible();
  await expect(stepNode(page, "baixo").getByText("Ignorado")).toBeVisible();
  await expect(stepNode(page, "baixo")).toHaveClass(/step-node--skipped/);
  await shot(page, "flow-control-02-true-branch");

  await backToEditing(page);
  await runWith(page, { valor: 50 });
  await expect(stepNode(page, "baixo").getByText("Sucesso")).toBeVisible();
  await expect(stepNode(page, "alto").getByText("Ignorado")).toBeVisible();
  await shot(page, "flow-control-03-false-branch");
});

test("a loop over a list from the payload: the branch runs per item and done gets every result", async ({ page, request }) => {
  const created = await createFlow(
    request,
    `Loop ${unique()}`,
    flow(
      [
        step("itens", "loop", "for-each", { items: "{{ .input.body.pedidos }}" }, 300, 120),
        transform("linha", { "pedido.id": "{{ .steps.itens.body.item.id }}", "pedido.ordem": "{{ .steps.itens.body.index }}" }, 700, 0),
        transform("resumo", { linhas: "{{ .steps.itens.body.results }}" }, 700, 260),
      ],
      [
        { source: "trigger", target: "itens" },
        { source: "itens", target: "linha", port: "each" },
        { source: "itens", target: "resumo", port: "done" },
      ],
    ),
  );
  await page.goto(`/fluxos/${created.id}`);
  await expect(page.locator(".react-flow__edge-textwrapper", { hasText: "Cada item" })).toBeVisible();
  await expect(page.locator(".react-flow__edge-textwrapper", { hasText: "Concluído" })).toBeVisible();

  await runWith(page, { pedidos: [{ id: "p1" }, { id: "p2" }, { id: "p3" }] });
  await expect(page.getByTestId("execution-bar")).toContainText("Sucesso");
  await expect(stepNode(page, "resumo").getByText("Sucesso")).toBeVisible();
  await stepNode(page, "resumo").click();
  const details = page.getByRole("complementary", { name: "Detalhes do passo" });
  await expect(details).toContainText("linhas: [0: { 1 chave }1: { 1 chave }2: { 1 chave }]");
  // The loop itself says how many of its items are done.
  await expect(stepNode(page, "itens").getByTestId("loop-progress")).toHaveText("3 de 3");
  await shot(page, "flow-control-04-loop-results");
  // The branch's step says how many passes it made, and its details page through them.
  await expect(stepNode(page, "linha").getByTestId("step-passes")).toHaveText("3 passagens");
  await stepNode(page, "linha").click();
  const pass = details.getByLabel("Passagem");
  await expect(pass).toHaveValue("2");
  await expect(details).toContainText('"p3"');
  await pass.selectOption({ label: "1 de 3" });
  await expect(details).toContainText('"p1"');
  await shot(page, "flow-control-04b-loop-passes");
  // Every pass of the branch is stored, in order, with its item.
  const executionId = await page.getByTestId("execution-bar").locator(".mono").first().textContent();
  const runs = (await (await request.get(`/api/flows/${created.id}/executions`)).json()) as { items: { id: string }[] };
  const execution = (await (await request.get(`/api/executions/${runs.items.find((e) => e.id.startsWith(executionId!))!.id}`)).json()) as {
    steps: { stepId: string; output: { body: unknown } | null }[];
  };
  expect(execution.steps.filter((s) => s.stepId === "linha").map((s) => s.output?.body)).toEqual([
    { pedido: { id: "p1", ordem: 0 } },
    { pedido: { id: "p2", ordem: 1 } },
    { pedido: { id: "p3", ordem: 2 } },
  ]);
  await expectNoHorizontalOverflow(page);
});

test("nested loops: each loop counts its items, and a pass inside both is numbered outer.inner", async ({ page, request }) => {
  const created = await createFlow(
    request,
    `Loops aninhados ${unique()}`,
    flow(
      [
        step("grupos", "loop", "for-each", { items: "{{ .input.body.grupos }}" }, 300, 120),
        step("membros", "loop", "for-each", { items: "{{ .steps.grupos.body.item }}" }, 640, 40),
        // Slow enough that the counts are seen moving while the run goes on: the first group's two
        // passes keep the outer loop on "0 de 2" for 4 s, time for a busy machine's page to see it.
        step("pausa", "wait", "delay", { durationMs: 2000 }, 980, 0),
        transform("nome", { nome: "{{ .steps.membros.body.item }}" }, 1300, 0),
      ],
      [
        { source: "trigger", target: "grupos" },
        { source: "grupos", target: "membros", port: "each" },
        { source: "membros", target: "pausa", port: "each" },
        { source: "pausa", target: "nome" },
      ],
    ),
  );
  await page.goto(`/fluxos/${created.id}`);
  await runWith(page, { grupos: [["ana", "bia"], ["caio", "duda", "eli"]] });
  // Live: the outer loop is still on its first item while the inner one counts the first group's.
  await expect(stepNode(page, "grupos").getByTestId("loop-progress")).toHaveText("0 de 2");
  await expect(stepNode(page, "membros").getByTestId("loop-progress")).toHaveText(/^[0-2] de 2$/);
  await shot(page, "flow-control-04c-nested-loops-live");
  await expect(page.getByTestId("execution-bar")).toContainText("Sucesso", { timeout: 30_000 });
  await expect(stepNode(page, "grupos").getByTestId("loop-progress")).toHaveText("2 de 2");
  await expect(stepNode(page, "membros").getByTestId("loop-progress")).toHaveText("3 de 3");
  await stepNode(page, "nome").click();
  const details = page.getByRole("complementary", { name: "Detalhes do passo" });
  const pass = details.getByLabel("Passagem");
  await expect(pass.locator("option")).toHaveText(["Item 1.1 (1 de 5)", "Item 1.2 (2 de 5)", "Item 2.1 (3 de 5)", "Item 2.2 (4 de 5)", "Item 2.3 (5 de 5)"]);
  await pass.selectOption({ label: "Item 2.1 (3 de 5)" });
  await expect(details).toContainText('"caio"');
  await shot(page, "flow-control-04d-nested-loop-passes");
  await expectNoHorizontalOverflow(page);
});

test("continue on error, set in Propriedades: the flow goes on past a failed call and the run shows Divergência", async ({ page, request }) => {
  const created = await createFlow(
    request,
    `Divergência ${unique()}`,
    flow(
      [
        { ...step("consulta", "http", "request", { method: "GET", url: `${SANDBOX_URL}/nao-existe` }, 300, 120), retry: { maxAttempts: 1, backoffMs: 0, maxDelayMs: 0 } },
        transform("relatorio", { status: "{{ .steps.consulta.code }}" }, 700, 120),
      ],
      [
        { source: "trigger", target: "consulta" },
        { source: "consulta", target: "relatorio" },
      ],
    ),
  );
  await page.goto(`/fluxos/${created.id}`);
  await stepNode(page, "consulta").click();
  const panel = stepPanel(page, "consulta");
  await panel.getByRole("tab", { name: "Propriedades" }).click();
  await panel.getByLabel("Continuar em caso de erro").check();
  await shot(page, "flow-control-05-continue-on-error");
  await page.getByRole("button", { name: "Salvar", exact: true }).click();
  await expect(page.getByTestId("save-state")).toHaveText(/Salvo/);

  await page.getByRole("button", { name: "Executar", exact: true }).click();
  await expect(page.getByTestId("execution-bar")).toContainText("Divergência");
  await expect(stepNode(page, "consulta").getByText("Falhou")).toBeVisible();
  await expect(stepNode(page, "relatorio").getByText("Sucesso")).toBeVisible();
  await stepNode(page, "relatorio").click();
  await expect(page.getByRole("complementary", { name: "Detalhes do passo" })).toContainText("404");
  await shot(page, "flow-control-06-divergencia");
  await expectNoHorizontalOverflow(page);
});

test("Executar while the run shown is still going asks first; only a yes starts another run", async ({ page, request }) => {
  const created = await createFlow(request, `Segunda execução ${unique()}`, flow([step("pausa", "wait", "delay", { durationMs: 15_000 }, 300, 120)], [{ source: "trigger", target: "pausa" }]));
  await page.goto(`/fluxos/${created.id}`);
  await page.getByRole("button", { name: "Executar" }).click();
  const bar = page.getByTestId("execution-bar");
  await expect(bar).toContainText("Executando");
  const first = new URL(page.url()).searchParams.get("execucao");
  expect(first).toBeTruthy();

  await page.getByRole("button", { name: "Executar" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Uma execução ainda está em andamento" });
  await expect(dialog).toContainText(`A execução ${first!.slice(0, 8)} ainda não terminou`);
  // The safe answer has the focus: Enter doesn't start a second run by accident.
  await expect(dialog.getByRole("button", { name: "Continuar acompanhando" })).toBeFocused();
  await shot(page, "flow-control-09-second-run-asks");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  expect(new URL(page.url()).searchParams.get("execucao")).toBe(first);

  await page.getByRole("button", { name: "Executar" }).click();
  await dialog.getByRole("button", { name: "Iniciar outra execução" }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get("execucao")).not.toBe(first);
  await expect(bar).toContainText("Executando");
  const runs = (await (await request.get(`/api/flows/${created.id}/executions`)).json()) as { items?: unknown[] } | unknown[];
  expect(Array.isArray(runs) ? runs.length : (runs.items?.length ?? 0)).toBe(2);
});
