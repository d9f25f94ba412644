// Builds the executable schema from the resolver classes and writes the SDL
// to schema/schema.graphql (sorted, with a generated-file header).
import "reflect-metadata";
import { buildSchema } from "type-graphql";
import {
  GraphQLEnumType,
  GraphQLError,
  isEnumType,
  lexicographicSortSchema,
  type OperationTypeNode,
  printSchema,
  type GraphQLSchema,
} from "graphql";
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
import {
  AcademyCardSupportResolver,
  OverviewSupportResolver,
  ReviewCalendarResolver,
} from "./resolvers/review-calendar.resolver.js";
import { WHO_RESOLVERS } from "./resolvers/who.resolver.js";
import { nodeIdResolver } from "./relay/index.js";
import { AcademyType } from "./types/academy.type.js";
import { MeasurementType, TargetType } from "./types/academy-card.type.js";
import { DesignationDecisionType } from "./types/designation-that-counts.type.js";
import { AuditEntryType } from "./types/audit.type.js";
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
  ReviewCalendarResolver,
  AcademyCardSupportResolver,
  OverviewSupportResolver,
  NodeResolver,
  ...NODE_IDS,
  ...WHO_RESOLVERS,
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

const ROOT_DESCRIPTIONS = {
  query:
    "What a client reads: academies, cards, designations, frameworks, indicators and the trust's changes.",
  mutation:
    "What a client changes: academies, evidence, decisions, targets and their sign-off, measurements, users and frameworks.",
  subscription:
    "Live changes of the trust, in commit order, resumable with `after`: progress, designations and targets.",
} as const;

/**
 * An enum value a client sent that the enum does not have is refused with the
 * values it accepts (graphql-js names only the nearest, and only outside production).
 */
function acceptedValuesIn(type: GraphQLEnumType): void {
  const accepts = `${type.name} accepts ${type
    .getValues()
    .map((value) => value.name)
    .join(", ")}.`;
  const refuse = (error: unknown): never => {
    if (!(error instanceof GraphQLError)) throw error;
    const message = error.message.replace(/ ?Did you mean(.+?)\?$/, "");
    throw new GraphQLError(`${message} ${accepts}`, { nodes: error.nodes });
  };
  const { parseValue, parseLiteral } = type;
  type.parseValue = (value) => {
    try {
      return parseValue.call(type, value);
    } catch (error) {
      return refuse(error);
    }
  };
  type.parseLiteral = (node, variables) => {
    try {
      return parseLiteral.call(type, node, variables);
    } catch (error) {
      return refuse(error);
    }
  };
}

export async function buildAppSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [...RESOLVERS],
    authChecker,
    // Every subscription has its own `subscribe` over the LiveEvents transport
    // (server/live); type-graphql insists on a topic pub/sub all the same.
    pubSub: UNUSED_TOPIC_PUBSUB,
    authMode: "error",
    validate: false,
  });
  for (const [root, description] of Object.entries(ROOT_DESCRIPTIONS)) {
    const type = schema.getRootType(root as OperationTypeNode);
    if (type) type.description = description;
  }
  for (const type of Object.values(schema.getTypeMap()))
    if (isEnumType(type) && !type.name.startsWith("__")) acceptedValuesIn(type);
  return schema;
}

/** The committed SDL text for a schema. */
export function schemaText(schema: GraphQLSchema): string {
  return HEADER + printSchema(lexicographicSortSchema(schema)) + "\n";
}
