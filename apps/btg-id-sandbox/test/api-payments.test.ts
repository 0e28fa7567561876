import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_CLIENT, startSandbox } from "../src/index.js";
import type { Sandbox } from "../src/index.js";
import { SCOPE, callApi, getToken } from "./helpers.js";
import type { ApiCall } from "./helpers.js";

const OTHER_CLIENT = { clientId: "erp-acme", clientSecret: "acme-secret" };

let sandbox: Sandbox;
let token: string;
let otherClientToken: string;
beforeAll(async () => {
  sandbox = await startSandbox({ clients: [DEMO_CLIENT, OTHER_CLIENT] });
  token = await getToken(sandbox, { scope: SCOPE.payments });
  otherClientToken = await getToken(sandbox, { scope: SCOPE.payments, ...OTHER_CLIENT });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const PAYMENTS = "/12345678/banking/payments";
const PAYMENT = { amount: 150.25, pixKey: "fornecedor@example.com.br", description: "NF 1234" };
const pay = (body: unknown, call: ApiCall = {}) => callApi(sandbox, PAYMENTS, { token, body, ...call });
const withKey = (key: string) => ({ headers: { "x-idempotency-key": key } });
const list = (query = "") => callApi(sandbox, `${PAYMENTS}${query}`, { token });

describe("POST /{companyId}/banking/payments", () => {
  it("makes a Pix payment: 201 with the payment and its Location", async () => {
    const before = Date.now();
    const answer = await pay(PAYMENT);
    expect(answer.status).toBe(201);
    expect(answer.headers.get("content-type")).toBe("application/json");
    expect(answer.json).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      companyId: "12345678",
      accountId: "001",
      type: "PIX",
      status: "COMPLETED",
      amount: 150.25,
      currency: "BRL",
      pixKey: "fornecedor@example.com.br",
      pixKeyType: "EMAIL",
      recipientName: null,
      description: "NF 1234",
      endToEndId: expect.stringMatching(/^E30306294\d{12}[a-z0-9]{11}$/),
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    });
    expect(Date.parse(String(answer.json?.createdAt))).toBeGreaterThanOrEqual(before - 1000);
    const id = String(answer.json?.id);
    expect(answer.headers.get("location")).toBe(`${sandbox.apiUrl}/12345678/banking/payments/${id}`);
    expect(answer.headers.get("idempotent-replayed")).toBeNull();

    const fetched = await callApi(sandbox, `${PAYMENTS}/${id}`, { token });
    expect(fetched).toMatchObject({ status: 200, json: answer.json });
    expect(await callApi(sandbox, `${PAYMENTS}/no-such-id`, { token })).toMatchObject({
      status: 404,
      json: { error: "not_found", error_description: "company 12345678 has no payment no-such-id" },
    });
  });

  it("recognises the Pix key types and takes the optional fields", async () => {
    const keys: Array<[string, string]> = [
      ["12345678909", "CPF"],
      ["11222333000181", "CNPJ"],
      ["+5511987654321", "PHONE"],
      ["+551133334444", "PHONE"],
      ["financeiro@serra-azul.com.br", "EMAIL"],
      ["0f2b6c1e-5d0a-4c3e-9b7a-2f1e8d6c4b3a", "EVP"],
    ];
    for (const [pixKey, pixKeyType] of keys) {
      const answer = await pay({ amount: 1, pixKey });
      expect(answer.status, pixKey).toBe(201);
      expect(answer.json?.pixKeyType).toBe(pixKeyType);
    }
    const full = await pay({ amount: 99.9, pixKey: "12345678909", recipientName: "Maria da Silva", description: null, accountId: "002" });
    expect(full.json).toMatchObject({ amount: 99.9, accountId: "002", recipientName: "Maria da Silva", description: null });
  });

  it("refuses an invalid body with 400 and field errors, and makes no payment", async () => {
    const answer = await pay({ amount: 10.001, pixKey: "not a key", memo: "x", accountId: "009" });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      error: "invalid_request",
      error_description: expect.stringMatching(/^the payment has invalid fields: memo is not a field of a Pix payment; amount must have at most 2 decimal places; pixKey must be a Pix key/),
      fields: {
        memo: "is not a field of a Pix payment",
        amount: "must have at most 2 decimal places",
        pixKey: "must be a Pix key: a CPF (11 digits), a CNPJ (14 digits), a phone (+55 and 10 or 11 digits), an e-mail or a random key (UUID)",
        accountId: "must be an account of company 12345678 (001, 002)",
      },
    });

    const cases: Array<[unknown, Record<string, string>]> = [
      [{}, { amount: "is required", pixKey: "is required" }],
      [{ amount: 0, pixKey: "a@b.co" }, { amount: "must be greater than 0" }],
      [{ amount: -5, pixKey: "a@b.co" }, { amount: "must be greater than 0" }],
      [{ amount: "10.00", pixKey: "a@b.co" }, { amount: "must be a number (BRL, e.g. 150.25)" }],
      [{ amount: 1_000_000_000, pixKey: "a@b.co" }, { amount: "must be at most 999999999.99" }],
      [{ amount: 1, pixKey: 12345678909 }, { pixKey: expect.stringMatching(/^must be a Pix key/) }],
      [{ amount: 1, pixKey: "1234567890" }, { pixKey: expect.stringMatching(/^must be a Pix key/) }],
      [{ amount: 1, pixKey: "a@b.co", description: "x".repeat(141) }, { description: "must be a non-empty string of at most 140 characters, or absent" }],
      [{ amount: 1, pixKey: "a@b.co", recipientName: "" }, { recipientName: "must be a non-empty string of at most 140 characters, or absent" }],
      [{ amount: 1, pixKey: "a@b.co", accountId: 1 }, { accountId: "must be a string" }],
    ];
    for (const [body, fields] of cases) {
      const bad = await pay(body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.json?.fields, JSON.stringify(body)).toEqual(fields);
    }
    expect((await list()).json?.totalItems).toBe(0);
  });

  it("refuses a body that is not a JSON object", async () => {
    expect(await pay([PAYMENT])).toMatchObject({
      status: 400,
      json: { error: "invalid_request", error_description: expect.stringMatching(/^the request body must be a JSON object/) },
    });
    expect(await pay("{")).toMatchObject({ status: 400, json: { error: "invalid_request", error_description: "the request body is not valid JSON" } });
    const form = await callApi(sandbox, PAYMENTS, {
      token,
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(form).toMatchObject({ status: 400, json: { error: "invalid_request", error_description: "Content-Type must be application/json" } });
    const huge = await pay({ ...PAYMENT, description: "x".repeat(70 * 1024) });
    expect(huge).toMatchObject({ status: 413, json: { error: "invalid_request" } });
  });
});

