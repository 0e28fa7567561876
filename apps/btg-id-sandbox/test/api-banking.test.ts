import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSandbox } from "../src/index.js";
import type { Sandbox } from "../src/index.js";
import { SCOPE, callApi, getToken } from "./helpers.js";

let sandbox: Sandbox;
let token: string;
beforeAll(async () => {
  sandbox = await startSandbox();
  token = await getToken(sandbox, { scope: `${SCOPE.accounts} ${SCOPE.payments}` });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const STATEMENTS = "/12345678/banking/accounts/001/statements";
const get = (path: string) => callApi(sandbox, path, { token });
const statements = (query: string) => get(`${STATEMENTS}?${query}`);

interface Entry {
  id: string;
  date: string;
  bookedAt: string;
  type: string;
  direction: string;
  amount: number;
  currency: string;
  description: string;
  counterparty: { name: string; taxId: string } | null;
}

describe("GET /{companyId}/banking/accounts/{accountId}/balance", () => {
  it("names the account and gives available, blocked and total in BRL", async () => {
    const before = Date.now();
    const answer = await get("/12345678/banking/accounts/001/balance");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/json");
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(answer.json).toEqual({
      companyId: "12345678",
      accountId: "001",
      bankCode: "208",
      branch: "0050",
      accountNumber: "004512367",
      accountType: "CHECKING",
      holderName: "Comercial Ipê Amarelo Ltda",
      holderTaxId: "12345678000195",
      currency: "BRL",
      available: 152340.75,
      blocked: 1200,
      total: 153540.75,
      updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    });
    expect(Date.parse(String(answer.json?.updatedAt))).toBeGreaterThanOrEqual(before - 1000);
  });

  it("knows the other seeded accounts", async () => {
    expect((await get("/12345678/banking/accounts/002/balance")).json).toMatchObject({
      accountNumber: "004512375",
      available: 8940.1,
      blocked: 0,
      total: 8940.1,
    });
    expect((await get("/87654321/banking/accounts/001/balance")).json).toMatchObject({
      holderName: "Transportadora Serra Azul S.A.",
      holderTaxId: "87654321000198",
      accountNumber: "007734219",
      available: 2750300,
      blocked: 15000.5,
      total: 2765300.5,
    });
  });

  it("answers HEAD like GET, without a body", async () => {
    const answer = await callApi(sandbox, "/12345678/banking/accounts/001/balance", { token, method: "HEAD" });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe("");
  });
});

describe("GET /{companyId}/banking/accounts/{accountId}/statements", () => {
  it("has exactly 3 entries a day, oldest first, on the São Paulo day asked for", async () => {
    const answer = await statements("startDate=2025-01-14&endDate=2025-01-15");
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      companyId: "12345678",
      accountId: "001",
      startDate: "2025-01-14",
      endDate: "2025-01-15",
      pageNumber: 1,
      pageSize: 50,
      totalItems: 6,
      totalPages: 1,
    });
    const items = answer.json?.items as Entry[];
    expect(items.map((e) => e.date)).toEqual(["2025-01-14", "2025-01-14", "2025-01-14", "2025-01-15", "2025-01-15", "2025-01-15"]);
    const times = items.map((e) => Date.parse(e.bookedAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(new Set(items.map((e) => e.id)).size).toBe(6);
    for (const entry of items) {
      expect(entry).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
        date: expect.any(String),
        bookedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/),
        type: expect.stringMatching(/^(PIX_RECEIVED|PIX_SENT|TED_RECEIVED|BOLETO_PAID|FEE)$/),
        direction: entry.type.endsWith("_RECEIVED") ? "CREDIT" : "DEBIT",
        amount: expect.any(Number),
        currency: "BRL",
        description: expect.any(String),
        counterparty: entry.type === "FEE" ? null : { name: expect.any(String), taxId: expect.stringMatching(/^\d{14}$/) },
      });
      expect(entry.amount).toBeGreaterThan(0);
      expect(Math.round(entry.amount * 100) / 100).toBe(entry.amount);
      // Booked between 08:00 and 19:59 in São Paulo (UTC−3) on that day.
      const hourUtc = new Date(entry.bookedAt).getUTCHours();
      expect(entry.bookedAt.slice(0, 10)).toBe(entry.date);
      expect(hourUtc).toBeGreaterThanOrEqual(11);
      expect(hourUtc).toBeLessThanOrEqual(22);
    }
  });

  it("is deterministic, and differs between accounts", async () => {
    const query = "startDate=2024-12-01&endDate=2024-12-03";
    const first = await statements(query);
    expect((await statements(query)).json).toEqual(first.json);
    const other = await get(`/12345678/banking/accounts/002/statements?${query}`);
    expect(other.json?.totalItems).toBe(9);
    expect(other.json?.items).not.toEqual(first.json?.items);
  });

  it("pages through a month: 31 days × 3 = 93 entries, then an empty page past the end", async () => {
    const range = "startDate=2025-01-01&endDate=2025-01-31";
    const all = await statements(`${range}&pageSize=100`);
    expect(all.json).toMatchObject({ totalItems: 93, totalPages: 1, pageSize: 100 });

    const collected: Entry[] = [];
    for (let pageNumber = 1; pageNumber <= 10; pageNumber++) {
      const page = await statements(`${range}&pageSize=10&pageNumber=${pageNumber}`);
      expect(page.json).toMatchObject({ pageNumber, pageSize: 10, totalItems: 93, totalPages: 10 });
      const items = page.json?.items as Entry[];
      expect(items).toHaveLength(pageNumber === 10 ? 3 : 10);
      collected.push(...items);
    }
    expect(collected).toEqual(all.json?.items);

    const past = await statements(`${range}&pageSize=10&pageNumber=11`);
    expect(past.status).toBe(200);
    expect(past.json).toMatchObject({ items: [], pageNumber: 11, pageSize: 10, totalItems: 93, totalPages: 10 });
  });

  it("accepts up to 366 days, both ends included", async () => {
    const leapYear = await statements("startDate=2024-01-01&endDate=2024-12-31&pageSize=1&pageNumber=1098");
    expect(leapYear.json).toMatchObject({ totalItems: 1098, totalPages: 1098 });
    expect((leapYear.json?.items as Entry[])[0]?.date).toBe("2024-12-31");
    const tooLong = await statements("startDate=2024-01-01&endDate=2025-01-01");
    expect(tooLong.status).toBe(400);
    expect(tooLong.json?.fields).toEqual({ endDate: "must be at most 366 days after startDate, both included" });
  });

  it("refuses bad dates and page parameters with 400 naming each field", async () => {
    const answer = await statements("startDate=2025-02-30&pageSize=0&pageNumber=x");
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      error: "invalid_request",
      error_description:
        "the statement query has invalid fields: startDate must be a calendar date as YYYY-MM-DD; endDate is required (YYYY-MM-DD); " +
        "pageNumber must be an integer from 1 to 1000000; pageSize must be an integer from 1 to 100",
      fields: {
        startDate: "must be a calendar date as YYYY-MM-DD",
        endDate: "is required (YYYY-MM-DD)",
        pageNumber: "must be an integer from 1 to 1000000",
        pageSize: "must be an integer from 1 to 100",
      },
    });

    const cases: Array<[string, Record<string, string>]> = [
      ["", { startDate: "is required (YYYY-MM-DD)", endDate: "is required (YYYY-MM-DD)" }],
      ["startDate=2025-1-5&endDate=2025-01-05", { startDate: "must be a calendar date as YYYY-MM-DD" }],
      ["startDate=2025-01-05&endDate=05/01/2025", { endDate: "must be a calendar date as YYYY-MM-DD" }],
      ["startDate=2025-01-05&endDate=2025-01-04", { endDate: "must not be before startDate" }],
      ["startDate=2025-01-05&endDate=2025-01-05&pageSize=101", { pageSize: "must be an integer from 1 to 100" }],
      ["startDate=2025-01-05&endDate=2025-01-05&pageSize=1.5", { pageSize: "must be an integer from 1 to 100" }],
      ["startDate=2025-01-05&endDate=2025-01-05&pageNumber=-1", { pageNumber: "must be an integer from 1 to 1000000" }],
      ["startDate=2025-01-05&endDate=2025-01-05&pageNumber=0", { pageNumber: "must be an integer from 1 to 1000000" }],
      ["startDate=2025-01-05&startDate=2025-01-06&endDate=2025-01-06", { startDate: "must be given once" }],
    ];
    for (const [query, fields] of cases) {
      const bad = await statements(query);
      expect(bad.status, query).toBe(400);
      expect(bad.json?.error, query).toBe("invalid_request");
      expect(bad.json?.fields, query).toEqual(fields);
    }
    expect(sandbox.stats().errors).toEqual({ invalid_request: cases.length + 1 });
  });

  it("treats empty page parameters as omitted", async () => {
    const answer = await statements("startDate=2025-01-05&endDate=2025-01-05&pageSize=&pageNumber=");
    expect(answer.json).toMatchObject({ pageNumber: 1, pageSize: 50, totalItems: 3 });
  });
});

