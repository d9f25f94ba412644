// The audit log as a client reads it: who (a user), what (an action on a kind
// of record), when, and each field's value before and after.
import { Field, ID, ObjectType } from "type-graphql";
import { GraphQLJSON } from "graphql-scalars";
import { NODE_ID_DESCRIPTION, NodeInterface } from "../relay/index.js";
import { domainEnum } from "./domain-enum.js";

/** Every kind of record the log names, including those earlier releases wrote. */
export type AuditEntity =
  | "Academy"
  | "ApiToken"
  | "CalendarToken"
  | "ColumnMap"
  | "Designation"
  | "DesignationDecision"
  | "Evidence"
  | "Framework"
  | "Measurement"
  | "PublicImport"
  | "SupportDelivery"
  | "Target"
  | "Trust"
  | "User";

export const AuditEntityEnum = domainEnum<AuditEntity>({
  name: "AuditEntity",
  description: "The kind of record an audit entry is about.",
  values: {
    Academy: "An academy (created, updated, imported, its predecessors).",
    ApiToken: "A user's bearer token (issued, revoked).",
    CalendarToken: "A user's read-only calendar feed token (issued, revoked).",
    ColumnMap: "The trust's column map.",
    Designation: "A designation confirmed by an earlier release (before decisions were records).",
    DesignationDecision: "A decision on an academy's designation.",
    Evidence: "An academy's evidence for a year and term.",
    Framework: "One of the trust's own frameworks.",
    Measurement: "A measurement of a target's metric.",
    PublicImport: "A public data file loaded for the trust.",
    SupportDelivery: "A visit or amount of support delivered against an academy's entitlement.",
    Target: "An academy-card target.",
    Trust: "The trust itself (created, its framework chosen).",
    User: "A user of the trust.",
  },
});

/** Every action the log records, including those earlier releases wrote. */
export type AuditAction =
  | "academy.create"
  | "academy.update"
  | "academy.import"
  | "academy.predecessor"
  | "calendarToken.issue"
  | "calendarToken.revoke"
  | "columnMap.save"
  | "designation.agree"
  | "designation.override"
  | "designation.confirm"
  | "evidence.create"
  | "evidence.update"
  | "framework.create"
  | "framework.update"
  | "measurement.create"
  | "publicData.load"
  | "supportDelivery.create"
  | "target.create"
  | "target.update"
  | "target.propose"
  | "target.review"
  | "target.agree"
  | "target.directChange"
  | "target.draft"
  | "target.proposed"
  | "target.reviewed"
  | "target.agreed"
  | "token.issue"
  | "token.revoke"
  | "trust.create"
  | "trust.framework"
  | "user.create"
  | "user.update";

const EARLIER = "(written by an earlier release)";

export const AuditActionEnum = domainEnum<AuditAction>({
  name: "AuditAction",
  description: "What was done, as the audit log records it.",
  values: {
    "academy.create": "An academy was created.",
    "academy.update": "An academy's name, phase or identifiers changed.",
    "academy.import": "Academies were imported in one batch.",
    "academy.predecessor": "A predecessor school was linked to an academy.",
    "calendarToken.issue": "A calendar feed token was issued.",
    "calendarToken.revoke": "A calendar feed token was revoked.",
    "columnMap.save": "The trust's column map was replaced.",
    "designation.agree": "A decision agreed the computed level.",
    "designation.override": "A decision set another level than the computed one, with a reason.",
    "designation.confirm": `A designation was confirmed ${EARLIER}.`,
    "evidence.create": "Evidence was recorded for a year and term.",
    "evidence.update": "Recorded evidence was changed.",
    "framework.create": "One of the trust's own frameworks was saved for the first time.",
    "framework.update": "One of the trust's own frameworks was replaced.",
    "measurement.create": "A measurement was recorded.",
    "publicData.load": "A public data file was loaded.",
    "supportDelivery.create": "Support delivered was recorded against an entitlement.",
    "target.create": "A target was set, as a draft.",
    "target.update": "A target's values were edited.",
    "target.propose": "A target (or its change) was proposed.",
    "target.review": "The local governing board's review was recorded.",
    "target.agree": "The trust board's agreement was recorded.",
    "target.directChange": "An agreed target was changed directly by the trust board.",
    "target.draft": `A target went back to draft ${EARLIER}.`,
    "target.proposed": `A target was proposed ${EARLIER}.`,
    "target.reviewed": `A target was reviewed ${EARLIER}.`,
    "target.agreed": `A target was agreed ${EARLIER}.`,
    "token.issue": "A token was issued.",
    "token.revoke": "A token was revoked.",
    "trust.create": "The trust was created by the hosting operator.",
    "trust.framework": "The trust chose the framework it designates with.",
    "user.create": "A user was added.",
    "user.update": "A user's name, email, role, academies or sign-in identity changed.",
  },
});

@ObjectType("AuditChange", {
  description: "One field of a record as it was before and after a change.",
})
export class AuditChangeType {
  @Field(() => String, {
    description: 'The field, such as "target" or "status"; "value" for a record that is a list.',
  })
  field!: string;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description: "Its value before (a string, number, boolean, list or object); null when absent.",
  })
  before!: unknown;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description: "Its value after; null when absent (the record was removed).",
  })
  after!: unknown;
}

@ObjectType("AuditEntry", {
  implements: NodeInterface,
  description: "One change: who, when, what, before and after.",
})
export class AuditEntryType {
  @Field(() => ID, { description: NODE_ID_DESCRIPTION })
  id!: string;

  /** The user id of who made it, when a user of the trust did (the `actor` field resolves the user). */
  actorId!: string | null;

  @Field(() => String, {
    description:
      "Who made it, by name as recorded: a user's name, or the hosting operator for a trust it created.",
  })
  actorName!: string;

  @Field(() => AuditActionEnum, { description: "What was done, e.g. TARGET_UPDATE." })
  action!: AuditAction;

  @Field(() => AuditEntityEnum, { description: "Kind of record." })
  entity!: AuditEntity;

  @Field(() => ID, { description: 'Its id ("*" for a batch).' })
  entityId!: string;

  @Field(() => [AuditChangeType], {
    description:
      "The fields that changed, with their values before and after (every field for a record created or removed); internal ids left out.",
  })
  changes!: AuditChangeType[];

  @Field(() => Date, { description: "When." })
  at!: Date;
}
