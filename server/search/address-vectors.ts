/**
 * The search column of an address, `search_terms` (its folded words plus their first 1–4
 * characters as lexemes of their own, '>ng'), computed in JavaScript. A trigger computes it in SQL
 * for every writer (migration 20261123001200); the bulk loader computes it here instead, because at
 * 24 million rows the SQL (unaccent, NFC, five regular expressions per row) costs tens of minutes
 * and JavaScript about a minute.
 *
 * The answer must be exactly the trigger's. That holds for text made only of ASCII, the Vietnamese
 * letters and the typographic apostrophe: for anything else (unaccent has ~1,800 rules, e.g.
 * "ﬁ" → "fi", "½" → " 1/2") this returns null and the row is left to SQL. A property test compares
 * the two on PostgreSQL and on the embedded database (tests/search/address-vectors.int.test.ts).
 */

import { keyOfFoldedStreet } from './street-place.js';

const VIETNAMESE = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ';
/** Each Vietnamese letter (NFC, both cases) → its base letter in lower case, as unaccent + lower give it. */
const BASE = new Map<number, string>();
for (const ch of VIETNAMESE + VIETNAMESE.toUpperCase())
  BASE.set(ch.charCodeAt(0), ch === 'đ' || ch === 'Đ' ? 'd' : ch.normalize('NFD')[0]!.toLowerCase());

/**
 * to_tsvector's parser reads "1e5" as a number in scientific notation and splits "1e5y" into
 * '1e5' and 'y'; rather than copy its rules, text with a digit, an e and a digit is left to SQL.
 */
const SCIENTIFIC = /\de\d/;

/**
 * vn_fold() (migration 20261123000700: NFC, apostrophes dropped, unaccent, lower case, every run of
 * other characters one space, trimmed) in one pass over the text, or null when the text holds a
 * character other than ASCII, a Vietnamese letter and the apostrophes (null is always safe: SQL
 * then computes the columns). The bulk loader calls it 24 million times.
 */
export function foldForIndex(text: string, composed = false): string | null {
  let out = '';
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let ch: string | undefined;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) ch = text[i];
    else if (c >= 65 && c <= 90) ch = String.fromCharCode(c + 32);
    else if (c === 39 || c === 0x2019)
      continue; // apostrophes vanish: "H'Leo" → "hleo"
    else if (c < 128) {
      if (c >= 32 ? c === 127 : c !== 9 && c !== 10 && c !== 13) return null; // control characters: SQL's
      space = out.length > 0;
      continue;
    } else {
      ch = BASE.get(c);
      if (ch === undefined) {
        // combining marks (decomposed input): compose first, as vn_fold does; anything else: SQL's
        return c >= 0x300 && c <= 0x36f && !composed ? foldForIndex(text.normalize('NFC'), true) : null;
      }
    }
    if (space) {
      out += ' ';
      space = false;
    }
    out += ch;
  }
  return SCIENTIFIC.test(out) ? null : out;
}

/*
 * The answer is tsvector *text*, which PostgreSQL parses: its input sorts the lexemes and merges
 * repeated ones, so this does not need to.
 */

/** vn_search_terms(folded) (migration 20261123001100) as tsvector text: '59' '>5' '59' 'hang' '>h' '>ha' '>han' '>hang'. */
export function termsText(folded: string): string {
  if (!folded) return '';
  let out = '';
  for (const word of folded.split(' ')) {
    out += `${out ? ' ' : ''}'${word}'`;
    // (a word shorter than n is its own "prefix" in the SQL, which leaves it as it is: already there)
    for (let n = 1; n <= 4 && n <= word.length; n++) out += ` '>${word.slice(0, n)}'`;
  }
  return out;
}

export type AddressText = {
  house_number: string | null;
  street: string | null;
  hamlet: string | null;
  building: string | null;
  landmark: string | null;
  place_name?: string | null;
};

/**
 * An address's search_terms as tsvector text (vn_address_terms of migration 20261123001100), or
 * null when its text holds characters only SQL folds exactly. The fields in the trigger's order,
 * joined by spaces.
 */
export function addressTerms(a: AddressText): string | null {
  const folded = foldForIndex(
    [a.house_number, a.street, a.hamlet, a.building, a.landmark, a.place_name ?? null].map((v) => v ?? '').join(' '),
  );
  return folded === null ? null : termsText(folded);
}

/**
 * An address's street_key (vn_street_key(street), migration 20261123001500) in JavaScript, or null
 * when there is no street or its text holds characters only SQL folds exactly (the trigger then
 * computes it). The bulk loader writes it, so building the index on it reads stored text.
 */
export function streetKeyForIndex(street: string | null): string | null {
  if (street === null) return null;
  const folded = foldForIndex(street);
  return folded === null ? null : keyOfFoldedStreet(folded);
}
