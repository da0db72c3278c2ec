/**
 * Reading and writing the CSV files of batch jobs. Pure. A file is read as a table: the header row,
 * the data rows (cells verbatim, in file order) and its delimiter, so that the answer can keep the
 * input as it was and add columns. Spreadsheets write CSV in several ways, all accepted:
 *
 *   - a comma, semicolon (Excel in Vietnamese and many European locales) or tab between cells,
 *     told by the header line;
 *   - a header of one column (a list of addresses): then the lines are not cut at commas, since
 *     hand-written address lists rarely quote "Số 5, ngõ 12, …";
 *   - a UTF-8 byte-order mark, CRLF or LF line ends, quoted cells with commas, quotes and line breaks,
 *     stray quotes inside unquoted cells, short rows, blank lines and rows of empty cells (skipped).
 *
 * The answer is UTF-8 with a byte-order mark and CRLF line ends, in the input's delimiter: Excel then
 * opens Vietnamese text correctly instead of reading it as Windows-1252. Its text cells, the input's
 * own included, are written spreadsheet-safe (a formula-like start gets a single quote).
 */
import { parse } from 'csv-parse/sync';
import { writeCsv, type CsvCell } from '../lib/csv-out.js';

export type Table = { header: string[]; rows: string[][]; delimiter: string };

/** A file that cannot be read as a CSV table: the message says why, for a 400. */
export class CsvError extends Error {}
/** More data rows than a request may hold: a 413. */
export class TooManyRows extends Error {
  constructor(readonly max: number) {
    super(`At most ${max.toLocaleString('en-US')} rows per request: split the file.`);
  }
}

export const MAX_COLUMNS = 200;
const DELIMITERS = [',', ';', '\t'] as const;
/** A "delimiter" that never occurs in text: a one-column file is read line by line. */
const NO_DELIMITER = '\u0001';

/** Longest header row read: 200 columns with long names fit many times over. */
export const MAX_HEADER_CHARS = 64 * 1024;

/** The header line: up to the first line break outside quotes, read no further than MAX_HEADER_CHARS + 1. */
function firstLine(text: string): string {
  let quoted = false;
  const end = Math.min(text.length, MAX_HEADER_CHARS + 1);
  for (let i = 0; i < end; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) return text.slice(0, i);
  }
  return text.slice(0, end);
}

/** How often each delimiter occurs outside quotes on a line. */
function delimiterCounts(line: string): Map<string, number> {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  return counts;
}

/** The delimiter that occurs most often outside quotes on the header line, or null for one column. */
export function detectDelimiter(text: string): string | null {
  const counts = delimiterCounts(firstLine(text));
  let best: string | null = null;
  for (const d of DELIMITERS) if (counts.get(d)! > (best ? counts.get(best)! : 0)) best = d;
  return best;
}

/**
 * A CSV text as a table. Throws CsvError when it is not one (empty, binary, not UTF-8, unbalanced
 * quotes, no data rows) and TooManyRows past `maxRows` data rows (it stops reading there).
 */
export function readTable(input: string, { maxRows }: { maxRows: number }): Table {
  const text = input.replace(/^\uFEFF/, '');
  if (text.includes('\u0000')) throw new CsvError('The file is not text (it holds NUL bytes): send a CSV file.');
  if (text.includes('\uFFFD'))
    throw new CsvError('The file is not valid UTF-8: save it as "CSV UTF-8", or name its charset in Content-Type.');
  if (!text.trim()) throw new CsvError('The file is empty.');
  // A runaway header (no line break, or thousands of columns) is refused before the parser splits it.
  const headerLine = firstLine(text);
  if (headerLine.length > MAX_HEADER_CHARS)
    throw new CsvError(
      `The header row is longer than ${MAX_HEADER_CHARS.toLocaleString('en-US')} characters: is this a CSV file with a header row?`,
    );
  const delimiter = detectDelimiter(text);
  const columns = delimiter ? delimiterCounts(headerLine).get(delimiter)! + 1 : 1;
  if (columns > MAX_COLUMNS) throw new CsvError(`The file has ${columns} columns; at most ${MAX_COLUMNS}.`);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: delimiter ?? NO_DELIMITER,
      // any line end, even mixed in one file (a header written by hand, rows pasted from Excel)
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      // the header, the rows allowed, and one more to know there are too many
      to: maxRows + 2,
    }) as string[][];
  } catch (err) {
    throw new CsvError(`The file is not valid CSV: ${(err as Error).message}`);
  }
  const [header, ...rows] = records;
  if (!header) throw new CsvError('The file is empty.');
  if (header.length > MAX_COLUMNS) throw new CsvError(`The file has ${header.length} columns; at most ${MAX_COLUMNS}.`);
  // every row is padded to the widest (the answer is a rectangle): one row of a million cells would
  // make each of 20,000 rows a million cells wide, so data rows are held to the header's limit too
  const wide = rows.findIndex((r) => r.length > MAX_COLUMNS);
  if (wide >= 0) throw new CsvError(`Row ${wide + 1} has ${rows[wide]!.length} cells; at most ${MAX_COLUMNS}.`);
  if (rows.length > maxRows) throw new TooManyRows(maxRows);
  if (rows.length === 0) throw new CsvError('The file has a header row but no data rows.');
  return { header, rows, delimiter: delimiter ?? ',' };
}

/**
 * A table as CSV text: UTF-8 byte-order mark, CRLF line ends, cells quoted where needed, text that
 * a spreadsheet would run as a formula neutralised (csv-out.ts); numbers stay numbers.
 */
export function writeTable(header: string[], rows: CsvCell[][], delimiter: string): string {
  return writeCsv([header, ...rows], { bom: true, delimiter, record_delimiter: 'windows' });
}
