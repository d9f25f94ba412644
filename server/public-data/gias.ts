// DfE Get Information about Schools (PUBLIC-DATA.md 2): all establishments
// (about 140 columns; only the ones a trust needs are read, and the head
// teacher's and proprietor's names never are) and the links file (predecessors).
import { notAvailableReason, readDate, readNumber } from "./cells.js";
import { cell, type Columns } from "./columns.js";
import type { EstablishmentRow, LinkRow, RowReader } from "./types.js";

export const GIAS_HEADERS = [
  "URN",
  "LA (code)",
  "EstablishmentNumber",
  "EstablishmentName",
  "TypeOfEstablishment (name)",
  "EstablishmentStatus (name)",
  "OpenDate",
  "PhaseOfEducation (name)",
  "Trusts (code)",
];
export const GIAS_LINK_HEADERS = ["URN", "LinkURN", "LinkName", "LinkType", "LinkEstablishedDate"];

/** Our phase for a GIAS establishment: special and AP by type, otherwise by phase of education. */
export function giasPhase(phase: string | null, type: string | null): string | null {
  const kind = (type ?? "").toLowerCase();
  if (kind.includes("special")) return "special";
  if (kind.includes("alternative provision") || kind.includes("pupil referral"))
    return "alternative provision";
  const text = (phase ?? "").toLowerCase();
  if (text.startsWith("all-through") || text.startsWith("all through")) return "all-through";
  if (text.includes("primary") || text === "nursery") return "primary";
  if (text.includes("secondary") || text.startsWith("16 plus")) return "secondary";
  return null;
}

const text = (raw: string | undefined): string | null =>
  raw === undefined || notAvailableReason(raw) !== null ? null : raw;

export function establishmentsReader(columns: Columns): RowReader {
  const at = (name: string) => columns.at(name);
  const urn = at("URN");
  const la = at("LA (code)");
  const number = at("EstablishmentNumber");
  const name = at("EstablishmentName");
  const type = at("TypeOfEstablishment (name)");
  const status = at("EstablishmentStatus (name)");
  const open = at("OpenDate");
  const close = at("CloseDate");
  const phase = at("PhaseOfEducation (name)");
  const pupils = at("NumberOfPupils");
  const trustCode = at("Trusts (code)");
  const trustName = at("Trusts (name)");
  const ukprn = at("UKPRN");
  let newest: string | null = null;
  return {
    kind: "gias-establishments",
    urnOf: (cells) => cell(cells, urn) || null,
    trustOf: (cells) => text(cell(cells, trustCode)),
    observe(cells) {
      const opened = readDate(cell(cells, open));
      if (opened && (newest === null || opened > newest)) newest = opened;
    },
    read(cells): EstablishmentRow | null {
      const id = cell(cells, urn);
      if (!id) return null;
      const laCode = text(cell(cells, la));
      const estab = text(cell(cells, number));
      const typeName = text(cell(cells, type));
      const pupilText = text(cell(cells, pupils));
      const ukprnText = text(cell(cells, ukprn));
      return {
        type: "establishment",
        urn: id,
        establishment: {
          urn: id,
          name: cell(cells, name) ?? "",
          laestab: laCode && estab ? `${laCode}${estab.padStart(4, "0")}` : null,
          ukprn: ukprnText && /^1\d{7}$/.test(ukprnText) ? ukprnText : null,
          phase: giasPhase(text(cell(cells, phase)), typeName),
          type: typeName,
          status: text(cell(cells, status)),
          openDate: readDate(cell(cells, open)),
          closeDate: readDate(cell(cells, close)),
          trustCode: text(cell(cells, trustCode)),
          trustName: text(cell(cells, trustName)),
          pupils: pupilText === null ? null : readNumber(pupilText),
        },
      };
    },
    // GIAS is a daily extract with no date inside: the newest open date is a lower bound of its edition.
    edition: () => newest,
  };
}

export function linksReader(columns: Columns): RowReader {
  const urn = columns.at("URN");
  const linkUrn = columns.at("LinkURN");
  const linkName = columns.at("LinkName");
  const linkType = columns.at("LinkType");
  const established = columns.at("LinkEstablishedDate");
  let newest: string | null = null;
  return {
    kind: "gias-links",
    urnOf: (cells) => cell(cells, urn) || null,
    observe(cells) {
      const date = readDate(cell(cells, established));
      if (date && (newest === null || date > newest)) newest = date;
    },
    read(cells): LinkRow | null {
      const id = cell(cells, urn);
      const other = cell(cells, linkUrn);
      if (!id || !other) return null;
      return {
        type: "link",
        urn: id,
        linkUrn: other,
        linkName: cell(cells, linkName) ?? "",
        linkType: cell(cells, linkType) ?? "",
        established: readDate(cell(cells, established)),
      };
    },
    edition: () => newest,
  };
}
