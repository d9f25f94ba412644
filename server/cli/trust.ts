// Administering a hosted service from the command line:
// `npm run trust -- create --name "Riverside Learning Trust" --uid TR12345 [--admin "Ada Admin"] [--admin-email ada@example.org] [--framework phase-model] [--days 30]`
//   creates the trust and its first trust admin and prints that admin's token, once.
// `npm run trust -- list` lists the trusts (UID, framework, name).
// `npm run trust -- operator-token --name "Hosting team" [--days 90]` prints a token for the
//   hosting operator, once: it may create trusts over GraphQL (createTrust) and reads no trust's data.
// `npm run trust -- revoke-operator-token --id <id>`
import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import { migrate, openDatabase } from "../db/index.js";
import { issueOperatorToken } from "../auth/tokens.js";
import { DomainError } from "../domain/index.js";
import { AuditService } from "../services/audit.service.js";
import { AdministrationService } from "../services/administration.service.js";

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const USAGE =
  'Usage: npm run trust -- create --name "<trust name>" --uid TR12345 [--admin "<first admin name>"] [--admin-email <email>] [--framework <preset>] [--days <n>]\n' +
  "       npm run trust -- list\n" +
  '       npm run trust -- operator-token --name "<who holds it>" [--days <n>]\n' +
  "       npm run trust -- revoke-operator-token --id <id>";

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: {
    name: { type: "string" },
    uid: { type: "string" },
    admin: { type: "string" },
    "admin-email": { type: "string" },
    framework: { type: "string" },
    days: { type: "string" },
    id: { type: "string" },
  },
});
const days = (fallback: number) => {
  if (values.days === undefined) return fallback;
  const number = Number(values.days);
  if (!Number.isInteger(number) || number <= 0)
    fail("--days must be a whole number of days, 1 or more");
  return number;
};

const config = loadConfig();
await migrate(config.DATABASE_URL);
const database = await openDatabase(config.DATABASE_URL);
const prisma = database.prisma;
const administration = new AdministrationService(prisma, new AuditService(prisma));
try {
  if (command === "create") {
    if (!values.name || !values.uid) fail(`--name and --uid are required\n${USAGE}`);
    const created = await administration.createTrust(null, {
      uid: values.uid,
      name: values.name,
      adminName: values.admin ?? `${values.name} admin`,
      adminEmail: values["admin-email"] ?? null,
      frameworkKey: values.framework ?? null,
      tokenDays: days(30),
    });
    console.log(created.token.token);
    console.error(
      `Trust ${created.trust.uid} "${created.trust.name}" created (framework ${created.trust.frameworkKey}).\n` +
        `The line above is the first trust admin's token, expiring ${created.token.expiresAt?.toISOString().slice(0, 10) ?? "never"}; it is shown only now.\n` +
        "Hand it over securely: with it they add the trust's users (createUser) and issue their tokens (issueToken).",
    );
  } else if (command === "list") {
    for (const trust of await administration.trusts())
      console.log(`${trust.uid.padEnd(9)} ${trust.frameworkKey.padEnd(20)} ${trust.name}`);
  } else if (command === "operator-token") {
    if (!values.name) fail(`--name is required\n${USAGE}`);
    const issued = await issueOperatorToken(prisma, values.name, days(90));
    console.log(issued.token);
    console.error(
      `Operator token ${issued.tokenId} for ${values.name}, expires ${issued.expiresAt?.toISOString().slice(0, 10) ?? "never"}. It is shown only now.`,
    );
  } else if (command === "revoke-operator-token") {
    if (!values.id) fail(`--id is required\n${USAGE}`);
    await prisma.operatorToken.update({
      where: { id: values.id },
      data: { revokedAt: new Date() },
    });
    console.log(`Revoked ${values.id}`);
  } else {
    fail(USAGE);
  }
} catch (error) {
  if (error instanceof DomainError) fail(error.message);
  throw error;
} finally {
  await database.close();
}
