/**
 * The connector catalog as the API serves it (`GET /api/connectors`): plain JSON that
 * the web app renders forms from. Validation schemas stay on the server and engine.
 */
export type FieldType = "text" | "textarea" | "password" | "url" | "select" | "number" | "boolean" | "string-list" | "object-list";

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
  default?: unknown;
  options?: FieldOption[];
  /** Values offered as suggestions, the user may type another. */
  suggestions?: FieldOption[];
  /** For `object-list`: the fields of each item. */
  itemFields?: FieldMeta[];
  /** For `object-list`/`string-list`: bounds on the number of items. */
  minItems?: number;
  maxItems?: number;
  /** Show (and validate) the field only when another field of the same form has one of these values. */
  visibleWhen?: { field: string; equals: string[] };
  /** Rarely needed fields are shown under "Avançado". */
  advanced?: boolean;
}

export interface OperationMeta {
  key: string;
  name: string;
  description: string;
  fields: FieldMeta[];
}

export interface ConnectorMeta {
  key: string;
  name: string;
  description: string;
  /** An inline SVG (trusted, shipped with the connector). */
  icon: string;
  connectionFields: FieldMeta[];
  operations: OperationMeta[];
}
