// How the server resolves workbook headers (the trust's column map, then the
// framework's own aliases, then the catalogue), bundled into the task pane from
// the very same file so the pane shows the mapping the server makes.
export {
  CATALOGUE_HEADERS,
  headerResolver,
  type ColumnChoice,
  type HeaderResolution,
  type HeaderResolver,
} from "../../../server/domain/headers.js";
export { isPercentFormat } from "../../../server/domain/cell-value.js";
