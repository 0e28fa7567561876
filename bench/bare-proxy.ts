// Row 7b (issue 22): the least a Node.js server can spend answering the bench's token request —
// node:http in, undici's request to the sandbox (the client Fluxo's connectors use, keep-alive),
// the token's JSON out; no framework, no checks, nothing stored. Beside Node-RED (row 7) and
// Fluxo's gateway (rows 8–9) it tells what part of their CPU is the HTTP work any server does.
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { root } from "./processes.ts";

const { request } = createRequire(path.join(root, "packages/connectors/package.json"))("undici") as typeof import("undici");

const tokenUrl = `${process.env.SANDBOX_URL}/oauth2/token`;
const headers = {
  authorization: `Basic ${Buffer.from(`${process.env.CLIENT_ID}:${process.env.CLIENT_SECRET}`).toString("base64")}`,
  "content-type": "application/x-www-form-urlencoded",
};

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", async () => {
    try {
      const answer = await request(tokenUrl, { method: "POST", headers, body: Buffer.concat(chunks) });
      const body = await answer.body.text();
      res.writeHead(answer.statusCode, { "content-type": "application/json" }).end(body);
    } catch (error) {
      res.writeHead(502).end(String(error));
    }
  });
});
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as { port: number };
  console.log(`bare proxy listening on http://127.0.0.1:${port}`);
});
process.on("SIGTERM", () => process.exit(0));
