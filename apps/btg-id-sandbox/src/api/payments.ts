import { randomBytes, randomUUID } from "node:crypto";
import { ApiError, invalidFields, invalidRequest } from "./api-error.js";
import { BTG_ISPB } from "./banking-data.js";
import type { Company } from "./banking-data.js";
import { pageOf } from "./pagination.js";
import type { Page, PageRequest } from "./pagination.js";

export type PixKeyType = "CPF" | "CNPJ" | "PHONE" | "EMAIL" | "EVP";

/** A Pix payment as the API answers it. */
export interface Payment {
  id: string;
  companyId: string;
  accountId: string;
  type: "PIX";
  /** Pix settles at once in the sandbox: every accepted payment is COMPLETED. */
  status: "COMPLETED";
  amount: number;
  currency: "BRL";
  pixKey: string;
  pixKeyType: PixKeyType;
  recipientName: string | null;
  description: string | null;
  /** The Pix end-to-end id: "E" + BTG's ISPB + yyyyMMddHHmm (UTC) + 11 characters. */
  endToEndId: string;
  createdAt: string;
}

/** A validated POST body. */
export interface PaymentRequest {
  amount: number;
  pixKey: string;
  pixKeyType: PixKeyType;
  recipientName: string | null;
  description: string | null;
  accountId: string;
}

export const MAX_AMOUNT = 999_999_999.99;
export const MAX_DESCRIPTION_LENGTH = 140;
export const MAX_RECIPIENT_NAME_LENGTH = 140;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
const KNOWN_FIELDS = new Set(["amount", "pixKey", "recipientName", "description", "accountId"]);

const PIX_KEY_FORMATS: Array<[PixKeyType, RegExp]> = [
  ["CPF", /^\d{11}$/],
  ["CNPJ", /^\d{14}$/],
  ["PHONE", /^\+55\d{10,11}$/],
  ["EMAIL", /^[^\s@]+@[^\s@]+\.[^\s@]+$/],
  ["EVP", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i],
];

export function pixKeyTypeOf(key: string): PixKeyType | undefined {
  if (key.length > 77) return undefined; // BACEN's longest key (an e-mail)
  return PIX_KEY_FORMATS.find(([, format]) => format.test(key))?.[0];
}

function hasAtMostTwoDecimals(value: number): boolean {
  return Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;
}

function optionalText(body: Record<string, unknown>, name: string, max: number, fields: Record<string, string>): string | null {
  const value = body[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== "string" || value.trim() === "" || value.length > max) {
    fields[name] = `must be a non-empty string of at most ${max} characters, or absent`;
    return null;
  }
  return value;
}

/**
 * Validates the body of POST …/banking/payments: `amount` (number > 0, at most 2
 * decimals), `pixKey` (CPF, CNPJ, +55 phone, e-mail or random key), optional
 * `recipientName`, `description` and `accountId` (default: the company's first account).
 * Throws 400 invalid_request with `fields`.
 */
export function readPaymentRequest(body: unknown, company: Company): PaymentRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw invalidRequest("the request body must be a JSON object like {\"amount\": 150.25, \"pixKey\": \"fornecedor@example.com.br\"}");
  }
  const fields: Record<string, string> = {};
  const input = body as Record<string, unknown>;
  for (const name of Object.keys(input)) {
    if (!KNOWN_FIELDS.has(name)) fields[name] = "is not a field of a Pix payment";
  }

  const amount = input.amount;
  if (amount === undefined) fields.amount = "is required";
  else if (typeof amount !== "number" || !Number.isFinite(amount)) fields.amount = "must be a number (BRL, e.g. 150.25)";
  else if (amount <= 0) fields.amount = "must be greater than 0";
  else if (!hasAtMostTwoDecimals(amount)) fields.amount = "must have at most 2 decimal places";
  else if (amount > MAX_AMOUNT) fields.amount = `must be at most ${MAX_AMOUNT}`;

  const pixKey = input.pixKey;
  let pixKeyType: PixKeyType | undefined;
  if (pixKey === undefined || pixKey === null) fields.pixKey = "is required";
  else if (typeof pixKey !== "string" || (pixKeyType = pixKeyTypeOf(pixKey)) === undefined) {
    fields.pixKey =
      "must be a Pix key: a CPF (11 digits), a CNPJ (14 digits), a phone (+55 and 10 or 11 digits), an e-mail or a random key (UUID)";
  }

  const recipientName = optionalText(input, "recipientName", MAX_RECIPIENT_NAME_LENGTH, fields);
  const description = optionalText(input, "description", MAX_DESCRIPTION_LENGTH, fields);

  const firstAccount = company.accounts[0]?.accountId ?? "";
  let accountId = firstAccount;
  if (input.accountId !== undefined && input.accountId !== null) {
    if (typeof input.accountId !== "string") fields.accountId = "must be a string";
    else if (!company.accounts.some((a) => a.accountId === input.accountId)) {
      fields.accountId = `must be an account of company ${company.companyId} (${company.accounts.map((a) => a.accountId).join(", ")})`;
    } else accountId = input.accountId;
  }

  if (Object.keys(fields).length > 0 || typeof amount !== "number" || typeof pixKey !== "string" || !pixKeyType) {
    throw invalidFields(fields, "the payment");
  }
  return { amount: Math.round(amount * 100) / 100, pixKey, pixKeyType, recipientName, description, accountId };
}

