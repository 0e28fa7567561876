import { describe, expect, it } from "vitest";
import { cronProblem, nextFireTimes, ScheduleUpdateSchema, timezoneProblem, toScheduleBrief, type ScheduleProblem } from "./schedule.js";
import { renderStepMessage } from "./step-messages.js";

const inEnglish = (problem: ScheduleProblem | null) => problem && renderStepMessage(problem.messageCode, problem.messageParams, "en");

describe("cronProblem", () => {
  it("accepts five fields and six with seconds first", () => {
    expect(cronProblem("*/5 * * * *")).toBeNull();
    expect(cronProblem("0 9 * * 1-5")).toBeNull();
    expect(cronProblem("*/10 * * * * *")).toBeNull();
    expect(cronProblem("  0  0 1 JAN *  ")).toBeNull();
  });

  it("names the field that is wrong and its range", () => {
    expect(cronProblem("61 * * * *")?.message).toBe('O campo minuto ("61") não é válido: use 0 a 59, listas (1,15), intervalos (1-5) ou passos (*/5)');
    expect(cronProblem("0 25 * * *")?.message).toMatch(/^O campo hora \("25"\) .* 0 a 23/);
    expect(cronProblem("0 0 32 * *")?.message).toMatch(/^O campo dia do mês \("32"\)/);
    expect(cronProblem("0 0 1 13 *")?.message).toMatch(/^O campo mês \("13"\)/);
    expect(cronProblem("0 0 * * 9")?.message).toMatch(/^O campo dia da semana \("9"\)/);
    expect(cronProblem("75 * * * * *")?.message).toMatch(/^O campo segundo \("75"\)/);
    expect(cronProblem("*/0 * * * *")?.message).toMatch(/^O campo minuto/);
    expect(cronProblem("abc * * * *")?.message).toMatch(/^O campo minuto \("abc"\)/);
  });

  it("refuses a wrong number of fields, saying how many it got", () => {
    expect(cronProblem("* * * *")?.message).toMatch(/^Use 5 campos .* recebi 4$/);
    expect(cronProblem("* * * * * * *")?.message).toMatch(/recebi 7$/);
    expect(cronProblem("")?.message).toMatch(/recebi 0$/);
  });

  it("refuses a date that never comes", () => {
    expect(cronProblem("0 0 30 2 *")?.message).toMatch(/nunca acontece/);
  });

  it("tells each problem in English by its code, the field and its range too", () => {
    expect(inEnglish(cronProblem("61 * * * *"))).toBe('The minute field ("61") is not valid: use 0 to 59, lists (1,15), ranges (1-5) or steps (*/5)');
    expect(inEnglish(cronProblem("0 0 * * 9"))).toMatch(/^The day of the week field \("9"\) is not valid: use 0 to 7 \(0 and 7 = Sunday\) or SUN to SAT/);
    expect(inEnglish(cronProblem("* * * *"))).toMatch(/^Use 5 fields .* got 4$/);
    expect(inEnglish(cronProblem("0 0 30 2 *"))).toMatch(/never come together/);
    expect(inEnglish(timezoneProblem("Brasília"))).toBe('"Brasília" is not a known IANA time zone; use a name such as America/Sao_Paulo, America/Manaus or UTC');
  });
});

describe("timezoneProblem", () => {
  it("accepts IANA names and refuses others", () => {
    expect(timezoneProblem("America/Sao_Paulo")).toBeNull();
    expect(timezoneProblem("UTC")).toBeNull();
    expect(timezoneProblem("America/Sao Paulo")?.message).toMatch(/não é um fuso horário IANA/);
    expect(timezoneProblem("Brasília")?.message).toMatch(/use um nome como America\/Sao_Paulo/);
  });
});

describe("nextFireTimes", () => {
  const from = new Date("2026-12-07T12:02:30.000Z");

  it("gives the next times after `from`", () => {
    expect(nextFireTimes("*/5 * * * *", "UTC", 3, from).map((d) => d.toISOString())).toEqual(["2026-12-07T12:05:00.000Z", "2026-12-07T12:10:00.000Z", "2026-12-07T12:15:00.000Z"]);
    expect(nextFireTimes("*/10 * * * * *", "UTC", 2, from).map((d) => d.toISOString())).toEqual(["2026-12-07T12:02:40.000Z", "2026-12-07T12:02:50.000Z"]);
  });

  it("reads the cron in the zone: 09:00 in São Paulo is 12:00 UTC (no daylight saving since 2019)", () => {
    expect(nextFireTimes("0 9 * * *", "America/Sao_Paulo", 2, from).map((d) => d.toISOString())).toEqual(["2026-12-08T12:00:00.000Z", "2026-12-09T12:00:00.000Z"]);
    expect(nextFireTimes("0 9 * * *", "Asia/Tokyo", 1, from)[0]!.toISOString()).toBe("2026-12-08T00:00:00.000Z");
  });

  it("is empty for an invalid cron or zone", () => {
    expect(nextFireTimes("61 * * * *", "UTC", 5, from)).toEqual([]);
    expect(nextFireTimes("* * * * *", "Mars/Olympus", 5, from)).toEqual([]);
  });

  it("the brief has no next run while disabled", () => {
    expect(toScheduleBrief({ cron: "0 * * * *", timezone: "UTC", enabled: true }, from).nextRunAt).toBe("2026-12-07T13:00:00.000Z");
    expect(toScheduleBrief({ cron: "0 * * * *", timezone: "UTC", enabled: false }, from).nextRunAt).toBeNull();
  });
});

describe("ScheduleUpdateSchema", () => {
  it("defaults the zone to São Paulo, enabled, and an empty input", () => {
    expect(ScheduleUpdateSchema.parse({ cron: "0 * * * *" })).toEqual({ cron: "0 * * * *", timezone: "America/Sao_Paulo", enabled: true, input: { body: null, headers: {}, query_params: {} } });
  });

  it("reports cron and timezone problems on their paths", () => {
    const result = ScheduleUpdateSchema.safeParse({ cron: "0 25 * * *", timezone: "Nowhere/City", input: { headers: { a: 1 } } });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["cron", "timezone", "input.headers.a"]));
  });
});
