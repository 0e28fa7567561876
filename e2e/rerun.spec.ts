import type { APIRequestContext } from "@playwright/test";
import { SANDBOX_URL } from "./env.js";
import { expect, test } from "./fixtures.js";
import { createConnection, createFlow, expectNoHorizontalOverflow, shot, stepNode, unique } from "./helpers.js";

const BALANCE = `${SANDBOX_URL}/api/12345678/banking/accounts/001/balance`;

/** Step 1 obtains a token for the account; step 2 reads its balance over HTTP with it, from `url`. */
function balanceFlow(connectionId: string, url: string) {
  return {
    trigger: { position: { x: 0, y: 120 } },
    steps: [
      {
        id: "credentials",
        name: "Obter credenciais",
        connector: "btg-id",
        operation: "get-credentials",
        connectionId,
        description: "",
        parameters: {
          grantType: "client_credentials",
          scope: "empresas.btgpactual.com/accounts.readonly",
          authorizationDetails: [{ type: "account", resource: "12345678/banking/accounts/001", privileges: ["read"] }],
        },
        position: { x: 300, y: 120 },
      },
      {
        id: "saldo",
        name: "Consultar saldo",
        connector: "http",
        operation: "request",
        connectionId: null,
        description: "",
        parameters: { method: "GET", url, headers: [{ name: "Authorization", value: "Bearer {{ .steps.credentials.body.access_token }}" }, { name: "x-trace", value: "{{ .input.body.trace }}" }] },
        retry: { maxAttempts: 1, backoffMs: 0, maxDelayMs: 0 },
        position: { x: 620, y: 120 },
      },
    ],
    edges: [
      { source: "trigger", target: "credentials" },
      { source: "credentials", target: "saldo" },
    ],
  };
}

async function runSync(request: APIRequestContext, flowId: string, body: unknown): Promise<{ executionId: string; status: string }> {
  const response = await request.post(`/api/flows/${flowId}/executions/sync`, { data: { input: { body } } });
  expect(response.status()).toBe(200);
  return (await response.json()) as { executionId: string; status: string };
}

test("a step that failed is fixed in the draft and the run continues from it: the input isn't sent again and step 1 is marked reused", async ({ page, request }) => {
  const id = unique();
  const connection = await createConnection(request, `BTG continuar ${id}`);
  const flow = await createFlow(request, `Continuar do passo ${id}`, balanceFlow(connection.id, `${SANDBOX_URL}/api/caminho/errado`));
  const failed = await runSync(request, flow.id, { trace: `t-${id}` });
  expect(failed.status).toBe("failed");

  // The failed run, as a person finds it: step 2 failed with the sandbox's 404.
  await page.goto(`/fluxos/${flow.id}?execucao=${failed.executionId}`);
  const bar = page.getByTestId("execution-bar");
  await expect(bar.getByTestId("execution-failure")).toContainText("Consultar saldo");
  await shot(page, "rerun-failed-run");

  // Fix the URL in the draft: back to editing, the step's Parametrização.
  await bar.getByRole("button", { name: "Voltar à edição" }).click();
  const panel = page.getByRole("complementary", { name: "Consultar saldo" });
  await expect(panel).toBeVisible();
  await panel.getByLabel("URL", { exact: true }).fill(BALANCE);
  const saveState = page.getByTestId("save-state");
  await expect(saveState).toHaveText("Alterações não salvas");
  await page.keyboard.press("Control+s");
  await expect(saveState).toHaveText(/^Salvo em/);

  // Back on the failed run (from the history), continue from the failed step: keyboard only.
  await page.getByRole("button", { name: "Execuções" }).click();
  const history = page.getByRole("complementary", { name: "Execuções" });
  const continueButton = history.getByRole("group", { name: `Ações da execução ${failed.executionId.slice(0, 8)}` }).getByRole("button", { name: "Continuar do passo com falha" });
  await continueButton.focus();
  await expect(continueButton).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(bar).toContainText("Sucesso");
  await expect(bar.getByTestId("rerun-of")).toContainText(failed.executionId.slice(0, 8));
  await expect(stepNode(page, "saldo")).toContainText("Sucesso");
  await stepNode(page, "credentials").click();
  const details = page.getByRole("complementary", { name: "Detalhes do passo" });
  await expect(details.getByTestId("step-reused")).toHaveText("Reaproveitado");
  await expect(details).toContainText("Copiado da execução anterior");
  await expectNoHorizontalOverflow(page);
  await shot(page, "rerun-continued-reused");

  // Step 2 got the same input as the failed run (no payload was sent again) and the copied token worked.
  await stepNode(page, "saldo").click();
  await expect(details).toContainText(`t-${id}`);
  await expect(details).toContainText("152340.75");
  await expect(details.getByTestId("step-reused")).toHaveCount(0);

  // The original lists its re-run; the link opens it back.
  await bar.getByTestId("rerun-of").getByRole("button").click();
  await expect(bar.getByTestId("reruns")).toBeVisible();
  await expect(bar).toContainText("Falhou");
  await shot(page, "rerun-original-links");

  // Nothing failed in the continued run: the bar offers only "Executar de novo".
  await bar.getByTestId("reruns").getByRole("button").first().click();
  await expect(bar.getByTestId("rerun-start")).toBeVisible();
  await expect(bar.getByTestId("rerun-failed")).toHaveCount(0);
});

