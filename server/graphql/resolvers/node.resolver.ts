// node(id) (Relay): any object with a global id, if the viewer may see it.
// An id that is not a global id is BAD_USER_INPUT; a type the viewer's role
// may not read is FORBIDDEN; an object of another trust, or of an academy the
// viewer does not see, is NOT_FOUND exactly as one that does not exist. Each
// answers null with the reason in `errors`, and sibling fields keep theirs.
import type DataLoader from "dataloader";
import { Arg, Authorized, Ctx, ID, Query, Resolver } from "type-graphql";
import { badInput, forbidden, notFound } from "../../domain/index.js";
import { roleHas, type Permission } from "../../shared/index.js";
import type { Context } from "../context.type.js";
import type { NodeRows } from "../loaders/index.js";
import {
  toDecision,
  toEvidenceRecord,
  toMeasurement,
  toStoredDesignation,
  toTarget,
} from "../mappers.js";
import { frameworkOf } from "../framework-of.js";
import { toAuditEntry } from "../audit-entries.js";
import {
  asNode,
  NODE_TYPES,
  NodeInterface,
  parseGlobalId,
  type NodeTypeName,
} from "../relay/index.js";

/** What a role needs to read each Node type. */
const PERMISSION: { readonly [T in NodeTypeName]: Permission } = {
  Academy: "read",
  AuditEntry: "readAudit",
  DesignationDecision: "read",
  EvidenceRecord: "read",
  Measurement: "read",
  StoredDesignation: "read",
  Target: "read",
};

/** Each Node type's row as the API shows it. */
const SHOWN: {
  readonly [T in NodeTypeName]: (context: Context, row: NodeRows[T]) => object | Promise<object>;
} = {
  Academy: (_, row) => row,
  AuditEntry: (_, row) => toAuditEntry(row),
  DesignationDecision: async (context, row) =>
    toDecision(row, await frameworkOf(context, row.frameworkKey)),
  EvidenceRecord: (_, row) => toEvidenceRecord(row),
  Measurement: (_, row) => toMeasurement(row),
  StoredDesignation: async (context, row) =>
    toStoredDesignation(row, await frameworkOf(context, row.frameworkKey)),
  Target: (_, found) => toTarget(found.urn, found.entry),
};

async function nodeOf<T extends NodeTypeName>(
  context: Context,
  type: T,
  rowId: string,
): Promise<object | null> {
  const loader = context.loaders.nodes[type] as DataLoader<string, NodeRows[T] | null>;
  const row = await loader.load(rowId);
  return row ? asNode(type, await SHOWN[type](context, row)) : null;
}

@Resolver()
export class NodeResolver {
  @Authorized("read")
  @Query(() => NodeInterface, {
    nullable: true,
    description: `Any object with a global id (${NODE_TYPES.join(", ")}), if it is yours to see; null with NOT_FOUND in errors otherwise, and with BAD_USER_INPUT for an id that is not a global id.`,
  })
  async node(
    @Arg("id", () => ID, { description: "A global id: the id field of a Node." }) id: string,
    @Ctx() context: Context,
  ): Promise<NodeInterface | null> {
    const parsed = parseGlobalId(id);
    if (!parsed) {
      const shown = String(id).slice(0, 60);
      throw badInput([
        {
          field: "id",
          value: shown,
          accepts: `the id of a Node (${NODE_TYPES.join(", ")})`,
          message: `id: "${shown}" is not a global id; it accepts the id field of a Node (${NODE_TYPES.join(", ")})`,
        },
      ]);
    }
    if (!roleHas(context.viewer!.role, PERMISSION[parsed.type]))
      throw forbidden(`Your role may not read a ${parsed.type}.`);
    const node = await nodeOf(context, parsed.type, parsed.rowId);
    if (!node)
      throw notFound(`No ${parsed.type} with this id in your trust (or of one of your academies)`);
    return node as NodeInterface;
  }
}
