import { ConnectionCreateSchema, ConnectionUpdateSchema } from "@fluxo/contracts";
import { connectors, type ConnectorDefinition } from "@fluxo/connectors";
import { z } from "zod";

/**
 * Connection bodies as the document describes them: ConnectionCreateSchema and
 * ConnectionUpdateSchema take any `values`, and ConnectionService then checks them against
 * the connector's connection fields, each with its own zod schema. These spell those same
 * field schemas out per connector, so GET /api/openapi.json says what `values` must hold
 * (a BTG-ID connection without clientId is refused by both). They are never stricter than
 * the service: a field it lets be empty may be "" or null here too.
 */

type Mode = "create" | "update";

function valuesOf(connector: ConnectorDefinition, mode: Mode): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const field of connector.connectionFields) {
    const mayBeEmpty = !field.required || field.visibleWhen !== undefined || (mode === "update" && field.secret === true);
    const schema = mayBeEmpty ? z.union([field.schema, z.literal(""), z.null()]) : field.schema;
    // On create a required field must be there; on update what is left out keeps the stored value.
    shape[field.key] = mode === "create" && !mayBeEmpty ? schema : schema.optional();
  }
  const secrets = connector.connectionFields.filter((f) => f.secret).map((f) => f.key);
  const note = mode === "update" && secrets.length > 0 ? ` A secret left out, empty or null keeps the stored one (${secrets.join(", ")}).` : "";
  // The service refuses keys the connector doesn't have.
  return z.strictObject(shape).describe(`${connector.name}: its connection fields (GET /api/connectors → connectionFields).${note}`);
}

const union = <T extends z.ZodType>(variants: T[]) => z.union(variants as [T, ...T[]]);

/** POST /api/connections, per connector. */
export const ConnectionCreateByConnector = union(connectors.map((c) => ConnectionCreateSchema.extend({ connector: z.literal(c.key), values: valuesOf(c, "create") })));

/** PUT /api/connections/{id}: the connector is the stored one's, so `values` may be any connector's. */
export const ConnectionUpdateByConnector = ConnectionUpdateSchema.extend({ values: union(connectors.map((c) => valuesOf(c, "update"))).optional() });

/** POST /api/connections/test: a connection's fields before saving; with `id`, that connection's stored secrets fill the ones left out. */
export const ConnectionTestSchema = ConnectionCreateSchema.extend({ id: z.string().optional(), name: z.string().default("") });

/** The same, per connector; fields may be missing (filled from the stored connection). */
export const ConnectionTestByConnector = union(connectors.map((c) => ConnectionTestSchema.extend({ connector: z.literal(c.key), values: valuesOf(c, "update").optional() })));
