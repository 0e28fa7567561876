import { Prisma } from "../generated/prisma/client.js";

// What we store in JSON columns is plain data we built and validated ourselves; these
// are the one place that says so to the type checker.
export const toJson = (value: unknown): Prisma.InputJsonValue => value as Prisma.InputJsonValue;
export const toNullableJson = (value: unknown) => (value === null || value === undefined ? Prisma.DbNull : toJson(value));
export const fromJson = <T>(value: Prisma.JsonValue | null | undefined): T => value as unknown as T;
