import { nextFireTimes } from "@fluxo/contracts";
import type { PrismaClient } from "../db/database.js";
import type { Logger } from "../logger.js";
import type { Scheduler } from "./scheduler.js";

/** setTimeout's longest delay (about 24.8 days); a tick further away is reached in hops. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Armed {
  flowId: string;
  cron: string;
  timezone: string;
}

/**
 * Single mode: one timer per enabled schedule in the API process, armed for the next fire time
 * and re-armed from that time (not from when the run ended), so a slow run delays no tick.
 * Ticks that fell while the process was down are not replayed: on start each schedule waits for
 * its next time.
 */
export class LocalScheduler implements Scheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  private constructor(
    private readonly prisma: PrismaClient,
    private readonly fire: (flowId: string, tickAt: Date) => Promise<"fired" | "gone">,
    private readonly logger: Logger,
  ) {}

  static async start(prisma: PrismaClient, fire: (flowId: string, tickAt: Date) => Promise<"fired" | "gone">, logger: Logger): Promise<LocalScheduler> {
    const scheduler = new LocalScheduler(prisma, fire, logger);
    for (const schedule of await prisma.flowSchedule.findMany({ where: { enabled: true }, select: { flowId: true, cron: true, timezone: true } })) scheduler.arm(schedule, new Date());
    return scheduler;
  }

  async refresh(flowId: string): Promise<void> {
    this.disarm(flowId);
    const schedule = await this.prisma.flowSchedule.findUnique({ where: { flowId }, select: { flowId: true, cron: true, timezone: true, enabled: true } });
    if (schedule?.enabled) this.arm(schedule, new Date());
  }

  /** Timers in this process are always there. */
  assertAvailable(): void {}

  async close(): Promise<void> {
    for (const flowId of [...this.timers.keys()]) this.disarm(flowId);
  }

  private arm(schedule: Armed, after: Date): void {
    const next = nextFireTimes(schedule.cron, schedule.timezone, 1, after)[0];
    if (!next) return;
    const delay = next.getTime() - Date.now();
    const timer =
      delay > MAX_TIMER_MS
        ? setTimeout(() => this.arm(schedule, after), MAX_TIMER_MS)
        : setTimeout(() => void this.tick(schedule, next, timer), Math.max(0, delay));
    timer.unref();
    this.timers.set(schedule.flowId, timer);
  }

  private disarm(flowId: string): void {
    clearTimeout(this.timers.get(flowId));
    this.timers.delete(flowId);
  }

  private async tick(schedule: Armed, tickAt: Date, timer: NodeJS.Timeout): Promise<void> {
    if (this.timers.get(schedule.flowId) !== timer) return; // refreshed meanwhile
    this.arm(schedule, tickAt);
    try {
      if ((await this.fire(schedule.flowId, tickAt)) === "gone") await this.refresh(schedule.flowId);
    } catch (error) {
      this.logger.error({ err: error, flowId: schedule.flowId, tickAt }, "scheduled run could not be stored; the next tick will try again");
    }
  }
}
