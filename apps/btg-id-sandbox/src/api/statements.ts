import { hash } from "node:crypto";
import type { Request } from "express";
import { invalidFields } from "./api-error.js";
import { toAmount } from "./banking-data.js";
import type { Account, Company } from "./banking-data.js";
import { pageOf, queryValue, readPageRequest } from "./pagination.js";
import type { Page, PageRequest } from "./pagination.js";

/** Every calendar day of every account has exactly this many entries, so counts are predictable. */
export const TRANSACTIONS_PER_DAY = 3;
/** The longest statement period, start and end dates included. */
export const MAX_STATEMENT_DAYS = 366;

const DAY_MS = 86_400_000;
// Brazil has no daylight saving time since 2019: São Paulo is UTC−3 all year.
const SAO_PAULO_OFFSET_HOURS = 3;

export interface StatementEntry {
  id: string;
  /** The São Paulo calendar day of the entry, YYYY-MM-DD. */
  date: string;
  /** When it was booked, ISO 8601 in UTC. */
  bookedAt: string;
  type: "PIX_RECEIVED" | "PIX_SENT" | "TED_RECEIVED" | "BOLETO_PAID" | "FEE";
  direction: "CREDIT" | "DEBIT";
  /** Positive; `direction` says which way the money went. */
  amount: number;
  currency: "BRL";
  description: string;
  counterparty: { name: string; taxId: string } | null;
}

export interface StatementQuery {
  startDate: string;
  endDate: string;
  /** Days from 1970-01-01 (UTC) of startDate. */
  firstDay: number;
  days: number;
  page: PageRequest;
}

const COUNTERPARTIES = [
  { name: "Mercado Bom Preço Ltda", taxId: "11222333000181" },
  { name: "Distribuidora Vale Verde Ltda", taxId: "44555666000181" },
  { name: "Auto Peças Rio Claro Ltda", taxId: "77888999000181" },
  { name: "Consultoria Horizonte S.A.", taxId: "22334455000186" },
  { name: "Gráfica Estrela do Sul Ltda", taxId: "55667788000186" },
  { name: "Energia Paulista S.A.", taxId: "99887766000105" },
  { name: "Tech Nordeste Serviços Ltda", taxId: "33445566000186" },
] as const;

interface Kind {
  type: StatementEntry["type"];
  direction: StatementEntry["direction"];
  minCents: number;
  maxCents: number;
  label: string;
}

// Weighted: the more often a kind is listed, the more often it appears.
const PIX_RECEIVED: Kind = { type: "PIX_RECEIVED", direction: "CREDIT", minCents: 5_000, maxCents: 1_500_000, label: "Pix recebido de" };
const PIX_SENT: Kind = { type: "PIX_SENT", direction: "DEBIT", minCents: 2_000, maxCents: 800_000, label: "Pix enviado para" };
const TED_RECEIVED: Kind = { type: "TED_RECEIVED", direction: "CREDIT", minCents: 100_000, maxCents: 5_000_000, label: "TED recebida de" };
const BOLETO_PAID: Kind = { type: "BOLETO_PAID", direction: "DEBIT", minCents: 10_000, maxCents: 2_000_000, label: "Pagamento de boleto a" };
const FEE: Kind = { type: "FEE", direction: "DEBIT", minCents: 50, maxCents: 2_500, label: "Tarifa bancária" };
const KINDS: readonly Kind[] = [
  PIX_RECEIVED, PIX_RECEIVED, PIX_RECEIVED, PIX_RECEIVED,
  PIX_SENT, PIX_SENT, PIX_SENT,
  BOLETO_PAID, BOLETO_PAID,
  TED_RECEIVED,
  FEE,
];

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** YYYY-MM-DD of a real calendar day → days since 1970-01-01; undefined otherwise. */
export function dayNumber(text: string): number | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return undefined;
  return ms / DAY_MS;
}

