import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures.js";
import { OWNER } from "./env.js";
import { createConnection, createFlow, shot, tokenFlowDefinition, unique } from "./helpers.js";

/** A browser with nobody signed in. */
async function anonymousPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  return context.newPage();
}

/** The owner invites `email` as `role` in Configurações; the link is shown once. */
async function invite(page: Page, email: string, role: "Membro" | "Leitor"): Promise<string> {
  await page.goto("/configuracoes");
  const form = page.getByRole("form", { name: "Convidar alguém" });
  await form.getByLabel("E-mail").fill(email);
  await form.getByLabel("Papel").selectOption({ label: role });
  await form.getByRole("button", { name: "Criar convite" }).click();
  const link = (await page.getByTestId("invite-link").textContent())!;
  expect(link).toMatch(/\/convite#.+/);
  return link;
}

async function acceptInvite(browser: Browser, link: string, name: string): Promise<Page> {
  const page = await anonymousPage(browser);
  await page.goto(link);
  await page.getByLabel("Nome").fill(name);
  await page.getByLabel("Senha").fill("senha do convidado 123");
  await page.getByRole("button", { name: "Criar conta e entrar" }).click();
  await expect(page).toHaveURL(/\/fluxos$/);
  return page;
}

test("login and logout; a wrong password says so", async ({ browser }) => {
  const page = await anonymousPage(browser);
  await page.goto("/conexoes");
  await expect(page).toHaveURL(/\/entrar$/);
  await page.getByLabel("E-mail").fill(OWNER.email);
  await page.getByLabel("Senha").fill("senha errada de propósito");
  await page.getByRole("button", { name: "Entrar" }).click();
  await expect(page.getByRole("alert")).toContainText("E-mail ou senha incorretos");
  await page.getByLabel("Senha").fill(OWNER.password);
  await shot(page, "auth-02-login");
  await page.getByRole("button", { name: "Entrar" }).click();
  // Back where the person was going.
  await expect(page).toHaveURL(/\/conexoes$/);
  // "Sair" is in the menu under the person's name.
  await page.getByRole("button", { name: new RegExp(OWNER.name) }).click();
  await page.getByRole("button", { name: "Sair", exact: true }).click();
  await expect(page).toHaveURL(/\/entrar$/);
  await page.goto("/fluxos");
  await expect(page).toHaveURL(/\/entrar$/);
  expect((await page.request.get("/api/flows")).status()).toBe(401);
  await page.context().close();
});

test("an invited member edits and runs flows but can't manage connections or members", async ({ page, browser }) => {
  const link = await invite(page, `membro-${unique()}@e2e.example`, "Membro");
  await shot(page, "auth-03-invite-link");
  const member = await acceptInvite(browser, link, "Membro Teste");
  await expect(member.getByRole("group", { name: "Conta de Membro Teste" })).toContainText("Membro");
  // The link worked once.
  const reused = await anonymousPage(browser);
  await reused.goto(link);
  await expect(reused.getByText("Este convite não vale mais", { exact: false })).toBeVisible();
  await reused.context().close();

  await member.goto("/configuracoes");
  await expect(member.getByRole("heading", { name: "Membros" })).toBeVisible();
  await expect(member.getByRole("form", { name: "Convidar alguém" })).toHaveCount(0);
  await shot(member, "auth-04-member-settings");
  const refused = await member.request.post("/api/connections", { data: { connector: "btg-id", name: "não pode", values: {} } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).detail).toContain("gerenciar conexões");
  const created = await member.request.post("/api/flows", { data: { name: `do membro ${unique()}` } });
  expect(created.status()).toBe(201);
  await member.context().close();
});

test("a viewer can read a flow but not run it", async ({ page, request, browser }) => {
  const connection = await createConnection(request, `Conexão leitor ${unique()}`);
  const flow = await createFlow(request, `Fluxo do leitor ${unique()}`, tokenFlowDefinition(connection.id));
  const link = await invite(page, `leitor-${unique()}@e2e.example`, "Leitor");
  const viewer = await acceptInvite(browser, link, "Leitor Teste");
  await viewer.goto(`/fluxos/${flow.id}`);
  // The editor says what the role allows instead of offering buttons the server would refuse.
  await expect(viewer.getByRole("button", { name: "Executar", exact: true })).toBeDisabled();
  await expect(viewer.getByRole("button", { name: "Salvar", exact: true })).toBeDisabled();
  await expect(viewer.getByText("Somente leitura", { exact: true })).toBeVisible();
  await expect(viewer.getByText("Somente leitura", { exact: true })).toHaveAttribute("title", /Leitor/);
  await expect(viewer.getByRole("button", { name: /Adicionar BTG-ID/ })).toHaveCount(0);
  await shot(viewer, "auth-05-viewer-cannot-run");
  const trigger = await viewer.request.post(`/api/flows/${flow.id}/executions`, { data: {} });
  expect(trigger.status()).toBe(403);
  await viewer.context().close();
});

test("a name with a script tag is shown as text", async ({ page, request }) => {
  const name = `<script>window.__pwned = true</script><img src=x onerror="window.__pwned=true"> ${unique()}`;
  await createFlow(request, name);
  await page.goto("/fluxos");
  await expect(page.getByText(name)).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
});
