/**
 * The connector catalog as the API serves it (`GET /api/connectors`): plain JSON that
 * the web app renders forms from. Validation schemas stay on the server and engine.
 */
export type FieldType = "text" | "textarea" | "password" | "url" | "select" | "number" | "boolean" | "string-list" | "object-list" | "group";

export interface FieldOption {
  value: string;
  label: string;
}

export interface FieldMeta {
  key: string;
  label: string;
  type: FieldType;
  required: boolean;
  help?: string;
  placeholder?: string;
  /**
   * A credential. On a connection field: write-only, never returned by the API. On an
   * operation parameter: saved with the flow, but redacted from run records and logs.
   */
  secret?: boolean;
  /** Accepts `{{ … }}` expressions. */
  expression?: boolean;
  /**
   * With `expression`: the operation evaluates the expression itself, once per answer, with
   * `.response` (`{ code, headers, body }`) in scope besides `.input` and `.steps` — e.g. how
   * to find a page's items. The engine only checks its syntax before the step runs.
   */
  perResponse?: boolean;
  default?: unknown;
  options?: FieldOption[];
  /** Values offered as suggestions, the user may type another. */
  suggestions?: FieldOption[];
  /** For `object-list`: the fields of each item; for `group`: the fields of the one object the value is. */
  itemFields?: FieldMeta[];
  /** For `object-list`/`string-list`: bounds on the number of items. */
  minItems?: number;
  maxItems?: number;
  /** Show (and validate) the field only when another field of the same form has one of these values. */
  visibleWhen?: { field: string; equals: string[] };
  /** Rarely needed fields are shown under "Avançado". */
  advanced?: boolean;
  /** For `url`: shown under the field while its value has a path, when the field wants an address only. */
  pathWarning?: string;
  /**
   * With `expression`: what the field's text is, so each `{{ … }}` of a template with text around
   * it is encoded for where its value lands (@fluxo/expressions, placement.ts) — when the step runs,
   * and in the editor's preview: `url` (an absolute URL), `url-path` (a path after a base URL),
   * `json` (JSON text). With `when`, only while a sibling field has one of these values (the body is
   * JSON only when the body type says so). Absent: plain text, values as they render.
   */
  templateFormat?: FieldTemplateFormat | { format: FieldTemplateFormat; when: { field: string; equals: string[] } };
}

/** What a template-bearing field's text is (the names of @fluxo/expressions' TemplateFormat, but plain text). */
export type FieldTemplateFormat = "url" | "url-path" | "json";

/** What the field's template builds here (`templateFormat`, its `when` checked against the siblings); undefined: plain text. */
export function templateFormatOf(field: Pick<FieldMeta, "templateFormat">, siblings: Readonly<Record<string, unknown>>): FieldTemplateFormat | undefined {
  const declared = field.templateFormat;
  if (declared === undefined || typeof declared === "string") return declared;
  const other = siblings[declared.when.field];
  return typeof other === "string" && declared.when.equals.includes(other) ? declared.format : undefined;
}

/** One exit of a step whose operation decides where the flow goes (Condição's `true`/`false`). */
export interface PortMeta {
  key: string;
  label: string;
  /** The port's branch runs once per item (Loop's `each`); the others run once. */
  repeats?: boolean;
}

export interface OperationMeta {
  key: string;
  name: string;
  description: string;
  fields: FieldMeta[];
  /** The exits an edge leaving such a step must name; absent: one exit, edges have no port. */
  ports?: PortMeta[];
}

export interface ConnectorMeta {
  key: string;
  name: string;
  description: string;
  /** An inline SVG (trusted, shipped with the connector). */
  icon: string;
  connectionFields: FieldMeta[];
  /** A step may have no connection (HTTP without authentication); otherwise one is required. */
  connectionOptional?: boolean;
  /** A flow-control step (Condição, Loop, Transformar, Espera): never has a connection, listed apart in the palette. */
  builtIn?: boolean;
  operations: OperationMeta[];
}

/** The Autenticação value of a connection whose tokens come from the account holder's consent ("Conectar com o …"). */
export const CONSENT_AUTHENTICATION = "authorization_code";

/**
 * Whether a connection is authenticated by consent: its connector's `authentication` field offers
 * Authorization Code and the connection chose it. The one rule the web form and the server share;
 * it reads metadata, never connector names.
 */
export function authenticatedByConsent(connectionFields: readonly Pick<FieldMeta, "key" | "options">[], values: Record<string, unknown>): boolean {
  const authentication = connectionFields.find((field) => field.key === "authentication");
  return Boolean(authentication?.options?.some((option) => option.value === CONSENT_AUTHENTICATION)) && values["authentication"] === CONSENT_AUTHENTICATION;
}
