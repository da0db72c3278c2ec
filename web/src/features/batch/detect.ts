/**
 * What a CSV file holds, read from its header (and, failing that, its first rows): address codes
 * or free-text addresses, in which column, and whether the first line is a header at all. The
 * header names are the server's (server/batch/columns.ts; a unit test keeps the lists equal).
 * Pure; the user can override the kind and the column.
 */
import { CODE_LENGTH, hasOnlyCodeCharacters, normalizeCode } from '../../common/code.js';

export type BatchKind = 'codes' | 'addresses';

export const CODE_HEADERS = ['code', 'codes', 'address code', 'ma', 'ma dia chi', 'ma dia chi so', 'madiachi', 'ma so'];
export const ADDRESS_HEADERS = ['address', 'addresses', 'full address', 'address line', 'dia chi', 'diachi', 'dia chi day du'];

/** As the server's foldKey: lower case, no diacritics (đ → d), words of letters and digits: "Mã_địa chỉ" → "ma dia chi". */
export function foldHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐðÐ]/g, 'd') // Ð (eth): what badly converted legacy encodings write for Đ
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => (/^\d+$/.test(w) ? String(Number(w)) : w))
    .join(' ');
}

/** A cell that reads as an address code: 9 code characters with a digit, valid or mistyped. */
export function looksLikeCode(cell: string): boolean {
  const body = normalizeCode(cell.split('/')[0] ?? '');
  return body.length === CODE_LENGTH && /\d/.test(body) && hasOnlyCodeCharacters(body);
}

const speaksOfCodes = (h: string) => /\b(?:ma dia chi|address code)\b/.test(h);
const speaksOfAddresses = (h: string) =>
  (/\bdia chi\b/.test(h) && !/\bma dia chi\b/.test(h)) || (/\baddress\b/.test(h) && !/\baddress code\b/.test(h));

export type Detection = {
  /** null: nothing says; the caller offers addresses in the column of longest text */
  kind: BatchKind | null;
  column: number;
  /** the first line is data (a code), not a header */
  headerless: boolean;
};

/** `rows`: the file's first rows, the first of them the would-be header. */
export function detectKind(rows: readonly string[][]): Detection {
  const header = rows[0] ?? [];
  const sample = rows.slice(1, 201);
  const codeCell = header.findIndex((cell) => looksLikeCode(cell));
  if (codeCell >= 0) return { kind: 'codes', column: codeCell, headerless: true };
  const folded = header.map(foldHeader);
  const named = (names: string[]) => folded.findIndex((h) => names.includes(h));
  for (const [kind, index] of [
    ['codes', named(CODE_HEADERS)],
    ['addresses', named(ADDRESS_HEADERS)],
    ['codes', folded.findIndex(speaksOfCodes)],
    ['addresses', folded.findIndex(speaksOfAddresses)],
  ] as const) {
    if (index >= 0) return { kind, column: index, headerless: false };
  }
  // no name says: a column where most cells read as codes, else the one with the longest text
  const width = Math.max(header.length, 1);
  for (let c = 0; c < width; c++) {
    const cells = sample.map((r) => (r[c] ?? '').trim()).filter(Boolean);
    if (cells.length && cells.filter(looksLikeCode).length / cells.length >= 0.5) return { kind: 'codes', column: c, headerless: false };
  }
  let longest = 0;
  let best = -1;
  for (let c = 0; c < width; c++) {
    const length = sample.reduce((sum, r) => sum + (r[c]?.length ?? 0), 0);
    if (length > best) [best, longest] = [length, c];
  }
  return { kind: null, column: longest, headerless: false };
}

/** A header for a file without one: "code" over the codes, "column_N" over the others. */
export function syntheticHeader(width: number, codeColumn: number): string[] {
  return Array.from({ length: width }, (_, i) => (i === codeColumn ? 'code' : `column_${i + 1}`));
}