describe("unknown companies, accounts and routes", () => {
  it("answers 404 for an unknown company or account, naming the known ones", async () => {
    expect(await get("/99999999/banking/accounts/001/balance")).toMatchObject({
      status: 404,
      json: { error: "not_found", error_description: "unknown company 99999999 (this sandbox knows 12345678, 87654321)" },
    });
    expect(await get("/12345678/banking/accounts/003/statements?startDate=2025-01-01&endDate=2025-01-01")).toMatchObject({
      status: 404,
      json: { error: "not_found", error_description: "company 12345678 has no account 003 (it has 001, 002)" },
    });
    expect(await get("/87654321/banking/accounts/002/balance")).toMatchObject({ status: 404 });
    expect(await get("/99999999/banking/payments")).toMatchObject({ status: 404 });
  });

  it("answers 404 JSON for an unknown API path (paths are case-sensitive)", async () => {
    for (const path of ["", "/", "/12345678", "/12345678/banking/accounts/001", "/12345678/BANKING/payments", "/12345678/banking/accounts/001/balance/extra"]) {
      const answer = await get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.headers.get("content-type")).toBe("application/json");
      expect(answer.json?.error).toBe("not_found");
    }
    expect((await get("/12345678/banking/cards")).json).toEqual({
      error: "not_found",
      error_description: "no such API endpoint: GET /api/12345678/banking/cards",
    });
  });

  it("asks for a token before saying whether a path exists", async () => {
    expect((await callApi(sandbox, "/12345678/banking/cards")).status).toBe(401);
  });

  it("answers 405 with Allow to another method", async () => {
    const post = await callApi(sandbox, "/12345678/banking/accounts/001/balance", { token, method: "POST" });
    expect(post).toMatchObject({
      status: 405,
      json: { error: "method_not_allowed", error_description: "POST is not allowed here; use GET, HEAD" },
    });
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    const remove = await callApi(sandbox, "/12345678/banking/payments", { token, method: "DELETE" });
    expect(remove.status).toBe(405);
    expect(remove.headers.get("allow")).toBe("GET, HEAD, POST");
    expect(sandbox.stats()).toMatchObject({ apiRequests: 2, errors: { method_not_allowed: 2 } });
  });
});
