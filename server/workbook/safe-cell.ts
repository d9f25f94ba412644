// Neutralises text that a spreadsheet would run as a formula (=, +, -, @,
// tab, carriage return at the start): exported cells are always plain text.
const FORMULA_START = /^[=+\-@\t\r]/;

export function safeCellText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
