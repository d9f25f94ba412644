// Relay connections: one generic edge and connection type per node type, and
// the one function that turns a service's page into a connection. totalCount
// is counted only when a client selects it.
import { Field, Int, ObjectType, type ClassType } from "type-graphql";
import type { Page } from "../../services/page.js";
import { PageInfoType } from "./page-info.type.js";

export interface Edge<T> {
  readonly cursor: string;
  /** The node, or its promise: GraphQL awaits it when the node is selected. */
  readonly node: T | Promise<T>;
}

export interface Connection<T> {
  readonly edges: readonly Edge<T>[];
  readonly pageInfo: PageInfoType;
  readonly totalCount: number;
}

/** How a connection's types are named and described. */
export interface ConnectionNaming {
  /** The node type's name: "Academy" gives AcademyEdge and AcademyConnection. */
  readonly name: string;
  /** One item, for descriptions: "an academy". */
  readonly item: string;
  /** Items, for descriptions: "academies". */
  readonly items: string;
  /** The list's order: "ordered by URN". */
  readonly order: string;
}

/** The edge and connection types of a node type. */
export function connectionType<T extends object>(node: ClassType<T>, naming: ConnectionNaming) {
  @ObjectType(`${naming.name}Edge`, { description: `${capital(naming.item)} and its cursor.` })
  class EdgeType implements Edge<T> {
    @Field(() => String, {
      description: `Cursor of this item: pass it as after or before for the items beyond it.`,
    })
    cursor!: string;

    @Field(() => node, { description: `The item.` })
    node!: T | Promise<T>;
  }

  @ObjectType(`${naming.name}Connection`, {
    description: `A page of ${naming.items}, ${naming.order}.`,
  })
  class ConnectionType implements Connection<T> {
    @Field(() => [EdgeType], { description: `The ${naming.items} on this page, in order.` })
    edges!: EdgeType[];

    @Field(() => PageInfoType, { description: "Where this page stands in the list." })
    pageInfo!: PageInfoType;

    @Field(() => Int, { description: `How many ${naming.items} the list holds, on all pages.` })
    totalCount!: number;
  }
  return ConnectionType;
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * A service's page as a connection: each row mapped to its node with its
 * cursor; totalCount counted only when a client selects it.
 */
export async function connectionOf<R, T>(
  page: Page<R>,
  cursorOf: (row: R) => string,
  nodeOf: (row: R) => T | Promise<T>,
  count: () => Promise<number>,
): Promise<Connection<T>> {
  // Nodes are left for GraphQL to await: a page's connections all come back
  // at once, so every academy's totalCount falls in the same batch, however
  // long one academy's nodes take to map.
  // A node is mapped only when selected (a getter), so a failure nobody asked
  // for is never left unhandled.
  const edges = page.rows.map((row) => {
    let mapped: T | Promise<T> | undefined;
    return {
      cursor: cursorOf(row),
      get node() {
        return (mapped ??= nodeOf(row));
      },
    };
  });
  const pageInfo: PageInfoType = {
    hasNextPage: page.hasNextPage,
    hasPreviousPage: page.hasPreviousPage,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges[edges.length - 1]?.cursor ?? null,
  };
  let counted: Promise<number> | undefined;
  const connection = { edges, pageInfo, totalCount: 0 };
  // A getter GraphQL reads (and awaits) only when totalCount is selected.
  Object.defineProperty(connection, "totalCount", {
    enumerable: true,
    get: () => (counted ??= count()),
  });
  return connection;
}
