/**
 * Which column of a batch file holds the codes or the addresses, and the names of the columns the
 * answer adds. Pure. Header names are compared folded (case, diacritics, punctuation), so "Mã địa
 * chỉ", "ma_dia_chi" and "MA DIA CHI" are one name. The web client reads headers by the same rules
 * (web/src/features/batch/detect.ts; a unit test keeps the two lists equal).
 */
import { ALPHABET, CODE_LENGTH, normalizeCodeText } from '../codes/codec.js';
import { foldKey } from '../search/normalize.js';

export type BatchKind = 'codes' | 'addresses';

/** Folded header names of a column of address codes, and of a column of free-text addresses. */
export const CODE_HEADERS = ['code', 'codes', 'address code', 'ma', 'ma dia chi', 'ma dia chi so', 'madiachi', 'ma so'];
export const ADDRESS_HEADERS = ['address', 'addresses', 'full address', 'address line', 'dia chi', 'diachi', 'dia chi day du'];

/** Added columns, in order. */
export const CODE_COLUMNS = [
  'code',
  'lat',
  'lng',
  'ward_code',
  'ward',
  'province_code',
  'province',
  'postal_code',
  'registered',
  'error',
  'suggestion',
] as const;
export const ADDRESS_COLUMNS = [
  'code',
  'lat',
  'lng',
  'ward_code',
  'ward',
  'province_code',
  'province',
  'postal_code',
  'house_number',
  'alley',
  'street',
  'hamlet',
  'confidence',
  'match',
] as const;

/** Whether a cell reads as an address code (9 code characters with a digit), valid or mistyped. */
export function looksLikeCode(cell: string): boolean {
  const { body } = normalizeCodeText(cell.trim());
  return body.length === CODE_LENGTH && /\d/.test(body) && [...body].every((c) => ALPHABET.includes(c));
}

/**
 * The index of the column to read. `requested`: a header name the caller chose (exact, trimmed,
 * else folded). Otherwise codes: a code header, else the first column; addresses: an address
 * header, else a header that speaks of an address ("Địa chỉ giao hàng", "delivery address").
 * -1 when there is none.
 */
export function findColumn(header: string[], kind: BatchKind, requested?: string): number {
  const folded = header.map((h) => foldKey(h));
  if (requested !== undefined) {
    const exact = header.findIndex((h) => h.trim() === requested.trim());
    return exact >= 0 ? exact : folded.indexOf(foldKey(requested));
  }
  const names = kind === 'codes' ? CODE_HEADERS : ADDRESS_HEADERS;
  const named = folded.findIndex((h) => names.includes(h));
  if (named >= 0) return named;
  if (kind === 'codes') {
    const spoken = folded.findIndex((h) => /\b(?:ma dia chi|address code)\b/.test(h));
    return spoken >= 0 ? spoken : 0;
  }
  return folded.findIndex(
    (h) => (/\bdia chi\b/.test(h) && !/\bma dia chi\b/.test(h)) || (/\baddress\b/.test(h) && !/\baddress code\b/.test(h)),
  );
}

/**
 * Names of the added columns: as listed, except that a name the file already uses gets "_out"
 * (a file whose column is "code" keeps it as typed, and gains "code_out", the canonical form).
 */
export function addedNames(header: string[], names: readonly string[]): string[] {
  const taken = new Set(header.map((h) => h.trim().toLowerCase()));
  return names.map((name) => {
    let out = name;
    while (taken.has(out)) out = `${out}_out`;
    taken.add(out);
    return out;
  });
}
