import type { FlowScheduleBrief } from "@fluxo/contracts";
import { useTranslation } from "react-i18next";
import { ClockIcon } from "../ui/index.js";
import { describeCron, formatFireTime, hasSeconds } from "./scheduleText.js";
import { useNextFireTimes } from "./useNextFireTimes.js";
import "./schedule.css";

/** One line for a schedule: "A cada 5 minutos · próxima 14:05" (in the schedule's zone), or "… · pausado". */
export function ScheduleLine({ schedule }: { schedule: Pick<FlowScheduleBrief, "cron" | "timezone" | "enabled"> }) {
  const { t, i18n } = useTranslation("editor");
  const every = describeCron(schedule.cron, i18n.language);
  const [next] = useNextFireTimes(schedule.enabled ? schedule.cron : null, schedule.timezone, 1);
  const text = next ? t("schedule.line", { every, next: formatFireTime(next, schedule.timezone, i18n.language, hasSeconds(schedule.cron)) }) : t("schedule.linePaused", { every });
  return (
    <span className="schedule-line" data-testid="schedule-line" title={`${text} (${schedule.timezone})`}>
      <ClockIcon />
      <span>{text}</span>
    </span>
  );
}