/** The x-idempotency-key header: absent, or 1 to 255 characters. */
export function readIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (header.trim() === "" || header.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw invalidFields(
      { "x-idempotency-key": `must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters (a UUID is recommended)` },
      "the request",
    );
  }
  return header;
}

/** JSON with object keys sorted, so bodies that differ only in key order or spacing compare equal. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function endToEndId(at: Date): string {
  const stamp = at.toISOString().replace(/[-:T]/g, "").slice(0, 12); // yyyyMMddHHmm
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  const tail = [...randomBytes(11)].map((b) => alphabet[b % alphabet.length]).join("");
  return `E${BTG_ISPB}${stamp}${tail}`;
}

interface IdempotencyRecord {
  fingerprint: string;
  payment: Payment;
}

export interface CreateOutcome {
  payment: Payment;
  /** True when an earlier request with the same key and body made this payment. */
  replayed: boolean;
}

/**
 * The payments made through this sandbox instance, in memory, and the idempotency keys
 * that made them. A key belongs to the client of the token (another client's same key is
 * another key) and covers the company path and the body.
 */
export class PaymentStore {
  private payments: Payment[] = [];
  private byKey = new Map<string, IdempotencyRecord>();

  create(clientId: string, companyId: string, rawBody: unknown, request: PaymentRequest, key: string | undefined): CreateOutcome {
    const fingerprint = `${companyId}\n${canonicalJson(rawBody)}`;
    const scopedKey = key === undefined ? undefined : `${clientId}\n${key}`;
    if (scopedKey !== undefined) {
      const earlier = this.byKey.get(scopedKey);
      if (earlier) {
        if (earlier.fingerprint !== fingerprint) {
          throw new ApiError(
            409,
            "idempotency_key_conflict",
            `x-idempotency-key ${JSON.stringify(key)} was already used by this client for another request (payment ${earlier.payment.id}); ` +
              "send the same body to get that payment again, or use a new key for a new payment",
          );
        }
        return { payment: earlier.payment, replayed: true };
      }
    }
    const now = new Date();
    const payment: Payment = {
      id: randomUUID(),
      companyId,
      accountId: request.accountId,
      type: "PIX",
      status: "COMPLETED",
      amount: request.amount,
      currency: "BRL",
      pixKey: request.pixKey,
      pixKeyType: request.pixKeyType,
      recipientName: request.recipientName,
      description: request.description,
      endToEndId: endToEndId(now),
      createdAt: now.toISOString(),
    };
    this.payments.push(payment);
    if (scopedKey !== undefined) this.byKey.set(scopedKey, { fingerprint, payment });
    return { payment, replayed: false };
  }

  /** The company's payments, newest first. */
  list(companyId: string, page: PageRequest): Page<Payment> & { companyId: string } {
    const mine = this.payments.filter((p) => p.companyId === companyId).reverse();
    return { companyId, ...pageOf(mine.length, page, (i) => mine[i] as Payment) };
  }

  find(companyId: string, paymentId: string): Payment | undefined {
    return this.payments.find((p) => p.companyId === companyId && p.id === paymentId);
  }

  clear(): void {
    this.payments = [];
    this.byKey.clear();
  }
}
