// The API's connections: every list that can grow, a page at a time (Relay),
// with the cursor each list writes and the largest page it serves.
import {
  connectionType,
  MAX_PAGE_SIZE,
  newestFirstCursor,
  numberKeyCursor,
  textKeyCursor,
} from "../relay/index.js";
import { AcademyType } from "./academy.type.js";
import { TargetVersionType } from "./academy-card.type.js";
import { DesignationDecisionType } from "./designation-that-counts.type.js";
import { AuditEntryType } from "./audit.type.js";
import { StoredDesignationType } from "./stored-designation.type.js";

export const AcademyConnectionType = connectionType(AcademyType, {
  name: "Academy",
  item: "an academy",
  items: "academies",
  order: "ordered by URN",
});
export const ACADEMY_PAGES = {
  cursor: textKeyCursor("academies", /^\d{6}$/),
  max: MAX_PAGE_SIZE,
} as const;

export const StoredDesignationConnectionType = connectionType(StoredDesignationType, {
  name: "StoredDesignation",
  item: "a computed designation",
  items: "computed designations",
  order: "newest first",
});
export const HISTORY_PAGES = { cursor: newestFirstCursor("designationHistory"), max: 200 } as const;

export const DesignationDecisionConnectionType = connectionType(DesignationDecisionType, {
  name: "DesignationDecision",
  item: "a decision",
  items: "decisions",
  order: "newest first",
});
export const DECISION_PAGES = {
  cursor: newestFirstCursor("designationDecisions"),
  max: 200,
} as const;

export const AuditEntryConnectionType = connectionType(AuditEntryType, {
  name: "AuditEntry",
  item: "an entry of the audit log",
  items: "entries of the audit log",
  order: "newest first",
});
export const AUDIT_PAGES = { cursor: newestFirstCursor("auditLog"), max: MAX_PAGE_SIZE } as const;

export const TargetVersionConnectionType = connectionType(TargetVersionType, {
  name: "TargetVersion",
  item: "a version of a target",
  items: "versions of the target",
  order: "newest first",
});
export const VERSION_PAGES = { cursor: numberKeyCursor("targetVersions"), max: 200 } as const;
