import type { ConnectorMeta, FieldMeta, FieldOption, OperationMeta } from "@fluxo/contracts";

/** The languages the catalog speaks; pt-BR is what every connector is written in. */
export const CATALOG_LANGUAGES = ["pt-BR", "en"] as const;
export type CatalogLanguage = (typeof CATALOG_LANGUAGES)[number];

/**
 * A connector's words in another language: each Portuguese text of its metadata (name,
 * descriptions, labels, help, placeholders, option and port labels) and its translation.
 * Keyed by the text itself, so a text used by several fields is translated once, and a text
 * changed in Portuguese shows up as untranslated (catalog.test.ts) instead of keeping a stale
 * translation. Each connector keeps its own next to its code (`<connector>/texts.en.ts`).
 */
export type ConnectorTexts = Readonly<Record<string, string>>;

type Visit = (key: string, text: string) => string;

/** Every text of a connector's metadata, by where it sits (`operations.get-credentials.fields.grantType.help`): what a translation must cover. */
export function catalogTexts(meta: ConnectorMeta): Map<string, string> {
  const texts = new Map<string, string>();
  walkConnector(meta, (key, text) => {
    texts.set(key, text);
    return text;
  });
  return texts;
}

/** The metadata with each text that has a translation replaced; what has none stays as written. */
export function translateConnectorMeta(meta: ConnectorMeta, texts: ConnectorTexts | undefined): ConnectorMeta {
  if (!texts) return meta;
  return walkConnector(meta, (_key, text) => (Object.hasOwn(texts, text) ? texts[text]! : text));
}

function walkConnector(meta: ConnectorMeta, visit: Visit): ConnectorMeta {
  return {
    ...meta,
    name: visit("name", meta.name),
    description: visit("description", meta.description),
    connectionFields: meta.connectionFields.map((field) => walkField(field, `connectionFields.${field.key}`, visit)),
    operations: meta.operations.map((operation) => walkOperation(operation, `operations.${operation.key}`, visit)),
  };
}

function walkOperation(operation: OperationMeta, at: string, visit: Visit): OperationMeta {
  return {
    ...operation,
    name: visit(`${at}.name`, operation.name),
    description: visit(`${at}.description`, operation.description),
    fields: operation.fields.map((field) => walkField(field, `${at}.fields.${field.key}`, visit)),
    ...(operation.ports ? { ports: operation.ports.map((port) => ({ ...port, label: visit(`${at}.ports.${port.key}`, port.label) })) } : {}),
  };
}

function walkField(field: FieldMeta, at: string, visit: Visit): FieldMeta {
  const walked: FieldMeta = { ...field, label: visit(`${at}.label`, field.label) };
  if (field.help !== undefined) walked.help = visit(`${at}.help`, field.help);
  if (field.placeholder !== undefined) walked.placeholder = visit(`${at}.placeholder`, field.placeholder);
  if (field.pathWarning !== undefined) walked.pathWarning = visit(`${at}.pathWarning`, field.pathWarning);
  if (field.options) walked.options = walkOptions(field.options, `${at}.options`, visit);
  if (field.suggestions) walked.suggestions = walkOptions(field.suggestions, `${at}.suggestions`, visit);
  if (field.itemFields) walked.itemFields = field.itemFields.map((item) => walkField(item, `${at}.itemFields.${item.key}`, visit));
  return walked;
}

function walkOptions(options: FieldOption[], at: string, visit: Visit): FieldOption[] {
  return options.map((option) => ({ ...option, label: visit(`${at}.${option.value}`, option.label) }));
}