test("Testar passo runs step 2 alone against the last run's data; a step whose data never ran is refused in Portuguese", async ({ page, request }) => {
  const id = unique();
  const connection = await createConnection(request, `BTG testar ${id}`);
  const flow = await createFlow(request, `Testar passo ${id}`, balanceFlow(connection.id, BALANCE));

  // Never run: step 2 reads step 1's token, which no run has produced yet.
  await page.goto(`/fluxos/${flow.id}`);
  await stepNode(page, "saldo").click();
  const panel = page.getByRole("complementary", { name: "Consultar saldo" });
  await panel.getByRole("button", { name: "Testar passo" }).click();
  await expect(page.getByText(/usa o resultado de "credentials", que não rodou com sucesso porque o fluxo ainda não foi executado/)).toBeVisible();
  await shot(page, "test-step-never-ran");

  // After a run, step 2 is tested alone with that run's token and input.
  const last = await runSync(request, flow.id, { trace: `teste-${id}` });
  expect(last.status).toBe("succeeded");
  await page.reload();
  await stepNode(page, "saldo").click();
  const button = page.getByRole("complementary", { name: "Consultar saldo" }).getByRole("button", { name: "Testar passo" });
  await button.focus();
  await page.keyboard.press("Enter");

  const details = page.getByRole("complementary", { name: "Detalhes do passo" });
  await expect(details).toContainText("152340.75");
  await expect(details).toContainText(`teste-${id}`);
  await expect(stepNode(page, "saldo")).toContainText("Sucesso");
  // Only the tested step is marked: step 1 didn't run in the test.
  await expect(stepNode(page, "credentials")).not.toContainText("Sucesso");
  await expect(page.getByTestId("execution-bar").getByTestId("rerun-start")).toHaveCount(0);
  await expectNoHorizontalOverflow(page);
  await shot(page, "test-step-result");

  // The test is in the history, as a step test.
  await page.getByTestId("execution-bar").getByRole("button", { name: "Voltar à edição" }).click();
  await page.getByRole("button", { name: "Execuções" }).click();
  await expect(page.getByRole("complementary", { name: "Execuções" }).getByTestId("trigger-source").first()).toHaveText("teste de passo");
});

test("the workspace's Execuções page re-runs a failed run from its failed step and opens it in the editor", async ({ page, request }) => {
  const id = unique();
  const connection = await createConnection(request, `BTG página ${id}`);
  const flow = await createFlow(request, `Execuções continuar ${id}`, balanceFlow(connection.id, `${SANDBOX_URL}/api/caminho/errado`));
  const failed = await runSync(request, flow.id, { trace: `p-${id}` });
  expect(failed.status).toBe("failed");

  await page.goto(`/execucoes?flowId=${flow.id}`);
  const row = page.getByTestId("run-row").first();
  await expect(row).toContainText("Falhou");
  await expect(row.getByRole("button", { name: "Executar de novo" })).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await shot(page, "rerun-executions-page");
  await row.getByRole("button", { name: "Continuar do passo com falha" }).click();

  await expect(page).toHaveURL(new RegExp(`/fluxos/${flow.id}\\?execucao=`));
  const bar = page.getByTestId("execution-bar");
  await expect(bar.getByTestId("rerun-of")).toContainText(failed.executionId.slice(0, 8));
  await expect(bar).toContainText("Falhou"); // the URL is still wrong: step 2 fails again, step 1 was copied
  await stepNode(page, "credentials").click();
  await expect(page.getByRole("complementary", { name: "Detalhes do passo" }).getByTestId("step-reused")).toBeVisible();
});
