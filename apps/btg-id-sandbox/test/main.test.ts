import { spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { basicAuth } from "./helpers.js";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const mainPath = fileURLToPath(new URL("../src/main.ts", import.meta.url));

const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

function run(env: Record<string, string>) {
  // `node --import tsx` rather than the tsx CLI, so signals reach the sandbox process itself.
  const child = spawn(process.execPath, ["--import", "tsx", mainPath], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = once(child, "exit").then(([code, signal]) => (code as number | null) ?? `signal ${String(signal)}`);
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", () => {
      if (stdout.includes("\n")) resolve(stdout.slice(0, stdout.indexOf("\n")));
    });
    void exited.then((code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
  firstLine.catch(() => {}); // awaited by the tests that expect a start; the others look at `exited`
  return { child, firstLine, exited, output: () => ({ stdout, stderr }) };
}

describe("the standalone process (src/main.ts)", () => {
  it("prints one line with its URL and the demo client, serves tokens, and stops on SIGTERM", async () => {
    const proc = run({
      BTG_SANDBOX_PORT: "0",
      BTG_SANDBOX_CLIENTS: "demo-client:demo-secret,acme:acme-private-secret",
    });
    const line = await proc.firstLine;
    expect(line).toMatch(/^BTG-ID sandbox listening on http:\/\/127\.0\.0\.1:\d+ /);
    expect(line).toContain("demo-client / demo-secret");
    expect(line).toContain("; demo account: cliente@empresa.com.br / senha-demo;");
    expect(line).toContain("grants lenient: banking APIs also answer client_credentials tokens)");
    expect(line).toContain("acme");
    expect(line).not.toContain("acme-private-secret");

    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(line)?.[0];
    expect(line).toContain(`; API ${String(url)}/api;`);
    const response = await fetch(`${url}/oauth2/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Authorization: basicAuth("acme", "acme-private-secret") },
      body: "grant_type=client_credentials",
    });
    expect(response.status).toBe(200);
    const { access_token: token } = (await response.json()) as { access_token: string };

    proc.child.kill("SIGTERM");
    expect(await proc.exited).toBe(0);
    const { stdout, stderr } = proc.output();
    expect(stdout.trim().split("\n")).toHaveLength(1);
    for (const secret of ["acme-private-secret", token, "Basic "]) {
      expect(stdout + stderr).not.toContain(secret);
    }
  });

  it("does not print the secret of a demo-client that has a non-demo secret", async () => {
    const proc = run({ BTG_SANDBOX_PORT: "0", BTG_SANDBOX_CLIENTS: "demo-client:changed-secret", BTG_SANDBOX_STRICT_GRANTS: "true" });
    const line = await proc.firstLine;
    expect(line).toContain("grants strict: banking APIs need Authorization Code tokens)");
    expect(line).toContain("demo-client");
    expect(line).not.toContain("changed-secret");
    proc.child.kill("SIGINT");
    expect(await proc.exited).toBe(0);
  });

  it("exits with 1 and names the variable when the environment is invalid", async () => {
    const proc = run({ BTG_SANDBOX_PORT: "not-a-port" });
    expect(await proc.exited).toBe(1);
    expect(proc.output().stderr).toMatch(/BTG_SANDBOX_PORT must be an integer from 0 to 65535 \(got "not-a-port"\)/);
  });
});
