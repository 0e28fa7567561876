/**
 * A timestamp parameter in plain SQL: columns are `timestamp(3)` holding UTC, as Prisma writes
 * them, so an ISO string parameter is read as timestamptz and turned into UTC wall time.
 */
export const utcParam = (n: number): string => `($${n}::timestamptz AT TIME ZONE 'UTC')`;
