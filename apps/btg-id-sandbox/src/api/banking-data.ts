import { notFound } from "./api-error.js";

/**
 * The companies and accounts the sandbox knows. Ids, names and CNPJs are made up (the
 * CNPJs have valid check digits); BTG Pactual's bank code is 208, its ISPB 30306294.
 * The balances are fixed: payments made through the sandbox do not change them.
 */
export interface Account {
  accountId: string;
  bankCode: string;
  branch: string;
  accountNumber: string;
  accountType: "CHECKING";
  availableCents: number;
  blockedCents: number;
}

export interface Company {
  /** The company id of the API paths: here the CNPJ root (its first 8 digits). */
  companyId: string;
  name: string;
  /** CNPJ, 14 digits. */
  taxId: string;
  accounts: readonly Account[];
}

export const BTG_BANK_CODE = "208";
export const BTG_ISPB = "30306294";

export const COMPANIES: readonly Company[] = [
  {
    companyId: "12345678",
    name: "Comercial Ipê Amarelo Ltda",
    taxId: "12345678000195",
    accounts: [
      { accountId: "001", bankCode: BTG_BANK_CODE, branch: "0050", accountNumber: "004512367", accountType: "CHECKING", availableCents: 15_234_075, blockedCents: 120_000 },
      { accountId: "002", bankCode: BTG_BANK_CODE, branch: "0050", accountNumber: "004512375", accountType: "CHECKING", availableCents: 894_010, blockedCents: 0 },
    ],
  },
  {
    companyId: "87654321",
    name: "Transportadora Serra Azul S.A.",
    taxId: "87654321000198",
    accounts: [
      { accountId: "001", bankCode: BTG_BANK_CODE, branch: "0050", accountNumber: "007734219", accountType: "CHECKING", availableCents: 275_030_000, blockedCents: 1_500_050 },
    ],
  },
];

/** Cents (integers, exact) to the API's BRL amounts (numbers with at most 2 decimals). */
export function toAmount(cents: number): number {
  return Math.round(cents) / 100;
}

export function findCompany(companyId: string): Company {
  const company = COMPANIES.find((c) => c.companyId === companyId);
  if (!company) {
    throw notFound(`unknown company ${companyId} (this sandbox knows ${COMPANIES.map((c) => c.companyId).join(", ")})`);
  }
  return company;
}

export function findAccount(company: Company, accountId: string): Account {
  const account = company.accounts.find((a) => a.accountId === accountId);
  if (!account) {
    throw notFound(
      `company ${company.companyId} has no account ${accountId} (it has ${company.accounts.map((a) => a.accountId).join(", ")})`,
    );
  }
  return account;
}

/** GET …/accounts/{accountId}/balance */
export function balanceOf(company: Company, account: Account, now: Date) {
  return {
    companyId: company.companyId,
    accountId: account.accountId,
    bankCode: account.bankCode,
    branch: account.branch,
    accountNumber: account.accountNumber,
    accountType: account.accountType,
    holderName: company.name,
    holderTaxId: company.taxId,
    currency: "BRL",
    available: toAmount(account.availableCents),
    blocked: toAmount(account.blockedCents),
    total: toAmount(account.availableCents + account.blockedCents),
    updatedAt: now.toISOString(),
  };
}
