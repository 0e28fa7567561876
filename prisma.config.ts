import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseFieldsFromEnv } from "./apps/server/src/db/database-url.ts";

// The wasm schema engine through the pg adapter: no native engine download needed
// (see TOOLCHAIN.md). Discrete connection fields, because with a connection string
// the shadow database silently points at the main one.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => new PrismaPg({ ...databaseFieldsFromEnv(process.env), max: 1 }),
});
