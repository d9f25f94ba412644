// `npm run token -- create --trust <id|uid> --role <role> [--academy <urn>]... [--name <name>] [--days <n>]`
// (--academy: the academy role's academy, or each academy of a governor's local board)
// `npm run token -- revoke --id <tokenId>`
// `npm run token -- list --trust <id|uid>`
// Prints a new token once; only its hash is stored.
import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import { migrate, openDatabase } from "../db/index.js";
import { issueToken, revokeToken } from "../auth/tokens.js";
import { isRole, isScopedRole, ROLES, identifierProblem } from "../shared/index.js";

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: {
    trust: { type: "string" },
    role: { type: "string" },
    academy: { type: "string", multiple: true },
    name: { type: "string" },
    days: { type: "string" },
    id: { type: "string" },
  },
});

const config = loadConfig();
await migrate(config.DATABASE_URL);
const database = await openDatabase(config.DATABASE_URL);
const prisma = database.prisma;
try {
  const findTrust = async () => {
    if (!values.trust) fail("--trust <id or uid> is required");
    const trust =
      (await prisma.trust.findUnique({ where: { id: values.trust } })) ??
      (await prisma.trust.findUnique({ where: { uid: values.trust } }));
    if (!trust) fail(`No trust with id or uid "${values.trust}"`);
    return trust;
  };
  if (command === "create") {
    const trust = await findTrust();
    const role = values.role ?? "";
    if (!isRole(role)) fail(`--role must be one of ${ROLES.join(", ")}`);
    const urns = values.academy ?? [];
    if (isScopedRole(role) && urns.length === 0)
      fail(
        role === "governor"
          ? "The governor role needs the academies of its local board: one --academy <urn> for each"
          : "The academy role needs at least one --academy <urn>",
      );
    if (!isScopedRole(role) && urns.length > 0)
      fail(
        `The ${role} role sees the whole trust; --academy is for the academy and governor roles`,
      );
    for (const urn of urns) {
      const problem = identifierProblem("urn", "--academy", urn);
      if (problem) fail(problem.message);
    }
    const days = values.days === undefined ? 365 : Number(values.days);
    if (!Number.isInteger(days) || days <= 0)
      fail("--days must be a whole number of days, 1 or more");
    const issued = await issueToken(prisma, {
      trustId: trust.id,
      role,
      name: values.name ?? `${role} (${trust.name})`,
      academyUrns: urns,
      label: "cli",
      days,
    });
    console.log(issued.token);
    console.error(
      `Token ${issued.tokenId} for ${role} in ${trust.name}, expires ${issued.expiresAt?.toISOString().slice(0, 10) ?? "never"}. It is shown only now.`,
    );
  } else if (command === "revoke") {
    if (!values.id) fail("--id <tokenId> is required");
    await revokeToken(prisma, values.id);
    console.log(`Revoked ${values.id}`);
  } else if (command === "list") {
    const trust = await findTrust();
    const tokens = await prisma.apiToken.findMany({
      where: { user: { trustId: trust.id } },
      include: { user: true },
      orderBy: { createdAt: "asc" },
    });
    for (const token of tokens) {
      const state = token.revokedAt
        ? "revoked"
        : token.expiresAt && token.expiresAt < new Date()
          ? "expired"
          : "active";
      console.log(
        `${token.id}  ${token.user.role.padEnd(12)} ${state.padEnd(8)} ${token.user.name}`,
      );
    }
  } else {
    fail(
      "Usage: npm run token -- create --trust <id|uid> --role <role> [--academy <urn>] | revoke --id <tokenId> | list --trust <id|uid>",
    );
  }
} finally {
  await database.close();
}
