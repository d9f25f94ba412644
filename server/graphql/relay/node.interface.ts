// The Node interface (Relay): every object a client may fetch again by id.
// Each Node type's id field answers its global id, from one generic resolver.
import {
  Field,
  FieldResolver,
  ID,
  InterfaceType,
  Resolver,
  Root,
  type ClassType,
} from "type-graphql";
import { globalId, type NodeTypeName } from "./global-id.js";

/** The description of every Node's id. */
export const NODE_ID_DESCRIPTION = "Global id: node(id) fetches it again.";

// The type of each object node(id) answers, for resolveType.
const typeOfNode = new WeakMap<object, NodeTypeName>();

/** Marks an object node(id) answers with its Node type. */
export function asNode<T extends object>(type: NodeTypeName, value: T): T {
  typeOfNode.set(value, type);
  return value;
}

@InterfaceType("Node", {
  description: "An object with a global id, which node(id) fetches again.",
  resolveType: (value: object) => typeOfNode.get(value),
})
export abstract class NodeInterface {
  @Field(() => ID, { description: NODE_ID_DESCRIPTION })
  id!: string;
}

/** The resolver of a Node type's id: its row id as a global id. */
export function nodeIdResolver<T extends { id: string }>(type: ClassType<T>, name: NodeTypeName) {
  @Resolver(() => type)
  class NodeIdResolver {
    @FieldResolver(() => ID, { description: NODE_ID_DESCRIPTION })
    id(@Root() row: T): string {
      return globalId(name, row.id);
    }
  }
  return NodeIdResolver;
}