function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** startDate and endDate (required, YYYY-MM-DD, start ≤ end, ≤ 366 days) and the page; 400 naming each problem. */
export function readStatementQuery(req: Request): StatementQuery {
  const fields: Record<string, string> = {};
  const dates: Record<"startDate" | "endDate", number | undefined> = { startDate: undefined, endDate: undefined };
  const texts: Record<"startDate" | "endDate", string> = { startDate: "", endDate: "" };
  for (const name of ["startDate", "endDate"] as const) {
    const text = queryValue(req, name, fields);
    if (fields[name]) continue;
    if (text === undefined) {
      fields[name] = "is required (YYYY-MM-DD)";
      continue;
    }
    const day = dayNumber(text);
    if (day === undefined) fields[name] = "must be a calendar date as YYYY-MM-DD";
    dates[name] = day;
    texts[name] = text;
  }
  const page = readPageRequest(req, fields);
  const { startDate: first, endDate: last } = dates;
  if (first !== undefined && last !== undefined) {
    if (last < first) fields.endDate = "must not be before startDate";
    else if (last - first + 1 > MAX_STATEMENT_DAYS) fields.endDate = `must be at most ${MAX_STATEMENT_DAYS} days after startDate, both included`;
  }
  if (Object.keys(fields).length > 0 || first === undefined || last === undefined) {
    throw invalidFields(fields, "the statement query");
  }
  return { startDate: texts.startDate, endDate: texts.endDate, firstDay: first, days: last - first + 1, page };
}

function digest(text: string): Buffer {
  return hash("sha256", text, "buffer");
}

/** A UUID-shaped id (version 8: custom) derived from the digest, so it is stable across runs. */
function uuidFrom(bytes: Buffer): string {
  const hex = Buffer.from(bytes.subarray(0, 16));
  hex[6] = ((hex[6] ?? 0) & 0x0f) | 0x80;
  hex[8] = ((hex[8] ?? 0) & 0x3f) | 0x80;
  const h = hex.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Entry `slot` (0, 1, 2: morning, early afternoon, late afternoon) of an account's day. */
export function statementEntry(company: Company, account: Account, day: number, slot: number): StatementEntry {
  const date = isoDate(day);
  const bytes = digest(`statement/${company.companyId}/${account.accountId}/${date}/${slot}`);
  const at = (i: number) => bytes[i] ?? 0;
  const kind = KINDS[at(16) % KINDS.length] ?? PIX_RECEIVED;
  const span = kind.maxCents - kind.minCents + 1;
  const cents = kind.minCents + (bytes.readUInt32BE(20) % span);
  const hour = 8 + 4 * slot + (at(24) % 4); // 08:00–19:59 in São Paulo
  const bookedAt = new Date(day * DAY_MS + ((hour + SAO_PAULO_OFFSET_HOURS) * 3600 + (at(25) % 60) * 60 + (at(26) % 60)) * 1000);
  const counterparty = kind === FEE ? null : (COUNTERPARTIES[at(28) % COUNTERPARTIES.length] ?? null);
  return {
    id: uuidFrom(bytes),
    date,
    bookedAt: bookedAt.toISOString(),
    type: kind.type,
    direction: kind.direction,
    amount: toAmount(cents),
    currency: "BRL",
    description: counterparty ? `${kind.label} ${counterparty.name}` : kind.label,
    counterparty: counterparty ? { ...counterparty } : null,
  };
}

/** The requested page of the statement, oldest entry first. */
export function statementPage(company: Company, account: Account, query: StatementQuery) {
  const page: Page<StatementEntry> = pageOf(query.days * TRANSACTIONS_PER_DAY, query.page, (i) =>
    statementEntry(company, account, query.firstDay + Math.floor(i / TRANSACTIONS_PER_DAY), i % TRANSACTIONS_PER_DAY),
  );
  return {
    companyId: company.companyId,
    accountId: account.accountId,
    startDate: query.startDate,
    endDate: query.endDate,
    ...page,
  };
}
