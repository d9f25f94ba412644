// `npm run dev:https`: the server behind HTTPS on https://localhost:4000, as
// Excel desktop needs to load an add-in. office-addin-dev-certs makes a
// localhost certificate and asks the system to trust its CA (the first run
// may prompt for a password); the server itself runs on 127.0.0.1:4001 and
// this proxy forwards requests and WebSocket upgrades (graphql-ws) to it.
// In production a real reverse proxy terminates TLS and sets PUBLIC_URL.
import { spawn } from "node:child_process";
import http from "node:http";
import https from "node:https";
import type { Socket } from "node:net";
import devCerts from "office-addin-dev-certs";

export const HTTPS_PORT = 4000;
export const SERVER_PORT = 4001;

/** An HTTPS server on `port` that passes every request and upgrade to http://127.0.0.1:`target`. */
export function startHttpsProxy(
  tls: { key: string | Buffer; cert: string | Buffer },
  port: number,
  target: number,
): Promise<https.Server> {
  const server = https.createServer(tls, (request, response) => {
    const upstream = http.request(
      {
        host: "127.0.0.1",
        port: target,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, "x-forwarded-proto": "https" },
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on("error", () => {
      if (!response.headersSent) response.writeHead(502, { "content-type": "text/plain" });
      response.end(`The MAT server on port ${target} is not answering.`);
    });
    request.pipe(upstream);
  });
  server.on("upgrade", (request, socket: Socket, head) => {
    const upstream = http.request({
      host: "127.0.0.1",
      port: target,
      method: request.method,
      path: request.url,
      headers: request.headers,
    });
    upstream.on("upgrade", (answer, upstreamSocket, upstreamHead) => {
      const lines = [`HTTP/1.1 ${answer.statusCode} ${answer.statusMessage}`];
      for (let index = 0; index < answer.rawHeaders.length; index += 2)
        lines.push(`${answer.rawHeaders[index]}: ${answer.rawHeaders[index + 1]}`);
      socket.write(lines.join("\r\n") + "\r\n\r\n");
      if (upstreamHead.length > 0) socket.write(upstreamHead);
      if (head.length > 0) upstreamSocket.write(head);
      upstreamSocket.pipe(socket).pipe(upstreamSocket);
      upstreamSocket.on("error", () => socket.destroy());
      socket.on("error", () => upstreamSocket.destroy());
    });
    upstream.on("error", () => socket.destroy());
    upstream.end();
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => resolve(server));
  });
}

async function main(): Promise<void> {
  const tls = await devCerts.getHttpsServerOptions();
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    stdio: "inherit",
    env: {
      ...process.env,
      PORT: String(SERVER_PORT),
      HOST: "127.0.0.1",
      PUBLIC_URL: `https://localhost:${HTTPS_PORT}`,
    },
  });
  const proxy = await startHttpsProxy(tls, HTTPS_PORT, SERVER_PORT);
  console.log(
    `HTTPS on https://localhost:${HTTPS_PORT} -> http://127.0.0.1:${SERVER_PORT}; add-in at https://localhost:${HTTPS_PORT}/addin/taskpane.html`,
  );
  const stop = () => {
    proxy.close();
    child.kill("SIGTERM");
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  child.once("exit", (code) => {
    proxy.close();
    process.exit(code ?? 0);
  });
}

if (process.argv[1]?.endsWith("dev-https.ts")) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
