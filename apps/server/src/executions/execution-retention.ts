import type { ExecutionRetention } from "@fluxo/contracts";
import type { Pool } from "pg";

/** Each workspace's retention settings (Workspace.executionRetentionDays / executionRetentionCount). */
export class ExecutionRetentionSettings {
  constructor(private readonly pool: Pool) {}

  async get(workspaceId: string): Promise<ExecutionRetention> {
    const { rows } = await this.pool.query<ExecutionRetention>(`SELECT "executionRetentionDays" AS days, "executionRetentionCount" AS "maxExecutions" FROM "Workspace" WHERE id = $1`, [workspaceId]);
    return rows[0]!;
  }

  async set(workspaceId: string, settings: ExecutionRetention): Promise<ExecutionRetention> {
    await this.pool.query(`UPDATE "Workspace" SET "executionRetentionDays" = $2, "executionRetentionCount" = $3 WHERE id = $1`, [workspaceId, settings.days, settings.maxExecutions]);
    return this.get(workspaceId);
  }
}
