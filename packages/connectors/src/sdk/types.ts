import type { z } from "zod";
import type { FieldMeta, HttpExchangeSummary, PortMeta, StepErrorInfo, StepMessageParam, StepResult } from "@fluxo/contracts";
import type { ResultCache } from "./result-cache.js";

/**
 * A field as a connector declares it: the catalog metadata plus its validation schema.
 * `schema` validates this field's value alone (the web and the server use it for
 * per-field messages); the operation's `parameters` / the connector's `connection`
 * schema is built from these and validates the whole form.
 */
export interface FieldDefinition extends FieldMeta {
  schema: z.ZodType;
  itemFields?: FieldDefinition[];
}

/** One outbound HTTP request; the client given in ctx performs it. */
export interface HttpRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD";
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** No complete response within this many ms → `HttpClientError` kind `timeout`. */
  timeoutMs: number;
  /** The caller's cancellation; when it aborts, the request rejects with `signal.reason`. */
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** The body as UTF-8 text. */
  bodyText: string;
  /** The body as received (the same bytes as `bodyText`, for binary answers). */
  bodyBytes: Uint8Array;
  durationMs: number;
}

/**
 * Performs HTTP for connectors. Any response, whatever its status (redirects included:
 * they are returned, never followed), resolves. When no usable response arrives it
 * rejects with `HttpClientError`: kind `network` (refused, DNS, reset), `timeout`,
 * `invalid_response` (body over the client's size cap), or `refused` (the client's outbound
 * policy does not allow the URL or the address it resolves to). When `request.signal`
 * aborts it rejects with that signal's reason.
 */
export type HttpClient = (request: HttpRequest) => Promise<HttpResponse>;

/** The connection a step uses, with secrets in clear (only connectors see them). */
export interface ConnectionValues {
  id: string;
  name: string;
  values: Record<string, unknown>;
  secrets: Record<string, string>;
}

/** An Authorization Code connection's current access token, as the server keeps it. */
export interface GrantedToken {
  accessToken: string;
  expiresAt: Date | null;
  /** The scopes granted, space-separated. */
  scope: string;
}

export interface AccessTokenOptions {
  /**
   * The token an API just refused (401); when it is still the current one it is refreshed first,
   * unless a refresh issued it moments ago (a second refresh would not help and would spend the budget).
   */
  rejected?: string;
  /** Reports the refresh's HTTP exchange (headers redacted), when this call asked for one. */
  recordHttp?: (summary: HttpExchangeSummary) => void;
}

/**
 * The tokens people's consent gave their connections ("Conectar com o BTG"): kept sealed by the
 * server, refreshed once (single-flight across processes) shortly before they expire.
 */
export interface ConnectionGrants {
  /**
   * The connection's access token. `rejected`: the token an API just refused (401); when it is
   * still the current one it is refreshed first. Throws `StepError` (kind `connection`) when the
   * connection was never connected, needs reconnecting, or the hourly refresh budget is spent.
   */
  accessToken(connectionId: string, options?: AccessTokenOptions): Promise<GrantedToken>;
}

export interface OperationContext<P> {
  parameters: P;
  /** Null only for a connector with `connectionOptional` whose step has no connection. */
  connection: ConnectionValues | null;
  http: HttpClient;
  signal: AbortSignal;
  /**
   * Lets the operation report the HTTP exchange it made. The operation redacts the
   * headers (`redactHeaders`) before calling this; the engine stores what it gets.
   */
  recordHttp(summary: HttpExchangeSummary): void;
  /** Results kept across executions (in memory, or in Redis in queue mode); absent means no reuse. */
  cache?: ResultCache;
  /**
   * Evaluates a `perResponse` field's raw value with `scope` (e.g. `{ response }`) added to the
   * execution's data; `path` names the field for the error (a `StepError` of kind `expression`).
   */
  evaluate(path: string, value: unknown, scope: Record<string, unknown>): unknown;
  /** Bounds the server sets (FLUXO_LOOP_MAX_ITEMS); absent: the connector's default. */
  limits?: { maxLoopItems: number };
  /** When the step first started (absent: now); a step resumed after a hand-off keeps its original start. */
  startedAt?: Date;
  /**
   * Queue mode: a wait longer than `afterMs` should not hold the worker; the operation throws
   * `StepSuspended` and the step resumes later on any worker. Absent: wait in place (timers).
   */
  handOff?: { afterMs: number };
  /** Tokens of Authorization Code connections; absent where no server keeps them (a unit test). */
  grants?: ConnectionGrants;
}

export interface OperationDefinition<S extends z.ZodType = z.ZodType> {
  key: string;
  name: string;
  description: string;
  fields: FieldDefinition[];
  /** Validates the whole parameter object (after expressions are resolved). */
  parameters: S;
  /**
   * The resolved parameters as the run record keeps them, when fields marked `secret` are not
   * all there is to hide (e.g. an Authorization header typed in a list). Values of known
   * credentials (tokens of earlier steps, connection secrets) are masked by the engine anyway.
   */
  redactInput?(input: Record<string, unknown>): Record<string, unknown>;
  /**
   * The step's exits, when it decides where the flow goes: each edge leaving the step names one
   * as its `port`, and every result says which ones it took (`route`).
   */
  ports?: PortMeta[];
  /** Throws `StepError` when the operation fails; returns the step result otherwise. */
  run(ctx: OperationContext<z.infer<S>>): Promise<OperationResult>;
}

/**
 * Which exits of a step with ports the flow leaves by. `follow`'s branches run once; a
 * `repeat` port's branch runs once per item first, in order, the step's body showing the
 * current `item` and `index`, then `results` (per item, the body of the branch's last step).
 */
export interface PortRoute {
  follow: string[];
  repeat?: { port: string; items: unknown[] };
}

/** A step result, plus where the flow goes for an operation with ports (not stored as output). */
export interface OperationResult extends StepResult {
  route?: PortRoute;
}

export interface ConnectionTestContext {
  connection: ConnectionValues;
  http: HttpClient;
  signal: AbortSignal;
  /** Tokens of Authorization Code connections; absent for values not saved yet (nothing was consented for them). */
  grants?: ConnectionGrants;
}

export interface ConnectionTestSuccess {
  /** pt-BR, with the code and params to tell it in another language (like a step error's). */
  message: string;
  messageCode?: string;
  messageParams?: Record<string, StepMessageParam>;
}

export interface ConnectorDefinition {
  key: string;
  name: string;
  description: string;
  icon: string;
  connectionFields: FieldDefinition[];
  /** Steps may run without a connection (`connectionId: null`). */
  connectionOptional?: boolean;
  /** A flow-control step: no connection at all (see sdk/built-in.ts). */
  builtIn?: boolean;
  /** Validates the whole connection (non-secret values and secrets merged). */
  connection: z.ZodType;
  operations: OperationDefinition[];
  /** Checks that a connection works (e.g. asks for a token); throws `StepError` if not. */
  testConnection(ctx: ConnectionTestContext): Promise<ConnectionTestSuccess>;
  /** The metadata's words in languages other than pt-BR, kept in the connector's folder (see sdk/texts.ts). */
  translations?: { en?: ConnectorTexts };
}

export type { StepErrorInfo };
import type { ConnectorTexts } from "./texts.js";
