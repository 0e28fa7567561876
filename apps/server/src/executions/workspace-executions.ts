import { problem } from "../http/route-problems.js";
import type { ExecutionListPage, ExecutionListQuery, ExecutionSummary } from "@fluxo/contracts";
import type pg from "pg";
import { toExecutionSummary } from "../flows/flow-service.js";
import { validationProblem } from "../http/problem.js";

type Row = Parameters<typeof toExecutionSummary>[0];

/**
 * The Execuções page's list: every flow's executions in a workspace, newest first, paged by
 * cursor (the last item's createdAt and id), so a page stays right while new runs arrive.
 */
export async function listWorkspaceExecutions(pool: pg.Pool, workspaceId: string, query: ExecutionListQuery): Promise<ExecutionListPage> {
  const values: unknown[] = [workspaceId];
  const where = [`f."workspaceId" = $1`];
  const add = (sql: (param: string) => string, value: unknown) => {
    values.push(value);
    where.push(sql(`$${values.length}`));
  };
  if (query.status) add((p) => `e.status = ${p}::"ExecutionStatus"`, query.status);
  if (query.flowId) add((p) => `e."flowId" = ${p}::uuid`, query.flowId);
  if (query.source) add((p) => `e."triggerSource" = ${p}::"TriggerSource"`, query.source);
  // A step test ("Testar passo") ran one step of the draft, on the input of the run it was tested against: no run of the flow.
  if (query.kind) where.push(query.kind === "test" ? `e."triggerSource" = 'test'` : `e."triggerSource" <> 'test'`);
  if (query.from) add((p) => `e."createdAt" >= ${asStored(p)}`, new Date(query.from));
  if (query.to) add((p) => `e."createdAt" < ${asStored(p)}`, new Date(query.to));
  if (query.cursor) {
    const after = decodeCursor(query.cursor);
    values.push(after.createdAt, after.id);
    where.push(`(e."createdAt", e.id) < (${asStored(`$${values.length - 1}`)}, $${values.length}::uuid)`);
  }
  values.push(query.limit + 1);
  const { rows } = await pool.query<Row>(
    `SELECT e.id, e."flowId", e."flowVersion", e.draft, ${utc("draftSavedAt")}, e."triggerSource", e.status,
            ${utc("startedAt")}, ${utc("finishedAt")}, ${utc("createdAt")}
     FROM "Execution" e JOIN "Flow" f ON f.id = e."flowId"
     WHERE ${where.join(" AND ")}
     ORDER BY e."createdAt" DESC, e.id DESC
     LIMIT $${values.length}`,
    values,
  );
  const items = rows.slice(0, query.limit).map(toExecutionSummary);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
}

/** Times are stored as UTC without a zone (Prisma's DateTime): read and compared as such, whatever the session's zone. */
const utc = (column: string) => `(e."${column}" AT TIME ZONE 'UTC') AS "${column}"`;
const asStored = (param: string) => `(${param}::timestamptz AT TIME ZONE 'UTC')`;

function encodeCursor(item: ExecutionSummary): string {
  return Buffer.from(`${item.createdAt}|${item.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const createdAt = new Date(at ?? "");
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(createdAt.getTime())) {
    throw validationProblem(problem("query.invalid_fields"), [
      { path: "cursor", message: "Não é um cursor desta lista: use o nextCursor da página anterior, sem alterá-lo." },
    ]);
  }
  return { createdAt, id };
}
