/**
 * CSV in the browser, by the same rules as the server (server/batch/csv.ts), in a few dozen lines
 * rather than a dependency: RFC 4180 quoting (commas, quotes and line breaks inside quotes), a
 * byte-order mark, CRLF or LF, a comma, semicolon or tab between cells told by the header line, a
 * header of one column read line by line (unquoted commas stay in the cell), stray quotes inside
 * unquoted cells kept, blank lines and rows of empty cells skipped. Pure, no DOM.
 */

export type Csv = { rows: string[][]; delimiter: string };

const DELIMITERS = [',', ';', '\t'] as const;

/** The text of a file: UTF-8 (with or without BOM), UTF-16 with its BOM, else Windows-1258 (old Vietnamese files). */
export function decodeFile(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1258').decode(bytes);
  }
}

/** The delimiter that occurs most often outside quotes on the first line; null when none does (one column). */
export function detectDelimiter(text: string): string | null {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best: string | null = null;
  for (const d of DELIMITERS) if (counts.get(d)! > (best ? counts.get(best)! : 0)) best = d;
  return best;
}

/**
 * Rows of cells. Throws on a quote that is never closed. `delimiter` is what the answer should be
 * written with: the file's own, or a comma for a one-column file.
 */
export function parseCsv(input: string): Csv {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const found = detectDelimiter(text);
  const delimiter = found ?? '';
  const n = text.length;
  const rows: string[][] = [];
  let row: string[] = [];
  const endRow = () => {
    if (row.some((c) => c !== '')) rows.push(row);
    row = [];
  };
  /** the end of an unquoted run: the next delimiter or line break */
  const runEnd = (from: number) => {
    let k = from;
    while (k < n) {
      const c = text[k];
      if (c === '\n' || c === '\r' || (delimiter && c === delimiter)) break;
      k++;
    }
    return k;
  };
  let i = 0;
  while (i < n) {
    let cell: string;
    if (text[i] === '"') {
      // quoted: "" is a quote. Text after the closing quote ("abc"def) makes the whole cell read as
      // written, quotes included, as the server does.
      const start = i;
      cell = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) throw new Error('unclosed quote');
        if (text[q + 1] === '"') {
          cell += text.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        cell += text.slice(from, q);
        i = q + 1;
        break;
      }
      const end = runEnd(i);
      if (end > i) cell = text.slice(start, end);
      i = end;
    } else {
      // unquoted: taken as it is, quotes inside included
      const end = runEnd(i);
      cell = text.slice(i, end);
      i = end;
    }
    row.push(cell);
    if (i >= n) break;
    const c = text[i];
    if (delimiter && c === delimiter) {
      i++;
      if (i >= n) row.push(''); // "a,b," at the very end: an empty last cell
      continue;
    }
    i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    endRow();
  }
  endRow();
  return { rows, delimiter: found ?? ',' };
}

function quote(cell: string, delimiter: string): string {
  return cell.includes(delimiter) || /["\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Rows as CSV text with CRLF line ends (no byte-order mark: the caller adds one to a whole file). */
export function toCsv(rows: readonly (readonly string[])[], delimiter: string): string {
  return rows.map((r) => r.map((c) => quote(c, delimiter)).join(delimiter)).join('\r\n') + '\r\n';
}

/**
 * The text after the first record (the header), for joining the answers of several chunks into
 * one file. A byte-order mark is dropped.
 */
export function withoutHeader(text: string): string {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '\n') return body.slice(i + 1);
    else if (!quoted && c === '\r') return body.slice(body[i + 1] === '\n' ? i + 2 : i + 1);
  }
  return '';
}
