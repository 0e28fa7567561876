// `npm run rotate-key`: re-seals every stored secret with a new key, in one transaction.
// Reads the current key the way the server does (FLUXO_ENCRYPTION_KEY, or the embedded
// database's key file) and the new one from FLUXO_NEW_ENCRYPTION_KEY (or makes one).
// With the embedded database the key file is replaced after the commit; otherwise it
// prints the new key to put in FLUXO_ENCRYPTION_KEY before the next start.
import { randomBytes } from "node:crypto";
import { rename, writeFile } from "node:fs/promises";
import { PrismaPg } from "@prisma/adapter-pg";
import { loadConfig } from "../src/config.js";
import { PrismaClient } from "../src/generated/prisma/client.js";
import { parseDatabaseUrl } from "../src/db/database-url.js";
import { startEmbeddedPostgres } from "../src/db/embedded-postgres.js";
import { toJson } from "../src/db/json.js";
import { loadEncryptionKey, parseKey } from "../src/secrets/encryption-key.js";
import { SecretBox } from "../src/secrets/secret-box.js";
import { resealOutputTokens } from "../src/secrets/step-output-tokens.js";

const config = loadConfig();
const current = await loadEncryptionKey({ envKey: config.FLUXO_ENCRYPTION_KEY, embedded: config.embedded, dataDir: config.dataDir });
const next = process.env.FLUXO_NEW_ENCRYPTION_KEY ? parseKey(process.env.FLUXO_NEW_ENCRYPTION_KEY, "FLUXO_NEW_ENCRYPTION_KEY") : randomBytes(32);
const from = new SecretBox(current.key);
const to = new SecretBox(next);

const embedded = config.embedded ? await startEmbeddedPostgres(config.dataDir) : null;
const fields = embedded ? embedded.fields : parseDatabaseUrl(config.DATABASE_URL!);
const prisma = new PrismaClient({ adapter: new PrismaPg({ ...fields, max: 1 }) });
try {
  const count = await prisma.$transaction(async (tx) => {
    const rows = await tx.connection.findMany({ select: { id: true, secrets: true } });
    for (const row of rows) {
      await tx.connection.update({ where: { id: row.id }, data: { secrets: toJson(to.sealAll(from.openAll(row.secrets))) } });
    }
    // So are the tokens of consented connections; a "Conectar com o BTG" in progress is simply started again.
    for (const grant of await tx.oAuthGrant.findMany({ select: { connectionId: true, tokens: true } })) {
      await tx.oAuthGrant.update({ where: { connectionId: grant.connectionId }, data: { tokens: toJson(to.sealAll(from.openAll(grant.tokens))) } });
    }
    await tx.oAuthAuthorizationRequest.deleteMany({});
    // Access tokens in step outputs are sealed too.
    const steps = await tx.stepRun.findMany({ where: { status: "succeeded" }, select: { executionId: true, stepId: true, iteration: true, output: true } });
    for (const step of steps) {
      const { output, changed } = resealOutputTokens(step.output, from, to);
      if (changed) await tx.stepRun.update({ where: { executionId_stepId_iteration: { executionId: step.executionId, stepId: step.stepId, iteration: step.iteration } }, data: { output: toJson(output) } });
    }
    return rows.length;
  });
  if (current.file && current.source !== "env") {
    await writeFile(`${current.file}.new`, `${next.toString("base64")}\n`, { mode: 0o600 });
    await rename(`${current.file}.new`, current.file);
    console.log(`re-sealed the secrets of ${count} connection(s) with key ${to.kid}; ${current.file} now holds it.`);
  } else {
    console.log(`re-sealed the secrets of ${count} connection(s) with key ${to.kid}.`);
    console.log(`set FLUXO_ENCRYPTION_KEY=${next.toString("base64")} before the next start (the old key no longer opens them).`);
  }
} finally {
  await prisma.$disconnect();
  await embedded?.stop();
}
