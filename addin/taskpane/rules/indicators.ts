// The indicator catalogue the server maps workbook headers with, bundled into
// the task pane from the very same file (it is pure TypeScript): the pane shows
// and edits the mapping the server would make, and nothing is declared twice.
export {
  INDICATORS,
  indicatorByKey,
  indicatorForHeader,
  type Indicator,
} from "../../../server/domain/indicators.js";
// How a number typed for a metric is read (0.185 of a percent metric is
// 18.5%) and shown: the server's own rules, so the pane says what it will store.
export { formatValue, readMetricValue } from "../../../server/domain/academy-card/metric-rules.js";
