#!/usr/bin/env -S npx tsx
/**
 * The sandbox as its own process: `tsx apps/btg-id-sandbox/src/main.ts`.
 * Env: BTG_SANDBOX_PORT (3100), BTG_SANDBOX_HOST (127.0.0.1), BTG_SANDBOX_CLIENTS
 * (id:secret,id2:secret2), BTG_SANDBOX_LATENCY_MS (0), BTG_SANDBOX_TOKEN_TTL (86400),
 * BTG_SANDBOX_REFRESH_TOKEN_TTL (864000), BTG_SANDBOX_CODE_TTL (60), BTG_SANDBOX_REDIRECT_URIS,
 * BTG_SANDBOX_STRICT_GRANTS (false). See the README.
 */
import { DEMO_ACCOUNT, DEMO_CLIENT, SandboxConfigError, parseEnv } from "./config.js";
import { startSandbox } from "./server.js";
import type { Sandbox, SandboxOptions } from "./types.js";

function describeClients(options: SandboxOptions): string {
  const clients = options.clients ?? [DEMO_CLIENT];
  const demo = clients.find(
    (c) => c.clientId === DEMO_CLIENT.clientId && c.clientSecret === DEMO_CLIENT.clientSecret,
  );
  // Only the public demo secret may be printed; other clients are named by id alone.
  const others = clients.filter((c) => c !== demo).map((c) => c.clientId);
  const parts: string[] = [];
  if (demo) parts.push(`demo client: ${demo.clientId} / ${demo.clientSecret}`);
  if (others.length > 0) parts.push(`clients: ${others.join(", ")}`);
  return parts.join("; ");
}

async function main(): Promise<void> {
  const options = parseEnv(process.env);
  let sandbox: Sandbox | undefined;
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping || !sandbox) process.exit(130); // a second signal, or one during start-up: stop waiting
    stopping = true;
    sandbox.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`btg-id-sandbox: error while stopping after ${signal}: ${String(err)}`);
        process.exit(1);
      },
    );
  };
  // Installed before the "listening" line: whoever reads it may signal at once.
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);

  sandbox = await startSandbox({ ...options, log: (line) => console.error(line) });
  const grants = options.strictGrants ? "strict: banking APIs need Authorization Code tokens" : "lenient: banking APIs also answer client_credentials tokens";
  console.log(
    `BTG-ID sandbox listening on ${sandbox.url} (token endpoint ${sandbox.tokenUrl}; authorize ${sandbox.authorizationUrl}; API ${sandbox.apiUrl}; ` +
      `${describeClients(options)}; demo account: ${DEMO_ACCOUNT.email} / ${DEMO_ACCOUNT.password}; grants ${grants})`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof SandboxConfigError ? err.message : `btg-id-sandbox failed to start: ${String(err)}`);
  process.exit(1);
});
