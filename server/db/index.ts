// The database layer's public surface (STYLE.md 10): open a Prisma client on
// SQLite or PostgreSQL, apply the committed migrations, empty a database.
export { databaseKind, redact, type DatabaseKind } from "./database-url.js";
export { migrate, type MigrateOptions } from "./migrate.js";
export { MigrationHistoryError } from "./migration-history.js";
export { openDatabase, type Database, type Db, type OpenDatabaseOptions } from "./prisma-client.js";
export { resetDatabase } from "./reset.js";
export { newId } from "./new-id.js";
// The data model's types, generated from prisma/schema.prisma.
export type {
  Academy,
  ApiToken,
  AuditEntry,
  Designation,
  EvidenceRecord,
  Measurement,
  Target,
  TargetVersion,
  Trust,
  TrustFramework,
  User,
} from "../../generated/sqlite/client.js";
// Prisma's namespace: tagged SQL (Prisma.sql, Prisma.join) for the few raw queries,
// Prisma.DbNull (clears a nullable Json column) and its input types.
export { Prisma } from "../../generated/sqlite/client.js";
export { jsonValue } from "./json-value.js";