describe("x-idempotency-key", () => {
  it("answers the same payment to the same key and body: 200 with Idempotent-Replayed", async () => {
    const first = await pay(PAYMENT, withKey("f08a6b00-00bc-4e3e-ad99-acb353333914"));
    expect(first.status).toBe(201);
    // Same JSON value, other key order and spacing.
    const again = await callApi(sandbox, PAYMENTS, {
      token,
      body: `{ "description": "NF 1234", "pixKey": "fornecedor@example.com.br",  "amount": 150.25 }`,
      ...withKey("f08a6b00-00bc-4e3e-ad99-acb353333914"),
    });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("location")).toBe(first.headers.get("location"));
    expect((await list()).json?.totalItems).toBe(1);
  });

  it("answers 409 to the same key with another body (or another company)", async () => {
    const first = await pay(PAYMENT, withKey("k-1"));
    const conflict = await pay({ ...PAYMENT, amount: 150.26 }, withKey("k-1"));
    expect(conflict).toMatchObject({
      status: 409,
      json: {
        error: "idempotency_key_conflict",
        error_description:
          `x-idempotency-key "k-1" was already used by this client for another request (payment ${String(first.json?.id)}); ` +
          "send the same body to get that payment again, or use a new key for a new payment",
      },
    });
    const elsewhere = await callApi(sandbox, "/87654321/banking/payments", { token, body: PAYMENT, ...withKey("k-1") });
    expect(elsewhere.status).toBe(409);
    expect(sandbox.stats().errors).toEqual({ idempotency_key_conflict: 2 });
    expect((await list()).json?.totalItems).toBe(1);
  });

  it("belongs to the token's client: another client's same key makes its own payment", async () => {
    const mine = await pay(PAYMENT, withKey("shared-key"));
    const theirs = await pay(PAYMENT, { token: otherClientToken, ...withKey("shared-key") });
    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(theirs.json?.id).not.toBe(mine.json?.id);
    // And each client replays its own.
    expect((await pay(PAYMENT, { token: otherClientToken, ...withKey("shared-key") })).json?.id).toBe(theirs.json?.id);
    expect((await pay(PAYMENT, withKey("shared-key"))).json?.id).toBe(mine.json?.id);
    expect((await list()).json?.totalItems).toBe(2);
  });

  it("is optional: without it every request makes a new payment", async () => {
    const a = await pay(PAYMENT);
    const b = await pay(PAYMENT);
    expect(a.json?.id).not.toBe(b.json?.id);
    expect((await list()).json?.totalItems).toBe(2);
  });

  it("is not used up by a refused request, and must be 1 to 255 characters", async () => {
    expect((await pay({ amount: -1, pixKey: "a@b.co" }, withKey("k-2"))).status).toBe(400);
    expect((await pay(PAYMENT, withKey("k-2"))).status).toBe(201);
    const long = await pay(PAYMENT, withKey("k".repeat(256)));
    expect(long).toMatchObject({
      status: 400,
      json: { error: "invalid_request", fields: { "x-idempotency-key": "must be 1 to 255 characters (a UUID is recommended)" } },
    });
  });

  it("is forgotten by reset(), with the payments", async () => {
    const before = await pay(PAYMENT, withKey("k-3"));
    sandbox.reset();
    expect((await list()).json?.totalItems).toBe(0);
    const after = await pay(PAYMENT, withKey("k-3"));
    expect(after.status).toBe(201);
    expect(after.json?.id).not.toBe(before.json?.id);
  });
});

