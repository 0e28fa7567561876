import type { z } from "zod";
import type { FieldMeta, HttpExchangeSummary, StepErrorInfo, StepResult } from "@fluxo/contracts";

/** A field as a connector declares it: the catalog metadata plus its validation schema. */
export interface FieldDefinition extends FieldMeta {
  schema: z.ZodType;
  itemFields?: FieldDefinition[];
}

/** One outbound HTTP request; the client given in ctx performs it. */
export interface HttpRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  bodyText: string;
  durationMs: number;
}

/**
 * Performs HTTP for connectors. Rejects with `HttpClientError` (kind `network` or
 * `timeout`) when no response arrives; any response, whatever its status, resolves.
 */
export type HttpClient = (request: HttpRequest) => Promise<HttpResponse>;

/** The connection a step uses, with secrets in clear (only connectors see them). */
export interface ConnectionValues {
  id: string;
  name: string;
  values: Record<string, unknown>;
  secrets: Record<string, string>;
}

export interface OperationContext<P> {
  parameters: P;
  connection: ConnectionValues;
  http: HttpClient;
  signal: AbortSignal;
  /** Lets the operation report the HTTP exchange it made (headers redacted by the caller of this). */
  recordHttp(summary: HttpExchangeSummary): void;
}

export interface OperationDefinition<S extends z.ZodType = z.ZodType> {
  key: string;
  name: string;
  description: string;
  fields: FieldDefinition[];
  /** Validates the whole parameter object (after expressions are resolved). */
  parameters: S;
  run(ctx: OperationContext<z.infer<S>>): Promise<StepResult>;
}

export interface ConnectionTestContext {
  connection: ConnectionValues;
  http: HttpClient;
  signal: AbortSignal;
}

export interface ConnectorDefinition {
  key: string;
  name: string;
  description: string;
  icon: string;
  connectionFields: FieldDefinition[];
  /** Validates the whole connection (non-secret values and secrets merged). */
  connection: z.ZodType;
  operations: OperationDefinition[];
  /** Checks that a connection works (e.g. asks for a token); throws `StepError` if not. */
  testConnection(ctx: ConnectionTestContext): Promise<{ message: string }>;
}

export type { StepErrorInfo };
