// The indicator catalogue the server maps workbook headers with, bundled into
// the task pane from the very same file (it is pure TypeScript): the pane shows
// and edits the mapping the server would make, and nothing is declared twice.
export {
  INDICATORS,
  indicatorByKey,
  indicatorForHeader,
  type Indicator,
} from "../../../server/domain/indicators.js";
