// Relay's pieces (STYLE.md 10): connections with opaque cursors and checked
// page arguments, global ids, and the Node interface.
export { connectionOf, connectionType, type Connection, type Edge } from "./connection.type.js";
export {
  encodeCursor,
  newestFirstCursor,
  numberKeyCursor,
  textKeyCursor,
  type CursorCodec,
} from "./cursor.js";
export { globalId, parseGlobalId, rowIdOf, NODE_TYPES, type NodeTypeName } from "./global-id.js";
export { asNode, NodeInterface, nodeIdResolver, NODE_ID_DESCRIPTION } from "./node.interface.js";
export {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  PageArgs,
  windowOf,
  type PageArguments,
} from "./page.args.js";
export { PageInfoType } from "./page-info.type.js";