describe("GET /{companyId}/banking/payments", () => {
  it("lists the company's payments made in this sandbox, newest first, paginated", async () => {
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++) ids.push(String((await pay({ amount: i, pixKey: "a@b.co" })).json?.id));
    await callApi(sandbox, "/87654321/banking/payments", { token, body: PAYMENT });

    const all = await list();
    expect(all.json).toMatchObject({ companyId: "12345678", pageNumber: 1, pageSize: 50, totalItems: 5, totalPages: 1 });
    const items = all.json?.items as Array<{ id: string; amount: number }>;
    expect(items.map((p) => p.id)).toEqual([...ids].reverse());
    expect(items.map((p) => p.amount)).toEqual([5, 4, 3, 2, 1]);

    const second = await list("?pageSize=2&pageNumber=2");
    expect(second.json).toMatchObject({ pageNumber: 2, pageSize: 2, totalItems: 5, totalPages: 3 });
    expect((second.json?.items as Array<{ id: string }>).map((p) => p.id)).toEqual([ids[2], ids[1]]);
    expect((await list("?pageSize=2&pageNumber=4")).json).toMatchObject({ items: [], totalItems: 5, totalPages: 3 });
    expect((await callApi(sandbox, "/87654321/banking/payments", { token })).json).toMatchObject({ totalItems: 1 });
  });

  it("answers an empty list before any payment, and 400 to bad page parameters", async () => {
    expect((await list()).json).toEqual({ companyId: "12345678", items: [], pageNumber: 1, pageSize: 50, totalItems: 0, totalPages: 0 });
    expect(await list("?pageSize=500")).toMatchObject({
      status: 400,
      json: {
        error: "invalid_request",
        error_description: "the query has invalid fields: pageSize must be an integer from 1 to 100",
        fields: { pageSize: "must be an integer from 1 to 100" },
      },
    });
  });
});
