import { describe, expect, it } from "vitest";
import { describeCron, formatFireTime, hasSeconds } from "./scheduleText.js";

describe("scheduleText", () => {
  it("explains a cron in Portuguese (and in English)", () => {
    expect(describeCron("*/5 * * * *", "pt-BR")).toBe("A cada 5 minutos");
    expect(describeCron("*/3 * * * * *", "pt-BR")).toBe("A cada 3 segundos");
    expect(describeCron("0 9 * * 1-5", "pt-BR")).toMatch(/09:00.*segunda-feira.*sexta-feira/);
    expect(describeCron("*/5 * * * *", "en")).toBe("Every 5 minutes");
  });

  it("shows a fire time in the schedule's zone: the time alone today, with the date another day, seconds for a six-field cron", () => {
    const now = new Date("2026-12-07T15:00:00.000Z"); // 12:00 in São Paulo
    expect(formatFireTime("2026-12-07T17:05:00.000Z", "America/Sao_Paulo", "pt-BR", false, now)).toBe("14:05");
    expect(formatFireTime("2026-12-07T17:05:09.000Z", "America/Sao_Paulo", "pt-BR", true, now)).toBe("14:05:09");
    expect(formatFireTime("2026-12-08T12:00:00.000Z", "America/Sao_Paulo", "pt-BR", false, now)).toBe("08/12, 09:00");
    // 02:30 UTC on the 8th is still the 7th in São Paulo: "today" is the zone's day.
    expect(formatFireTime("2026-12-08T02:30:00.000Z", "America/Sao_Paulo", "pt-BR", false, now)).toBe("23:30");
    expect(hasSeconds("*/3 * * * * *")).toBe(true);
    expect(hasSeconds("*/3 * * * *")).toBe(false);
  });
});
