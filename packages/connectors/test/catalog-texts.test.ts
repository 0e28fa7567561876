import { describe, expect, it } from "vitest";
import { catalogTexts, connectorCatalog, connectors, toConnectorMeta } from "../src/index.js";

/** Identifiers, URLs and codes read the same in any language (GET, client_credentials, https://…, x-tenant-id). */
const LANGUAGE_NEUTRAL = (text: string) => /^[\x21-\x7e]+$/.test(text) && (/[_./:{}<>$0-9-]/.test(text) || text === text.toUpperCase());

describe("the connector catalog in English", () => {
  for (const connector of connectors) {
    it(`${connector.key}: every text of its metadata has a translation, and no translation is for a text it no longer has`, () => {
      const texts = new Set(catalogTexts(toConnectorMeta(connector)).values());
      const english = connector.translations?.en ?? {};
      const missing = [...texts].filter((text) => !LANGUAGE_NEUTRAL(text) && !Object.hasOwn(english, text));
      expect(missing).toEqual([]);
      // A shared dictionary (the request fields) may hold texts of the other connector using it.
      const shared = new Set(connectors.flatMap((c) => [...catalogTexts(toConnectorMeta(c)).values()]));
      expect(Object.keys(english).filter((text) => !shared.has(text))).toEqual([]);
    });
  }

  it("serves English where it has it and the same shape as in Portuguese", () => {
    const [pt, en] = [connectorCatalog("pt-BR"), connectorCatalog("en")];
    const btgPt = pt.find((c) => c.key === "btg-id")!;
    const btgEn = en.find((c) => c.key === "btg-id")!;
    const clientId = (catalog: typeof pt) => catalog.find((c) => c.key === "btg-id")!.connectionFields.find((f) => f.key === "clientId")!.label;
    expect(clientId(pt)).toBe("ID do Cliente");
    expect(clientId(en)).toBe("Client ID");
    expect(btgPt.name).toBe(btgEn.name);
    expect(btgEn.operations.map((o) => o.name)).toEqual(["Get Credentials", "Call API"]);
    const condition = en.find((c) => c.key === "condition")!;
    expect(condition.operations[0]!.ports?.map((p) => p.label)).toEqual(["True", "False"]);
    // Keys, values and structure don't change with the language: only words do.
    const shape = (catalog: typeof pt) => JSON.stringify(catalog, (key, value: unknown) => (["label", "name", "description", "help", "placeholder", "pathWarning"].includes(key) ? "" : value));
    expect(shape(en)).toBe(shape(pt));
  });
});
