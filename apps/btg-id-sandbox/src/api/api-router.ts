import { Router } from "express";
import type { ErrorRequestHandler, Request, RequestHandler, Response } from "express";
import type { SigningKey } from "../keys.js";
import { admitRequest } from "../request-arrival.js";
import { bodyError, jsonBody } from "../request-body.js";
import type { SandboxState } from "../sandbox-state.js";
import { ApiError, invalidFields, invalidRequest, methodNotAllowed, notFound, sendApiError, sendApiJson } from "./api-error.js";
import { balanceOf, findAccount, findCompany } from "./banking-data.js";
import { verifyBearer } from "./bearer-auth.js";
import type { BearerSettings, VerifiedToken } from "./bearer-auth.js";
import { SCOPES, requireAccountHolderToken, requireGrant } from "./grants.js";
import type { GrantRequirement } from "./grants.js";
import { readPageRequest } from "./pagination.js";
import { PaymentStore, readIdempotencyKey, readPaymentRequest } from "./payments.js";
import { readStatementQuery, statementPage } from "./statements.js";

export interface ApiDeps {
  state: SandboxState;
  key: SigningKey;
  /** The sandbox URL: the tokens' iss and aud. */
  issuer: string;
  /** issuer + "/api", without trailing slash. */
  apiUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  payments: PaymentStore;
  /** Revoked access tokens (their jti). */
  isRevoked: (jti: string) => boolean;
  /** BTG_SANDBOX_STRICT_GRANTS: the banking APIs answer only tokens an account holder consented to. */
  strictGrants: boolean;
  log: (line: string) => void;
}

const ACCOUNT_READ = [SCOPES.accountsReadonly, SCOPES.accounts];
const PAYMENT_READ = [SCOPES.paymentsReadonly, SCOPES.payments, SCOPES.paymentsBrn];
const PAYMENT_WRITE = [SCOPES.payments, SCOPES.paymentsBrn];

function tokenOf(res: Response): VerifiedToken {
  return res.locals.token as VerifiedToken;
}

function param(req: Request, name: string): string {
  return String(req.params[name] ?? "");
}

function readJsonBody(req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    jsonBody(req, res, (err?: unknown) => (err ? reject(err) : resolve()));
  });
}

function wrongMethod(allow: string): RequestHandler {
  return (req) => {
    throw methodNotAllowed(req.method, allow);
  };
}

/**
 * BTG's resource APIs, company first, as under https://api.empresas.btgpactual.com:
 * balance, statements and Pix payments. Every request is counted, takes latency and the
 * next scripted failure, then needs a valid Bearer token; each route then checks what the
 * token grants (scope or authorization_details).
 */
export function apiRouter(deps: ApiDeps): Router {
  const { state, payments, apiUrl } = deps;
  const bearer: BearerSettings = {
    publicKey: deps.key.publicKey,
    issuer: deps.issuer,
    jwksUrl: deps.jwksUrl,
    tokenUrl: deps.tokenUrl,
    isRevoked: deps.isRevoked,
  };
  // Every route here is a banking API (balance, statements, payments).
  const grant = (req: Request, res: Response, need: Omit<GrantRequirement, "path">) => {
    if (deps.strictGrants) requireAccountHolderToken(tokenOf(res));
    requireGrant(tokenOf(res), { ...need, path: req.path }, apiUrl);
  };

  const router = Router({ caseSensitive: true });

  router.use(async (req, res, next) => {
    state.countApiRequest();
    if (await admitRequest(req, res, state, "api")) next();
  });
  router.use(async (req, res, next) => {
    res.locals.token = await verifyBearer(req.get("authorization"), bearer);
    next();
  });

  router
    .route("/:companyId/banking/accounts/:accountId/balance")
    .get((req, res) => {
      const [companyId, accountId] = [param(req, "companyId"), param(req, "accountId")];
      grant(req, res, { scopes: ACCOUNT_READ, resource: `${companyId}/banking/accounts/${accountId}`, privilege: "read" });
      const company = findCompany(companyId);
      const account = findAccount(company, accountId);
      sendApiJson(res, 200, balanceOf(company, account, new Date()));
    })
    .all(wrongMethod("GET, HEAD"));

  router
    .route("/:companyId/banking/accounts/:accountId/statements")
    .get((req, res) => {
      const [companyId, accountId] = [param(req, "companyId"), param(req, "accountId")];
      grant(req, res, { scopes: ACCOUNT_READ, resource: `${companyId}/banking/accounts/${accountId}`, privilege: "read" });
      const company = findCompany(companyId);
      const account = findAccount(company, accountId);
      sendApiJson(res, 200, statementPage(company, account, readStatementQuery(req)));
    })
    .all(wrongMethod("GET, HEAD"));

  router
    .route("/:companyId/banking/payments")
    .get((req, res) => {
      const companyId = param(req, "companyId");
      grant(req, res, { scopes: PAYMENT_READ, resource: `${companyId}/banking/payments`, privilege: "read" });
      const company = findCompany(companyId);
      const fields: Record<string, string> = {};
      const page = readPageRequest(req, fields);
      if (Object.keys(fields).length > 0) throw invalidFields(fields, "the query");
      sendApiJson(res, 200, payments.list(company.companyId, page));
    })
    .post(async (req, res) => {
      const companyId = param(req, "companyId");
      grant(req, res, { scopes: PAYMENT_WRITE, resource: `${companyId}/banking/payments`, privilege: "write" });
      const company = findCompany(companyId);
      if (!req.is("application/json")) throw invalidRequest("Content-Type must be application/json");
      await readJsonBody(req, res);
      const key = readIdempotencyKey(req.get("x-idempotency-key"));
      const request = readPaymentRequest(req.body, company);
      const { payment, replayed } = payments.create(tokenOf(res).clientId, company.companyId, req.body, request, key);
      const location = `${apiUrl}/${company.companyId}/banking/payments/${payment.id}`;
      sendApiJson(res, replayed ? 200 : 201, payment, replayed ? { Location: location, "Idempotent-Replayed": "true" } : { Location: location });
    })
    .all(wrongMethod("GET, HEAD, POST"));

  router
    .route("/:companyId/banking/payments/:paymentId")
    .get((req, res) => {
      const [companyId, paymentId] = [param(req, "companyId"), param(req, "paymentId")];
      grant(req, res, { scopes: PAYMENT_READ, resource: `${companyId}/banking/payments`, privilege: "read" });
      const company = findCompany(companyId);
      const payment = payments.find(company.companyId, paymentId);
      if (!payment) throw notFound(`company ${company.companyId} has no payment ${paymentId}`);
      sendApiJson(res, 200, payment);
    })
    .all(wrongMethod("GET, HEAD"));

  router.use((req) => {
    throw notFound(`no such API endpoint: ${req.method} ${req.baseUrl}${req.path}`);
  });

  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    let answer: ApiError;
    if (err instanceof ApiError) answer = err;
    else {
      const body = bodyError(err);
      if (!body) deps.log(`btg-id-sandbox: unexpected error on the API: ${err instanceof Error ? err.message : String(err)}`);
      answer = body
        ? new ApiError(body.status, body.error, body.description)
        : new ApiError(500, "server_error", "the sandbox failed unexpectedly");
    }
    state.countError(answer.error);
    if (res.headersSent) return;
    sendApiError(res, answer);
  };
  router.use(onError);
  return router;
}
