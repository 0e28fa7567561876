import type { Browser, Page } from "@playwright/test";
import { OWNER } from "./env.js";
import { expect, test } from "./fixtures.js";
import { shot, unique } from "./helpers.js";

async function anonymousPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  return context.newPage();
}

async function inviteLink(page: Page, email: string): Promise<string> {
  await page.goto("/configuracoes");
  const form = page.getByRole("form", { name: "Convidar alguém" });
  await form.getByLabel("E-mail").fill(email);
  await form.getByLabel("Papel").selectOption({ label: "Membro" });
  await form.getByRole("button", { name: "Criar convite" }).click();
  return (await page.getByTestId("invite-link").textContent())!;
}

const flowLink = (page: Page, name: string) => page.getByRole("link", { name, exact: true });

test("a person in two workspaces switches between them and sees each one's flows only", async ({ page, request, browser }) => {
  const id = unique();
  const flowA = `Fluxo do time A ${id}`;
  const flowB = `Fluxo do time B ${id}`;
  const teamB = `Time B ${id}`;
  expect((await request.post("/api/flows", { data: { name: flowA } })).status()).toBe(201);

  // Ana joins the owner's workspace with a new account, then creates her own workspace.
  const ana = await anonymousPage(browser);
  await ana.goto(await inviteLink(page, `ana-${id}@e2e.example`));
  await ana.getByLabel("Nome").fill("Ana");
  await ana.getByLabel("Senha").fill("senha da ana 12345");
  await ana.getByRole("button", { name: "Criar conta e entrar" }).click();
  await expect(flowLink(ana, flowA)).toBeVisible();

  await ana.goto("/configuracoes");
  const create = ana.getByRole("form", { name: "Criar workspace" });
  await create.getByLabel("Nome do workspace").fill(teamB);
  await create.getByRole("button", { name: "Criar workspace" }).click();
  await expect(ana).toHaveURL(/\/fluxos$/);
  const switcher = ana.getByLabel("Workspace atual");
  await expect(switcher.locator("option:checked")).toHaveText(teamB);
  await expect(ana.getByRole("group", { name: "Conta de Ana" })).toContainText("Proprietário");
  expect((await ana.request.post("/api/flows", { data: { name: flowB } })).status()).toBe(201);
  await ana.reload();
  await expect(flowLink(ana, flowB)).toBeVisible();
  await expect(flowLink(ana, flowA)).toHaveCount(0);
  await shot(ana, "workspaces-01-own-workspace");

  // Back to the owner's workspace: only its flows, and Ana's role there.
  await switcher.selectOption({ label: "Workspace" });
  await expect(flowLink(ana, flowA)).toBeVisible();
  await expect(flowLink(ana, flowB)).toHaveCount(0);
  await expect(ana.getByRole("group", { name: "Conta de Ana" })).toContainText("Membro");
  await shot(ana, "workspaces-02-switched");

  // And to hers again.
  await switcher.selectOption({ label: teamB });
  await expect(flowLink(ana, flowB)).toBeVisible();
  await expect(flowLink(ana, flowA)).toHaveCount(0);

  // Ana invites the owner, who already has an account: they sign in on the invite page and join.
  const link = await inviteLink(ana, OWNER.email);
  const owner = await anonymousPage(browser);
  await owner.goto(link);
  await expect(owner.getByText("Você já tem uma conta", { exact: false })).toBeVisible();
  await owner.getByLabel("Senha").fill(OWNER.password);
  await shot(owner, "workspaces-03-join-with-account");
  await owner.getByRole("button", { name: "Entrar e aceitar" }).click();
  await expect(owner).toHaveURL(/\/fluxos$/);
  await expect(owner.getByLabel("Workspace atual").locator("option:checked")).toHaveText(teamB);
  await expect(flowLink(owner, flowB)).toBeVisible();
  await expect(flowLink(owner, flowA)).toHaveCount(0);

  await ana.context().close();
  await owner.context().close();
});
