/**
 * Reads the part of an address left of the administrative units: house number, alley, street,
 * hamlet. These are not checked against any list (there is no street gazetteer), only recognised
 * by their shape and their customary lead words.
 */

export type StreetParts = {
  houseNumber: string | null;
  alley: string | null;
  street: string | null;
  hamlet: string | null;
  unparsed: string[];
};

const WORD_END = String.raw`(?![\p{L}\p{M}\p{N}])`;
/** thôn/ấp/tổ (dân phố)/khu phố/bản/xóm/khóm/buôn/khu vực, with the usual ASCII and short forms. */
const HAMLET = new RegExp(
  String.raw`^(?:th[oô]n|[aấ]p|t[oổ] d[aâ]n ph[oố]|tdp|t[oổ]|khu ph[oố]|kp|b[aả]n|x[oó]m|kh[oó]m|bu[oô]n|khu v[uự]c|kv)${WORD_END}\.?\s*\S`,
  'iu',
);
/** ngõ/ngách/hẻm/kiệt (and "hxh", a lane wide enough for a car) followed by its number. */
const ALLEY = new RegExp(String.raw`^(?:ng[oõ]|ng[aá]ch|h[eẻ]m|ki[eệ]t|hxh)${WORD_END}\.?\s*\p{N}[\p{L}\p{N}/]*`, 'iu');
/**
 * "12", "120/10B", "284DBis", "98 Bis", "Số 5", "No. 7", "12-14", "A9" (a lot letter before the
 * number): digits first, then letters, slashes, dashes. One flat character class after the first
 * digit: "digits, then groups of a separator and more" written as nested repeats gave each "/1" two
 * readings, so "1/1/…/1!x" took time doubling with every "/1" (issue 15).
 */
const HOUSE_NUMBER = /^(?:s[oố]\s+|no\.?\s*)?((?:[a-z](?=\d))?\p{N}[\p{L}\p{N}/-]*(?:\s(?:bis|ter))?)(?=\s|$)/iu;

/** Spaces, dots, dashes and colons around a piece ("- 12 Lê Lợi ."). */
const isPieceEdge = (c: string) => c === '.' || c === '-' || c === '–' || c === ':' || c.trim() === '';

/** Trims by hand: `[…]+$` retried at every position of a long run is quadratic. */
function trimPiece(piece: string): string {
  let start = 0;
  let end = piece.length;
  while (start < end && isPieceEdge(piece[start]!)) start++;
  while (end > start && isPieceEdge(piece[end - 1]!)) end--;
  return piece.slice(start, end);
}

/** `pieces`: the leftover text, left to right, as written (case kept). */
export function readStreetParts(pieces: string[]): StreetParts {
  const parts: StreetParts = { houseNumber: null, alley: null, street: null, hamlet: null, unparsed: [] };
  for (const raw of pieces) {
    let piece = trimPiece(raw);
    if (!piece) continue;
    if (!parts.hamlet && HAMLET.test(piece)) {
      parts.hamlet = piece;
      continue;
    }
    if (parts.street) {
      parts.unparsed.push(piece);
      continue;
    }
    const house = parts.houseNumber ? null : HOUSE_NUMBER.exec(piece);
    if (house) {
      parts.houseNumber = house[1]!;
      piece = trimPiece(piece.slice(house[0].length));
    }
    const alleys: string[] = [];
    for (let alley = ALLEY.exec(piece); alley; alley = ALLEY.exec(piece)) {
      alleys.push(alley[0]);
      piece = trimPiece(piece.slice(alley[0].length));
    }
    if (alleys.length) parts.alley = [parts.alley, ...alleys].filter(Boolean).join(' ');
    // A hamlet can follow the house number in the same piece ("Số 5 Thôn Đông").
    if (piece && !parts.hamlet && HAMLET.test(piece)) parts.hamlet = piece;
    else if (piece) parts.street = piece;
  }
  return parts;
}
