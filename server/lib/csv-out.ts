/**
 * Every CSV file the service writes (the ward export, the enriched batch files, the loader's
 * rejects) goes through writeCsv, so that no cell can run as a spreadsheet formula.
 *
 * Excel, LibreOffice and Google Sheets read a cell that starts with `=`, `+`, `-` or `@` as a
 * formula, and a formula can open links (`=HYPERLINK(...)`), read other cells out, or start a
 * program through DDE (`+cmd|' /C calc'!A0`). Address text is written by anyone, so such a cell
 * would run on the machine of the ward officer or the logistics clerk who opens the file. As OWASP
 * advises, a text cell that starts with one of those characters, or with a tab or carriage return
 * (which some readers strip before looking), gets a single quote in front: spreadsheets then show
 * it as text. Leading spaces are looked past too, since some importers trim them.
 *
 * The rule goes by type, not by look: a string is text and is neutralised whatever it resembles,
 * so a house number typed as "-12" comes out as "'-12" (it is a label, not a quantity; telling
 * "harmless numbers" from formulas by pattern is where bypasses hide, e.g. "-1+cmd|..."), while a
 * number the service itself computed (coordinates, counts, versions) is passed as a number and
 * written as one. Callers keep such values as numbers for that reason.
 */
import { stringify, type Options } from 'csv-stringify/sync';

export type CsvCell = string | number | boolean | null | undefined;

/** What makes a spreadsheet read a cell as a formula (OWASP's list). */
const FORMULA_START = new Set(['=', '+', '-', '@']);
const CONTROL_START = new Set(['\t', '\r']);

/** Text as a cell a spreadsheet shows as text: a single quote before a formula-like start. */
export function spreadsheetSafe(text: string): string {
  if (text === '') return text;
  if (CONTROL_START.has(text[0]!) || FORMULA_START.has(text.trimStart()[0] ?? '')) return `'${text}`;
  return text;
}

/**
 * The inverse, for files of ours read back (a ward export edited and imported again): a single
 * quote that spreadsheetSafe would have added is dropped, so the round trip keeps the text as it was.
 */
export function fromSpreadsheet(text: string): string {
  return text.startsWith("'") && spreadsheetSafe(text.slice(1)) !== text.slice(1) ? text.slice(1) : text;
}

type WriteOptions = Omit<Options, 'cast'>;

/** Rows (arrays, or objects with `columns`) as CSV text, every text cell made spreadsheet-safe. */
export function writeCsv(rows: readonly (readonly CsvCell[])[] | readonly Record<string, CsvCell>[], options: WriteOptions = {}): string {
  return stringify(rows as unknown[], { ...options, cast: { string: spreadsheetSafe } });
}
