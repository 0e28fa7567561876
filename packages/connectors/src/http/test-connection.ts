import { ref, stepMessage } from "@fluxo/contracts";
import { StepError } from "../sdk/errors.js";
import type { ConnectionTestContext, ConnectionTestSuccess } from "../sdk/types.js";
import { requestAuth, testUrlOf } from "./connection.js";
import { DEFAULT_TIMEOUT_MS, type RequestParameters } from "./request-fields.js";
import { sendRequest } from "./send-request.js";

const GET: Omit<RequestParameters, "method"> = {
  query: [],
  headers: [{ name: "accept", value: "application/json, */*;q=0.5" }],
  bodyType: "none",
  form: [],
  failOnErrorStatus: true,
  followRedirects: true,
  retryNonIdempotent: false,
  timeoutMs: DEFAULT_TIMEOUT_MS,
  pagination: { mode: "none", start: 1, maxPages: 1 },
};

/** A GET on the connection's URL de teste with its authentication; without one there is nothing to call. */
export async function testHttpConnection(ctx: ConnectionTestContext): Promise<ConnectionTestSuccess> {
  const auth = requestAuth(ctx.connection);
  const url = testUrlOf(ctx.connection);
  if (!url) {
    throw new StepError({
      kind: "invalid_parameters",
      ...stepMessage("http.test_url_missing"),
      fields: [{ path: "testUrl", message: stepMessage("http.test_url_field").message }],
    });
  }
  const answer = await sendRequest({ http: ctx.http, signal: ctx.signal, recordHttp: () => undefined, evaluate: () => undefined }, { ...GET, method: "GET", url }, { auth, service: ref("http.service.server") });
  const { host, pathname } = new URL(url);
  if (answer.response.status >= 300) throw new StepError({ kind: "http_error", status: answer.response.status, ...stepMessage("http.test_not_2xx", { host, status: answer.response.status }) });
  return stepMessage("http.test_ok", { address: `${host}${pathname}`, status: answer.response.status, duration: answer.response.durationMs });
}
