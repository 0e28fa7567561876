import { CronExpressionParser } from "cron-parser";
import { z } from "zod";
import { TriggerInputSchema } from "./execution.js";
import { ref, stepMessage, type StepMessageRef } from "./step-messages.js";

/**
 * The Agendador: a flow's published version runs on a cron. This module is the one place that
 * says what a valid cron and zone are and when they fire, for the API (422), the schedulers and
 * the editor's live preview alike. The parser is the one BullMQ's job schedulers use in queue
 * mode, so the times shown are the times that fire.
 */

export const DEFAULT_SCHEDULE_TIMEZONE = "America/Sao_Paulo";
/** How many next fire times GET /api/flows/:id/schedule answers. */
export const NEXT_RUNS_SHOWN = 5;

interface CronField {
  name: StepMessageRef;
  range: StepMessageRef;
}

const SECOND: CronField = { name: ref("schedule.field.second"), range: ref("schedule.range.seconds_minutes") };
const FIVE_FIELDS: CronField[] = [
  { name: ref("schedule.field.minute"), range: ref("schedule.range.seconds_minutes") },
  { name: ref("schedule.field.hour"), range: ref("schedule.range.hours") },
  { name: ref("schedule.field.day_of_month"), range: ref("schedule.range.days") },
  { name: ref("schedule.field.month"), range: ref("schedule.range.months") },
  { name: ref("schedule.field.day_of_week"), range: ref("schedule.range.weekdays") },
];

/** A schedule's problem: its pt-BR `message`, and the code and params to tell it in the language chosen. */
export type ScheduleProblem = ReturnType<typeof stepMessage>;

/** Why a cron expression can't be used, naming the field; null when it's valid and fires. */
export function cronProblem(cron: string): ScheduleProblem | null {
  const fields = cron.trim().split(/\s+/).filter(Boolean);
  if (fields.length !== 5 && fields.length !== 6) return stepMessage("schedule.cron_field_count", { count: fields.length });
  const names = fields.length === 6 ? [SECOND, ...FIVE_FIELDS] : FIVE_FIELDS;
  for (const [i, field] of fields.entries()) {
    // Each field alone, the others "*", so the message names the field that is wrong.
    const probe = fields.map((f, j) => (j === i ? f : "*")).join(" ");
    if (/[hH]/.test(field) || !parses(probe)) {
      return stepMessage("schedule.cron_field_invalid", { field: names[i]!.name, value: field, range: names[i]!.range });
    }
  }
  try {
    CronExpressionParser.parse(fields.join(" "), { tz: "UTC" }).next();
  } catch {
    return stepMessage("schedule.cron_never");
  }
  return null;
}

function parses(expression: string): boolean {
  try {
    CronExpressionParser.parse(expression, { tz: "UTC" });
    return true;
  } catch {
    return false;
  }
}

/** Why a time zone can't be used; null for an IANA name this runtime knows (e.g. America/Sao_Paulo, UTC). */
export function timezoneProblem(timezone: string): ScheduleProblem | null {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: timezone });
    return null;
  } catch {
    return stepMessage("schedule.timezone_unknown", { timezone });
  }
}

/** A schedule problem as a zod issue: the pt-BR message, with its code in params for whoever tells it in another language. */
function codedIssue({ message, messageCode, messageParams }: ScheduleProblem) {
  return { code: "custom" as const, message, params: { messageCode, messageParams } };
}

/** The next `count` fire times after `from`, as Dates; [] when the expression is invalid. */
export function nextFireTimes(cron: string, timezone: string, count: number, from: Date = new Date()): Date[] {
  if (cronProblem(cron) || timezoneProblem(timezone)) return [];
  const expression = CronExpressionParser.parse(cron.trim(), { tz: timezone, currentDate: from });
  return expression.take(count).map((d) => d.toDate());
}

export const ScheduleUpdateSchema = z.object({
  cron: z
    .string()
    .trim()
    .superRefine((cron, ctx) => {
      const problem = cronProblem(cron);
      if (problem) ctx.addIssue(codedIssue(problem));
    })
    .describe('Five fields (minute hour day-of-month month day-of-week) or six with seconds first, e.g. "*/5 * * * *".'),
  timezone: z
    .string()
    .trim()
    .default(DEFAULT_SCHEDULE_TIMEZONE)
    .superRefine((timezone, ctx) => {
      const problem = timezoneProblem(timezone);
      if (problem) ctx.addIssue(codedIssue(problem));
    })
    .describe("An IANA time zone the cron is read in."),
  enabled: z.boolean().default(true).describe("False keeps the schedule without firing it."),
  input: TriggerInputSchema.default({ body: null, headers: {}, query_params: {} }).describe("The trigger input each scheduled run gets, as a run's input."),
});
export type ScheduleUpdate = z.input<typeof ScheduleUpdateSchema>;

const DateTime = z.string().meta({ format: "date-time" });

export const FlowScheduleSchema = z.object({
  flowId: z.string(),
  cron: z.string(),
  timezone: z.string(),
  enabled: z.boolean(),
  input: TriggerInputSchema,
  nextRuns: z.array(DateTime).describe(`The next ${NEXT_RUNS_SHOWN} fire times (ISO, UTC); empty while disabled.`),
  updatedAt: DateTime,
  updatedBy: z.object({ id: z.string().nullable(), name: z.string() }).nullable(),
});
export type FlowSchedule = z.infer<typeof FlowScheduleSchema>;

/** What the flows list shows of a schedule. */
export const FlowScheduleBriefSchema = z.object({
  cron: z.string(),
  timezone: z.string(),
  enabled: z.boolean(),
  nextRunAt: DateTime.nullable().describe("Null while disabled."),
});
export type FlowScheduleBrief = z.infer<typeof FlowScheduleBriefSchema>;

export function toScheduleBrief(schedule: Pick<FlowScheduleBrief, "cron" | "timezone" | "enabled">, from: Date = new Date()): FlowScheduleBrief {
  const next = schedule.enabled ? nextFireTimes(schedule.cron, schedule.timezone, 1, from)[0] : undefined;
  return { cron: schedule.cron, timezone: schedule.timezone, enabled: schedule.enabled, nextRunAt: next?.toISOString() ?? null };
}
