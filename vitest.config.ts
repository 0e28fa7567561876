import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          environment: "node",
          include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts", "apps/{server,btg-id-sandbox}/{src,test}/**/*.test.ts"],
          // Not UTC (it is BTG's own zone): the server must not depend on the machine's time zone.
          env: { TZ: "America/Sao_Paulo" },
          // PostgreSQL and Redis for the integration tests: the machine's, or (bare machine) the run's own.
          globalSetup: ["apps/server/test/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      "apps/web",
    ],
  },
});
