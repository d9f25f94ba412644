// `npm start`: the server on embedded SQLite (or PostgreSQL via DATABASE_URL),
// migrations applied, the demo trust seeded once, URLs printed.
import { ConfigError, loadConfig } from "./config.js";
import { bootstrap } from "./bootstrap.js";
import { redact } from "./db/index.js";

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  let server;
  try {
    server = await bootstrap(config);
  } catch (error) {
    // A port in use says so in one line, as a bad variable does, not as a stack trace.
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const lines = [
    "",
    "MAT designations is running",
    `  GraphQL endpoint   ${server.url}/graphql`,
    `  GraphQL IDE        ${server.url}/graphiql`,
    `  Health             ${server.url}/healthz`,
    `  Database           ${redact(config.DATABASE_URL)}`,
  ];
  if (server.demo) {
    lines.push("", "Demo trust seeded. Tokens (shown once; keep them safe):");
    for (const [role, issued] of Object.entries(server.demo.tokens))
      lines.push(`  ${role.padEnd(13)} ${issued.token}`);
    lines.push(`  Use one as a header in the IDE: { "Authorization": "Bearer <token>" }`);
  }
  console.log(lines.join("\n") + "\n");
  const shutdown = (signal: string) => {
    server.logger.info({ signal }, "shutting down");
    server
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        server.logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      });
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

await main();
