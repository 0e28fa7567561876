/**
 * A timestamp parameter in plain SQL: columns are `timestamp(3)` holding UTC, as Prisma writes
 * them, so an ISO string parameter is read as timestamptz and turned into UTC wall time.
 */
export const utcParam = (n: number): string => `($${n}::timestamptz AT TIME ZONE 'UTC')`;

/**
 * A `timestamp(3)` column read in plain SQL, as the instant it is: node-postgres would read a
 * timestamp without time zone in the server process's local zone.
 */
export const utcColumn = (column: string): string => `(${column} AT TIME ZONE 'UTC') AS ${column}`;
