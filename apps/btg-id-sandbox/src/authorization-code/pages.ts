import { SCOPES } from "../api/grants.js";
import { DEMO_ACCOUNT } from "../config.js";

/**
 * The server-rendered pages of the sandbox's login (pt-BR, like BTG's): login, consent
 * and the error page for requests that cannot be sent back to the client. No scripts and
 * no external assets; the one stylesheet is inline, allowed by the page's CSP nonce.
 */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** What people read for BTG's scopes; unknown scopes are listed by name alone. */
const SCOPE_LABELS: Record<string, string> = {
  [SCOPES.accountsReadonly]: "Consultar saldos e extratos das contas",
  [SCOPES.accounts]: "Consultar e movimentar as contas",
  [SCOPES.paymentsReadonly]: "Consultar pagamentos",
  [SCOPES.payments]: "Fazer e consultar pagamentos (Pix)",
  [SCOPES.paymentsBrn]: "Fazer e consultar pagamentos (Pix)",
  openid: "Saber quem você é (identificador da conta)",
  email: "Ver o seu e-mail",
  profile: "Ver o seu nome",
};

const STYLE = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#eef1f5;color:#15233b;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{width:100%;max-width:440px;margin:24px;background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(13,31,60,.12);overflow:hidden}
header{background:#0d1f3c;color:#fff;padding:16px 28px;display:flex;align-items:baseline;gap:10px}
header strong{font-size:18px;letter-spacing:.02em}
header span{font-size:12px;text-transform:uppercase;letter-spacing:.08em;color:#9fb3d1}
.content{padding:24px 28px 28px}
h1{font-size:22px;margin:0 0 8px}
p{margin:0 0 16px}
label{display:block;font-weight:600;margin:16px 0 4px}
input[type=email],input[type=password]{width:100%;padding:10px 12px;border:1px solid #8a97ab;border-radius:6px;font:inherit;color:inherit}
input[aria-invalid=true]{border-color:#b3261e}
button{font:inherit;font-weight:600;padding:10px 20px;border-radius:6px;border:1px solid #0d1f3c;background:#0d1f3c;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#0d1f3c}
button:hover{filter:brightness(1.15)}
:focus-visible{outline:3px solid #2f6fed;outline-offset:2px}
.actions{display:flex;gap:12px;margin-top:24px}
.error{background:#fdecea;border:1px solid #f1b0aa;color:#8c1d18;padding:10px 12px;border-radius:6px}
.hint{margin:20px 0 0;font-size:14px;color:#4a5870}
ul.scopes{list-style:none;padding:0;margin:0 0 16px;border:1px solid #d5dbe4;border-radius:8px}
ul.scopes li{padding:10px 14px;border-top:1px solid #d5dbe4}
ul.scopes li:first-child{border-top:0}
ul.scopes code{display:block;font-size:13px;color:#4a5870;overflow-wrap:anywhere}
.who{font-size:14px;color:#4a5870}
`;

function page(title: string, nonce: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} · BTG Pactual (sandbox)</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<main>
<header><strong>BTG Pactual</strong><span>sandbox local</span></header>
<div class="content">
${body}
</div>
</main>
</body>
</html>
`;
}

export interface LoginPageModel {
  nonce: string;
  requestId: string;
  clientId: string;
  /** The e-mail typed before a failed attempt. */
  email?: string;
  failed?: boolean;
}

export function loginPage(model: LoginPageModel): string {
  const failed = model.failed === true;
  const invalid = failed ? ' aria-invalid="true" aria-describedby="login-error"' : "";
  return page(
    "Entrar",
    model.nonce,
    `<h1>Entrar na sua conta</h1>
<p><strong>${escapeHtml(model.clientId)}</strong> pede acesso à sua conta BTG Pactual Empresas. Entre para continuar.</p>
${failed ? '<p class="error" id="login-error" role="alert">E-mail ou senha incorretos. Confira os dados e tente de novo.</p>' : ""}
<form method="post" action="/oauth2/login">
<input type="hidden" name="request_id" value="${escapeHtml(model.requestId)}">
<label for="email">E-mail</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(model.email ?? "")}"${invalid}${failed ? "" : " autofocus"}>
<label for="password">Senha</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${invalid}${failed ? " autofocus" : ""}>
<div class="actions"><button type="submit">Entrar</button></div>
</form>
<p class="hint">Conta de demonstração: ${escapeHtml(DEMO_ACCOUNT.email)} / ${escapeHtml(DEMO_ACCOUNT.password)}</p>`,
  );
}

export interface ConsentPageModel {
  nonce: string;
  requestId: string;
  clientId: string;
  scopes: string[];
  email: string;
  /** Where the person goes back to, shown so they know who asks. */
  redirectOrigin: string;
}

export function consentPage(model: ConsentPageModel): string {
  const items = model.scopes
    .map((scope) => {
      const label = SCOPE_LABELS[scope];
      return label
        ? `<li>${escapeHtml(label)}<code>${escapeHtml(scope)}</code></li>`
        : `<li><code>${escapeHtml(scope)}</code></li>`;
    })
    .join("\n");
  return page(
    "Autorizar acesso",
    model.nonce,
    `<h1>Autorizar acesso</h1>
<p class="who">Conectado como ${escapeHtml(model.email)}</p>
<p><strong>${escapeHtml(model.clientId)}</strong> quer acessar a sua conta com estas permissões:</p>
<ul class="scopes" aria-label="Permissões pedidas">
${items}
</ul>
<p>Depois você volta para <strong>${escapeHtml(model.redirectOrigin)}</strong>.</p>
<form method="post" action="/oauth2/consent">
<input type="hidden" name="request_id" value="${escapeHtml(model.requestId)}">
<div class="actions">
<button type="submit" name="decision" value="allow" autofocus>Autorizar</button>
<button type="submit" name="decision" value="deny" class="secondary">Negar</button>
</div>
</form>`,
  );
}

export interface ErrorPageModel {
  nonce: string;
  title: string;
  /** What went wrong, in Portuguese. */
  message: string;
  /** The technical detail (OAuth error and description), for the developer. */
  detail: string;
}

export function errorPage(model: ErrorPageModel): string {
  return page(
    model.title,
    model.nonce,
    `<h1>${escapeHtml(model.title)}</h1>
<p class="error" role="alert">${escapeHtml(model.message)}</p>
<p class="hint">Detalhe técnico: <code>${escapeHtml(model.detail)}</code></p>`,
  );
}
