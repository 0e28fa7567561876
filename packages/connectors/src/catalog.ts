import type { ConnectorMeta } from "@fluxo/contracts";
import { btgId } from "./btg-id/index.js";
import { http } from "./http/index.js";
import { condition } from "./condition/index.js";
import { loop } from "./loop/index.js";
import { transform } from "./transform/index.js";
import { wait } from "./wait/index.js";
import { toConnectorMeta } from "./sdk/meta.js";
import { translateConnectorMeta, type CatalogLanguage } from "./sdk/texts.js";
import type { ConnectorDefinition, OperationDefinition } from "./sdk/types.js";

export const connectors: readonly ConnectorDefinition[] = [btgId, http, condition, loop, transform, wait];

export function getConnector(key: string): ConnectorDefinition | undefined {
  return connectors.find((connector) => connector.key === key);
}

export function getOperation(connectorKey: string, operationKey: string): OperationDefinition | undefined {
  return getConnector(connectorKey)?.operations.find((operation) => operation.key === operationKey);
}

/** What `GET /api/connectors` serves, in the language asked (pt-BR, as written, by default). */
export function connectorCatalog(language: CatalogLanguage = "pt-BR"): ConnectorMeta[] {
  return connectors.map((connector) => {
    const meta = toConnectorMeta(connector);
    return language === "pt-BR" ? meta : translateConnectorMeta(meta, connector.translations?.[language]);
  });
}
