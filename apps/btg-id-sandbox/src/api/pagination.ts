import type { Request } from "express";

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;
export const MAX_PAGE_NUMBER = 1_000_000;

export interface PageRequest {
  pageNumber: number;
  pageSize: number;
}

export interface Page<T> {
  items: T[];
  pageNumber: number;
  pageSize: number;
  totalItems: number;
  totalPages: number;
}

/**
 * One query parameter as a string. A parameter sent twice is a field error; one sent
 * empty (`pageSize=`) counts as omitted.
 */
export function queryValue(req: Request, name: string, fields: Record<string, string>): string | undefined {
  const value: unknown = (req.query as Record<string, unknown>)[name];
  if (value === undefined || value === "") return undefined;
  if (typeof value !== "string") {
    fields[name] = "must be given once";
    return undefined;
  }
  return value;
}

function integerParam(
  req: Request,
  name: string,
  min: number,
  max: number,
  fallback: number,
  fields: Record<string, string>,
): number {
  const text = queryValue(req, name, fields);
  if (text === undefined) return fallback;
  const value = /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= min && value <= max)) {
    fields[name] = `must be an integer from ${min} to ${max}`;
  }
  return value;
}

/** `pageNumber` (default 1, 1 to 1 000 000) and `pageSize` (default 50, 1 to 100); problems go to `fields`. */
export function readPageRequest(req: Request, fields: Record<string, string>): PageRequest {
  return {
    pageNumber: integerParam(req, "pageNumber", 1, MAX_PAGE_NUMBER, 1, fields),
    pageSize: integerParam(req, "pageSize", 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE, fields),
  };
}

/** The page of `totalItems` items, `itemAt(i)` giving item i (0-based). Past the end: no items. */
export function pageOf<T>(totalItems: number, page: PageRequest, itemAt: (index: number) => T): Page<T> {
  const first = (page.pageNumber - 1) * page.pageSize;
  const last = Math.min(first + page.pageSize, totalItems);
  const items: T[] = [];
  for (let i = first; i < last; i++) items.push(itemAt(i));
  return {
    items,
    pageNumber: page.pageNumber,
    pageSize: page.pageSize,
    totalItems,
    totalPages: Math.ceil(totalItems / page.pageSize),
  };
}
