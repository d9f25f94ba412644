// What the public-data readers produce: values by URN with their provenance,
// GIAS establishments and links. Shared by every reader and the loader.
import type { Phase } from "../domain/index.js";

export const PUBLIC_KINDS = [
  "ofsted-mi",
  "gias-establishments",
  "gias-links",
  "ks2",
  "ks4",
  "absence",
  "exclusions",
] as const;
export type PublicKind = (typeof PUBLIC_KINDS)[number];

/** How a kind is named to a person ("Ofsted MI", "KS2 results"). */
export const KIND_LABELS: Readonly<Record<PublicKind, string>> = {
  "ofsted-mi": "Ofsted management information",
  "gias-establishments": "GIAS establishments",
  "gias-links": "GIAS links",
  ks2: "DfE KS2 school results",
  ks4: "DfE KS4 school results",
  absence: "DfE school absence",
  exclusions: "DfE suspensions and permanent exclusions",
};

/** One value read from a public file for one school. */
export interface PublicValue {
  /** An indicator key (ks2.rwmExpected, ofsted.inclusion...) or an Ofsted history field. */
  readonly indicator: string;
  /** The value as published (grade words, numbers as text); null when not available. */
  readonly value: string | null;
  /** Why there is no value ("confidential (c)"); null when there is one. */
  readonly unavailable: string | null;
  /** The academic year the value describes ("2024/25"). */
  readonly describes: string;
  /** The row's own date for it (an inspection's start date), ISO; null when the file gives none. */
  readonly date: string | null;
  /** Values read together (one inspection): "inspection 10345678"; "" for a plain value. */
  readonly group: string;
  /** What the group is, in words ("report card", "OEIF graded inspection"). */
  readonly groupLabel: string | null;
  /** The predecessor school's URN when the value belongs to it. */
  readonly predecessorUrn: string | null;
}

/** A school's row: its URN, its trust's UID where the file gives it, and its values. */
export interface SchoolRow {
  readonly type: "school";
  readonly urn: string;
  readonly values: readonly PublicValue[];
}

/** A GIAS establishment (personal data such as the head's name is never read). */
export interface Establishment {
  readonly urn: string;
  readonly name: string;
  readonly laestab: string | null;
  readonly ukprn: string | null;
  readonly phase: string | null;
  readonly type: string | null;
  readonly status: string | null;
  readonly openDate: string | null;
  readonly closeDate: string | null;
  readonly trustCode: string | null;
  readonly trustName: string | null;
  readonly pupils: number | null;
}

export interface EstablishmentRow {
  readonly type: "establishment";
  readonly urn: string;
  readonly establishment: Establishment;
}

/** A GIAS link: `urn`'s `linkUrn` is its predecessor (or successor). */
export interface LinkRow {
  readonly type: "link";
  readonly urn: string;
  readonly linkUrn: string;
  readonly linkName: string;
  readonly linkType: string;
  readonly established: string | null;
}

/** An England row of a DfE file: a national figure for a phase and year. */
export interface NationalRow {
  readonly type: "national";
  readonly indicator: string;
  readonly phase: Phase | null;
  readonly year: string;
  readonly value: number;
}

export type ReadRow = SchoolRow | EstablishmentRow | LinkRow | NationalRow;

/** A cell that could not be read: named by line, column and value, with what is accepted. */
export class PublicFileError extends Error {
  constructor(
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(message);
    this.name = "PublicFileError";
  }
}

/** What a file is, once its header is recognised. */
export interface FileFacts {
  readonly kind: PublicKind;
  /** The edition: "as at 2026-07-31" for Ofsted, the time period "2024/25" for DfE, the newest date for GIAS. */
  edition: string | null;
}

/** Reads the rows of one kind of file, by the header's column positions. */
export interface RowReader {
  readonly kind: PublicKind;
  /** The URN of a row (fast: read before anything else, to skip schools that are not the trust's). */
  urnOf(cells: readonly string[]): string | null;
  /** The trust's UID a row names (GIAS "Trusts (code)", Ofsted "Multi-academy trust UID"), when the file has one. */
  trustOf?(cells: readonly string[]): string | null;
  /** Sees every row, the trust's or not (to learn the edition from the whole file). */
  observe?(cells: readonly string[]): void;
  /** Reads a row; throws PublicFileError naming the column and value when a cell cannot be read. */
  read(cells: readonly string[], line: number): ReadRow | null;
  /** England rows of a DfE file as national figures (rows that are not a school's). */
  national?(cells: readonly string[], line: number): NationalRow[];
  /** The edition once the rows have been read (Ofsted: the newest publication date when no "as at"). */
  edition(): string | null;
}
