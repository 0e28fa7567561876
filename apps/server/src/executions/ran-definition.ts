import { FlowDefinitionSchema, type FlowDefinition } from "@fluxo/contracts";
import type pg from "pg";

/**
 * The definition the execution aliased `e` ran, as an SQL expression. A draft run (editor, API, step
 * test) keeps its own copy, since the draft changes; a published run (gateway, schedule, their
 * re-runs) stores none: its version (`flowVersion`, immutable) is what it ran. Published runs
 * stored before that keep their copy, which is read first.
 */
export const ranDefinition = (e: string): string =>
  `COALESCE(${e}.definition, (SELECT v.definition FROM "FlowVersion" v WHERE NOT ${e}.draft AND v."flowId" = ${e}."flowId" AND v.number = ${e}."flowVersion"))`;

/** The definition execution `id` ran; null when there is no such execution. */
export async function readRanDefinition(pool: pg.Pool, id: string): Promise<FlowDefinition | null> {
  const { rows } = await pool.query<{ definition: unknown }>(`SELECT ${ranDefinition("e")} AS definition FROM "Execution" e WHERE e.id = $1`, [id]);
  return rows[0] ? FlowDefinitionSchema.parse(rows[0].definition) : null;
}
