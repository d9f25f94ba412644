// The school year's and the academy's fixed sets: phase and term.
import type { Phase, Term } from "../../domain/index.js";
import { domainEnum } from "./domain-enum.js";

export const PhaseEnum = domainEnum<Phase>({
  name: "Phase",
  description: "The phase of education an academy provides (DOMAIN.md).",
  values: {
    primary: "Primary: key stages 1 and 2 (outcomes: KS2).",
    secondary: "Secondary: key stages 3 and 4 (outcomes: KS4).",
    "all-through": "All-through: primary and secondary in one academy.",
    special: "Special school: never compared with a national figure.",
    "alternative provision":
      "Alternative provision (including pupil referral units): never compared with a national figure.",
  },
});

export const TermEnum = domainEnum<Term>({
  name: "Term",
  description: "A term of the academic year: AUTUMN, SPRING, SUMMER.",
  values: {
    autumn: "September to December (half terms AUTUMN1, AUTUMN2).",
    spring: "January to Easter (half terms SPRING1, SPRING2).",
    summer: "Easter to July (half terms SUMMER1, SUMMER2).",
  },
});
