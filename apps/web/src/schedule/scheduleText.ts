import cronstrue from "cronstrue";
// Registers the Portuguese texts on cronstrue (the locale file is a plug-in, not a module with exports).
import "cronstrue/locales/pt_BR";

/** "A cada 5 minutos", "Às 09:00, de segunda-feira a sexta-feira": a valid cron, said in the UI's language. */
export function describeCron(cron: string, lng: string): string {
  return cronstrue.toString(cron.trim(), { locale: lng.startsWith("pt") ? "pt_BR" : "en", use24HourTimeFormat: true, verbose: false });
}

const sameDay = (a: Date, b: Date, timeZone: string) => {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone, dateStyle: "short" });
  return day.format(a) === day.format(b);
};

/**
 * A fire time as read in the schedule's zone: "14:05" today, "08/12 09:00" another day; seconds
 * only for a six-field cron (which ticks on seconds).
 */
export function formatFireTime(iso: string | Date, timeZone: string, lng: string, withSeconds: boolean, now: Date = new Date()): string {
  const at = typeof iso === "string" ? new Date(iso) : iso;
  const time: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit", ...(withSeconds ? { second: "2-digit" } : {}), hourCycle: "h23" };
  const options: Intl.DateTimeFormatOptions = sameDay(at, now, timeZone) ? time : { day: "2-digit", month: "2-digit", ...time };
  return new Intl.DateTimeFormat(lng, { ...options, timeZone }).format(at);
}

/** A six-field cron names seconds first. */
export const hasSeconds = (cron: string) => cron.trim().split(/\s+/).length === 6;
