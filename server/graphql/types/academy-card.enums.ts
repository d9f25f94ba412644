// The academy card's fixed sets as GraphQL enums. Their values are the
// domain's own words (DOMAIN.md: draft, autumn1, green), which is also what a
// MAT.CARD cell shows, so COUNTIF("green") keeps working.
import { registerEnumType } from "type-graphql";

export const TargetStatusEnum = {
  draft: "draft",
  proposed: "proposed",
  reviewed: "reviewed",
  agreed: "agreed",
} as const;
registerEnumType(TargetStatusEnum, {
  name: "TargetStatus",
  description:
    "Where a target stands in sign-off: draft, proposed, reviewed, agreed, in that order.",
  valuesConfig: {
    draft: { description: "Being written; not yet put forward." },
    proposed: { description: "Put forward by the academy or the trust." },
    reviewed: { description: "Reviewed by the academy's local governing board." },
    agreed: { description: "Agreed by the trust board: the value in force." },
  },
});

export const SignOffStepEnum = { propose: "propose", review: "review", agree: "agree" } as const;
registerEnumType(SignOffStepEnum, {
  name: "SignOffStep",
  description: "A step of target sign-off.",
  valuesConfig: {
    propose: { description: "Put the target forward (the academy or the trust)." },
    review: { description: "Record the local governing board's review." },
    agree: { description: "Record the trust board's agreement." },
  },
});

export const SignOffBodyEnum = {
  academy: "academy",
  trust: "trust",
  localBoard: "localBoard",
  trustBoard: "trustBoard",
} as const;
registerEnumType(SignOffBodyEnum, {
  name: "SignOffBody",
  description: "Who a sign-off step was taken for.",
  valuesConfig: {
    academy: { description: "The academy (proposing)." },
    trust: { description: "The trust (proposing)." },
    localBoard: {
      description: 'The academy\'s local governing board ("LGB", "Academy Advisory Board").',
    },
    trustBoard: { description: "The trust board." },
  },
});

export const TargetActionEnum = {
  created: "created",
  edited: "edited",
  proposed: "proposed",
  reviewed: "reviewed",
  agreed: "agreed",
  directChange: "directChange",
  earlierRelease: "earlierRelease",
} as const;
registerEnumType(TargetActionEnum, {
  name: "TargetAction",
  description: "What made a version of a target.",
  valuesConfig: {
    created: { description: "The target was set, as a draft." },
    edited: {
      description:
        "Its values were edited (a proposed or reviewed target goes back to draft; for an agreed one this starts a pending change).",
    },
    proposed: { description: "Put forward by the academy or the trust." },
    reviewed: { description: "Reviewed by the local governing board." },
    agreed: { description: "Agreed by the trust board." },
    directChange: {
      description:
        "An exceptional change recorded directly for the trust board, with its reason and meeting date.",
    },
    earlierRelease: {
      description:
        "A version kept by an earlier release, before sign-off steps were recorded: status and values only.",
    },
  },
});

export const PeriodEnum = {
  autumn1: "autumn1",
  autumn2: "autumn2",
  spring1: "spring1",
  spring2: "spring2",
  summer1: "summer1",
  summer2: "summer2",
  autumn: "autumn",
  spring: "spring",
  summer: "summer",
  year: "year",
} as const;
registerEnumType(PeriodEnum, {
  name: "Period",
  description:
    "A measurement's period: a half term (points 1-6 of the year), a term (points 2, 4, 6) or the whole year.",
});

export const HalfTermEnum = {
  autumn1: "autumn1",
  autumn2: "autumn2",
  spring1: "spring1",
  spring2: "spring2",
  summer1: "summer1",
  summer2: "summer2",
} as const;
registerEnumType(HalfTermEnum, {
  name: "HalfTerm",
  description: "A half term, autumn1 ... summer2: where milestones are set.",
});

export const RagEnum = { green: "green", amber: "amber", red: "red" } as const;
registerEnumType(RagEnum, {
  name: "Rag",
  description: "Progress rating against what is expected by the latest period.",
  valuesConfig: {
    green: { description: "On track: meets what is expected by its period." },
    amber: { description: "Short of the expectation by no more than the tolerance." },
    red: { description: "Short of the expectation by more than the tolerance." },
  },
});
