// The academy card's fixed sets as GraphQL enums: UPPER_CASE for a client
// (AGREED, AUTUMN1, GREEN), the domain's own words inside (DOMAIN.md: agreed,
// autumn1, green), which is also what a MAT.CARD cell shows, so
// COUNTIF("green") keeps working.
import type { HalfTerm, Period, Rag } from "../../domain/index.js";
import type { SignOffBody, SignOffStep, TargetAction, TargetStatus } from "../../shared/index.js";
import { domainEnum } from "./domain-enum.js";

export const TargetStatusEnum = domainEnum<TargetStatus>({
  name: "TargetStatus",
  description:
    "Where a target stands in sign-off: DRAFT, PROPOSED, REVIEWED, AGREED, in that order.",
  values: {
    draft: "Being written; not yet put forward.",
    proposed: "Put forward by the academy or the trust.",
    reviewed: "Reviewed by the academy's local governing board.",
    agreed: "Agreed by the trust board: the value in force.",
  },
});

export const SignOffStepEnum = domainEnum<SignOffStep>({
  name: "SignOffStep",
  description: "A step of target sign-off.",
  values: {
    propose: "Put the target forward (the academy or the trust).",
    review: "Record the local governing board's review.",
    agree: "Record the trust board's agreement.",
  },
});

export const SignOffBodyEnum = domainEnum<SignOffBody>({
  name: "SignOffBody",
  description: "Who a sign-off step was taken for.",
  values: {
    academy: "The academy (proposing).",
    trust: "The trust (proposing).",
    localBoard: 'The academy\'s local governing board ("LGB", "Academy Advisory Board").',
    trustBoard: "The trust board.",
  },
});

export const TargetActionEnum = domainEnum<TargetAction>({
  name: "TargetAction",
  description: "What made a version of a target.",
  values: {
    created: "The target was set, as a draft.",
    edited:
      "Its values were edited (a proposed or reviewed target goes back to draft; for an agreed one this starts a pending change).",
    proposed: "Put forward by the academy or the trust.",
    reviewed: "Reviewed by the local governing board.",
    agreed: "Agreed by the trust board.",
    directChange:
      "An exceptional change recorded directly for the trust board, with its reason and meeting date.",
    earlierRelease:
      "A version kept by an earlier release, before sign-off steps were recorded: status and values only.",
  },
});

const HALF_TERM_WORDS: Readonly<Record<HalfTerm, string>> = {
  autumn1: "First half of the autumn term (point 1 of the year).",
  autumn2: "Second half of the autumn term (point 2).",
  spring1: "First half of the spring term (point 3).",
  spring2: "Second half of the spring term (point 4).",
  summer1: "First half of the summer term (point 5).",
  summer2: "Second half of the summer term (point 6).",
};

export const PeriodEnum = domainEnum<Period>({
  name: "Period",
  description:
    "A measurement's period: a half term (points 1-6 of the year), a term (points 2, 4, 6) or the whole year.",
  values: {
    ...HALF_TERM_WORDS,
    autumn: "The autumn term as a whole (ends at point 2).",
    spring: "The spring term as a whole (ends at point 4).",
    summer: "The summer term as a whole (ends at point 6).",
    year: "The whole year, such as a published result (ends at point 6).",
  },
});

export const HalfTermEnum = domainEnum<HalfTerm>({
  name: "HalfTerm",
  description: "A half term, AUTUMN1 ... SUMMER2: where milestones are set.",
  values: HALF_TERM_WORDS,
});

export const RagEnum = domainEnum<Rag>({
  name: "Rag",
  description: "Progress rating against what is expected by the latest period.",
  values: {
    green: "On track: meets what is expected by its period.",
    amber: "Short of the expectation by no more than the tolerance.",
    red: "Short of the expectation by more than the tolerance.",
  },
});
