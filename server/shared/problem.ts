// One thing wrong with the input, as the server reports it in
// `extensions.problems` and the add-in shows it next to a row or a cell.

export interface Problem {
  /** Where: an indicator key, a field name, or a path such as "rows[3].urn". */
  readonly field: string;
  readonly message: string;
  /** The value as given, when there was one. */
  readonly value?: string;
  /** What would be accepted, in words. */
  readonly accepts?: string;
}
