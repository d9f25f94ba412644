// Board papers: the academy card and the trust overview, one model each,
// rendered as a workbook (server/workbook/) and as a printable page (html/).
export type * from "./paper.types.js";
export { supportText } from "./paper.types.js";
export { loadAcademyCardPaper, loadOverviewPaper, sinceDay } from "./load-papers.js";
export { NOTHING_DELIVERED, type DeliveredOf } from "./designation-paper.js";
export { academyCardPage } from "./html/academy-card-page.js";
export { overviewPage } from "./html/overview-page.js";
export { RAG_LEGEND, RAG_WORDS, momentWords, dateWords } from "./paper-words.js";
