// `npm run db:seed`: migrates $DATABASE_URL and seeds the demo trust if it is missing.
import { loadConfig } from "../config.js";
import { migrate, openDatabase } from "../db/index.js";
import { seedDemoTrust } from "../demo/seed-demo-trust.js";

const config = loadConfig();
await migrate(config.DATABASE_URL);
const database = await openDatabase(config.DATABASE_URL);
try {
  const seeded = await seedDemoTrust(database.prisma);
  if (!seeded) console.log("The demo trust is already there; nothing to do.");
  else {
    console.log("Demo trust seeded. Tokens (shown once):");
    for (const [role, issued] of Object.entries(seeded.tokens))
      console.log(`  ${role.padEnd(13)} ${issued.token}`);
  }
} finally {
  await database.close();
}
