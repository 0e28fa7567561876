import i18n from "../i18n/index.js";

/** Formatting follows the interface language (pt-BR: "1,5 s", "28/11/2026, 14:03:09"). */
function locale(lng?: string): string {
  return lng ?? i18n.resolvedLanguage ?? i18n.language ?? "pt-BR";
}

/** 850 → "850 ms", 1530 → "1,5 s", 125000 → "2 min 5 s", 3_720_000 → "1 h 2 min". */
export function formatDuration(ms: number | null | undefined, lng?: string): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  const loc = locale(lng);
  const unit = (value: number, u: "millisecond" | "second" | "minute" | "hour", digits = 0) =>
    new Intl.NumberFormat(loc, { style: "unit", unit: u, unitDisplay: "narrow", maximumFractionDigits: digits }).format(value);
  if (ms < 1000) return unit(Math.round(ms), "millisecond").replace(/(\d)ms/, "$1 ms");
  if (ms < 60_000) return unit(ms / 1000, "second", ms < 10_000 ? 1 : 0).replace(/(\d)s/, "$1 s");
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  return seconds > 0 ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

const BYTE_UNITS = ["kilobyte", "megabyte", "gigabyte"] as const;

/** 850 → "850 B", 1234 → "1,2 kB", 48_900 → "49 kB", 2_500_000 → "2,5 MB" (decimal units, as HTTP tools show them). */
export function formatBytes(bytes: number | null | undefined, lng?: string): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return "—";
  const loc = locale(lng);
  if (bytes < 1000) return `${new Intl.NumberFormat(loc).format(bytes)} B`;
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(loc, { style: "unit", unit: BYTE_UNITS[unit], unitDisplay: "short", maximumFractionDigits: value < 10 ? 1 : 0 }).format(value);
}

export function formatDateTime(iso: string | null | undefined, lng?: string): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "—";
  return new Intl.DateTimeFormat(locale(lng), { dateStyle: "short", timeStyle: "medium" }).format(date);
}

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 30],
  ["month", 12],
  ["year", Number.POSITIVE_INFINITY],
];

/** "há 5 minutos" / "5 minutes ago"; "agora" under ten seconds. */
export function formatRelativeTime(iso: string | null | undefined, now: Date = new Date(), lng?: string): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "—";
  const rtf = new Intl.RelativeTimeFormat(locale(lng), { numeric: "auto" });
  let value = (date.getTime() - now.getTime()) / 1000;
  if (Math.abs(value) < 10) return rtf.format(0, "second");
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(value) < size) return rtf.format(Math.round(value), unit);
    value /= size;
  }
  return formatDateTime(iso, lng);
}
