import type { StepMessageTexts } from "./texts.js";

/**
 * Why a schedule's cron or time zone can't be used (schedule.ts: cronProblem, timezoneProblem), for
 * the Agendador's live hints in the browser and the API's 422 alike.
 */
export const SCHEDULE_MESSAGES = {
  "schedule.cron_field_count": {
    "pt-BR": 'Use 5 campos (minuto hora dia-do-mês mês dia-da-semana, ex.: "*/5 * * * *") ou 6 com os segundos primeiro (ex.: "*/10 * * * * *"); recebi {{count}}',
    en: 'Use 5 fields (minute hour day-of-month month day-of-week, e.g. "*/5 * * * *") or 6 with the seconds first (e.g. "*/10 * * * * *"); got {{count}}',
  },
  "schedule.cron_field_invalid": {
    "pt-BR": 'O campo {{field}} ("{{value}}") não é válido: use {{range}}, listas (1,15), intervalos (1-5) ou passos (*/5)',
    en: 'The {{field}} field ("{{value}}") is not valid: use {{range}}, lists (1,15), ranges (1-5) or steps (*/5)',
  },
  "schedule.cron_never": {
    "pt-BR": "A combinação de dia e mês nunca acontece (ex.: 30 de fevereiro); escolha uma data que exista",
    en: "That day and month never come together (e.g. February 30); choose a date that exists",
  },
  "schedule.timezone_unknown": {
    "pt-BR": '"{{timezone}}" não é um fuso horário IANA conhecido; use um nome como America/Sao_Paulo, America/Manaus ou UTC',
    en: '"{{timezone}}" is not a known IANA time zone; use a name such as America/Sao_Paulo, America/Manaus or UTC',
  },
  "schedule.field.second": { "pt-BR": "segundo", en: "second" },
  "schedule.field.minute": { "pt-BR": "minuto", en: "minute" },
  "schedule.field.hour": { "pt-BR": "hora", en: "hour" },
  "schedule.field.day_of_month": { "pt-BR": "dia do mês", en: "day of the month" },
  "schedule.field.month": { "pt-BR": "mês", en: "month" },
  "schedule.field.day_of_week": { "pt-BR": "dia da semana", en: "day of the week" },
  "schedule.range.seconds_minutes": { "pt-BR": "0 a 59", en: "0 to 59" },
  "schedule.range.hours": { "pt-BR": "0 a 23", en: "0 to 23" },
  "schedule.range.days": { "pt-BR": "1 a 31", en: "1 to 31" },
  "schedule.range.months": { "pt-BR": "1 a 12 ou JAN a DEC", en: "1 to 12 or JAN to DEC" },
  "schedule.range.weekdays": { "pt-BR": "0 a 7 (0 e 7 = domingo) ou SUN a SAT", en: "0 to 7 (0 and 7 = Sunday) or SUN to SAT" },
} as const satisfies StepMessageTexts;
