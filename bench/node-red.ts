// The bench's peer (issue 22): Node-RED running the flow people build there for a BTG-ID token —
// http in → http request (Basic auth, form body) → http response — against the same sandbox.
// It lives in bench/node-red/ with its own package.json, installed here (never by npm start or
// npm test), and runs as its own process so its CPU is its own.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { root, startProcess, type Proc } from "./processes.ts";

const NODE_RED_DIR = path.join(root, "bench/node-red");
/** The path Node-RED's http in node answers on. */
export const NODE_RED_TOKEN_PATH = "/token";

/** `npm ci` in bench/node-red the first time (its node_modules is git-ignored). */
export function installNodeRed(): void {
  if (existsSync(path.join(NODE_RED_DIR, "node_modules/node-red/red.js"))) return;
  console.log("bench: installing Node-RED into bench/node-red (only the bench uses it)");
  execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: NODE_RED_DIR, stdio: "inherit" });
}

/** Node-RED with the token flow in a new user folder; its client authenticates to the sandbox as Fluxo's connection does. */
export async function startNodeRed(sandboxUrl: string, client: { id: string; secret: string }): Promise<Proc & { url: string }> {
  installNodeRed();
  const userDir = mkdtempSync(path.join(os.tmpdir(), "fluxo-bench-node-red-"));
  const requestId = "token-request";
  const flows = [
    { id: "bench-tab", type: "tab", label: "bench" },
    { id: "token-in", type: "http in", z: "bench-tab", url: NODE_RED_TOKEN_PATH, method: "post", upload: false, wires: [[requestId]] },
    {
      id: requestId,
      type: "http request",
      z: "bench-tab",
      method: "POST",
      ret: "obj",
      paytoqs: "ignore",
      url: `${sandboxUrl}/oauth2/token`,
      persist: true,
      authType: "basic",
      senderr: false,
      headers: [{ keyType: "other", keyValue: "content-type", valueType: "other", valueValue: "application/x-www-form-urlencoded" }],
      wires: [["token-out"]],
    },
    { id: "token-out", type: "http response", z: "bench-tab", statusCode: "", headers: {}, wires: [] },
  ];
  writeFileSync(path.join(userDir, "flows.json"), JSON.stringify(flows));
  // credentialSecret false: the credentials file is plain JSON, so the bench can write it.
  writeFileSync(path.join(userDir, "flows_cred.json"), JSON.stringify({ [requestId]: { user: client.id, password: client.secret } }));
  writeFileSync(
    path.join(userDir, "settings.cjs"),
    `module.exports = ${JSON.stringify({
      uiHost: "127.0.0.1",
      uiPort: 0,
      flowFile: "flows.json",
      credentialSecret: false,
      // No editor or admin API: only the flow's own endpoint is served.
      httpAdminRoot: false,
      logging: { console: { level: "info", metrics: false, audit: false } },
      editorTheme: { tours: false },
      externalModules: { autoInstall: false },
      telemetry: { enabled: false },
    })};\n`,
  );
  const proc = await startProcess(
    "node-red",
    path.join(NODE_RED_DIR, "node_modules/node-red/red.js"),
    {},
    // Port 0 (a free one): the log names the one it got, then says when the flow is running.
    /Server now running at (http:\/\/[\d.:]+)[\s\S]*Started flows/,
    [],
    ["--userDir", userDir, "--settings", path.join(userDir, "settings.cjs")],
  );
  return {
    ...proc,
    url: proc.match[1]!,
    async stop() {
      await proc.stop();
      rmSync(userDir, { recursive: true, force: true });
    },
  };
}
