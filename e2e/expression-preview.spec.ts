import { expect, test } from "./fixtures.js";
import { createConnection, createFlow, expectNoHorizontalOverflow, shot, stepNode, stepPanel, tokenFlowDefinition, unique } from "./helpers.js";

// #18 item 11: the preview tells a typo apart from a right path that has no sample data yet.
test("the expression preview tells a typo ('não existe') from a right path with no sample data yet", async ({ page, request }) => {
  const id = unique();
  const connection = await createConnection(request, `BTG prévia ${id}`);
  const flow = await createFlow(request, `Prévia ${id}`, tokenFlowDefinition(connection.id));
  await page.goto(`/fluxos/${flow.id}`);
  await stepNode(page, "credentials").click();
  const entry = stepPanel(page, "credentials").getByRole("group", { name: "Entrada 1" });
  const resource = entry.getByLabel("Resource", { exact: true });
  const preview = entry.getByTestId("expression-preview").first();

  // Never run, no payload: a right path has nothing to show yet, and says why.
  await resource.fill("{{ .input.body.account }}");
  await expect(preview).toHaveText("Prévia" + "sem dados de exemplo ainda (defina o Payload de entrada ou execute o fluxo para ver o valor)");
  await expect(preview).not.toHaveClass(/expression-preview--unknown_path/);
  await preview.scrollIntoViewIfNeeded();
  await shot(page, "expression-preview-01-no-sample");

  // A typo is wrong whatever the data: it says so, and what is there instead.
  await resource.fill("{{ .input.bodi.account }}");
  await expect(preview).toHaveText("Prévia" + ".input.bodi não existe: .input tem só body, headers, query_params. Confira a grafia.");
  await expect(preview).toHaveClass(/expression-preview--unknown_path/);
  await expectNoHorizontalOverflow(page);
  await preview.scrollIntoViewIfNeeded();
  await shot(page, "expression-preview-02-typo");
});
