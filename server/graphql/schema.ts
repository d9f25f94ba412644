// Builds the executable schema from the resolver classes and writes the SDL
// to schema/schema.graphql (sorted, with a generated-file header).
import "reflect-metadata";
import { buildSchema } from "type-graphql";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { authChecker } from "./auth-checker.js";
import { AcademyResolver } from "./resolvers/academy.resolver.js";
import { AcademyCardResolver, TargetFieldsResolver } from "./resolvers/academy-card.resolver.js";
import { FrameworkResolver } from "./resolvers/framework.resolver.js";
import { OverviewResolver } from "./resolvers/overview.resolver.js";
import { LiveResolver } from "./resolvers/live.resolver.js";
import { AdministrationResolver } from "./resolvers/administration.resolver.js";
import { PublicDataResolver } from "./resolvers/public-data.resolver.js";
import { AcademyFieldsResolver } from "./resolvers/academy-fields.resolver.js";
import { NodeResolver } from "./resolvers/node.resolver.js";
import { nodeIdResolver } from "./relay/index.js";
import { AcademyType } from "./types/academy.type.js";
import { MeasurementType, TargetType } from "./types/academy-card.type.js";
import { DesignationDecisionType } from "./types/designation-that-counts.type.js";
import { AuditEntryType } from "./types/overview.type.js";
import { EvidenceRecordType, StoredDesignationType } from "./types/stored-designation.type.js";

/** The id resolver of every Node type: its global id. */
const NODE_IDS = [
  nodeIdResolver(AcademyType, "Academy"),
  nodeIdResolver(AuditEntryType, "AuditEntry"),
  nodeIdResolver(DesignationDecisionType, "DesignationDecision"),
  nodeIdResolver(EvidenceRecordType, "EvidenceRecord"),
  nodeIdResolver(MeasurementType, "Measurement"),
  nodeIdResolver(StoredDesignationType, "StoredDesignation"),
  nodeIdResolver(TargetType, "Target"),
] as const;

export const RESOLVERS = [
  FrameworkResolver,
  AcademyResolver,
  AcademyFieldsResolver,
  AcademyCardResolver,
  TargetFieldsResolver,
  OverviewResolver,
  LiveResolver,
  AdministrationResolver,
  PublicDataResolver,
  NodeResolver,
  ...NODE_IDS,
] as const;

const UNUSED_TOPIC_PUBSUB = {
  publish(): void {
    throw new Error("Topic pub/sub is not used: publish through LiveEvents");
  },
  subscribe(): AsyncIterable<unknown> {
    throw new Error("Topic pub/sub is not used: subscriptions have their own subscribe");
  },
};

const HEADER =
  "# Generated from the type-graphql resolvers by `npm run schema`; do not edit.\n# A test fails when this file and the code differ.\n\n";

export async function buildAppSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...RESOLVERS],
    authChecker,
    // Every subscription has its own `subscribe` over the LiveEvents transport
    // (server/live); type-graphql insists on a topic pub/sub all the same.
    pubSub: UNUSED_TOPIC_PUBSUB,
    authMode: "error",
    validate: false,
  });
}

/** The committed SDL text for a schema. */
export function schemaText(schema: GraphQLSchema): string {
  return HEADER + printSchema(lexicographicSortSchema(schema)) + "\n";
}
