/**
 * The two search columns of an address, computed in JavaScript: `search_vector` (full text) and
 * `search_terms` (the same words plus their first 1–4 characters as lexemes of their own, '>ng').
 * A trigger computes both in SQL for every writer (migration 20261123001200); the bulk loader
 * computes them here instead, because at 24 million rows the SQL (unaccent, NFC, five regular
 * expressions per row) costs tens of minutes and JavaScript a few seconds.
 *
 * The answer must be exactly the trigger's. That holds for text made only of ASCII, the Vietnamese
 * letters and the typographic apostrophe: for anything else (unaccent has ~1,800 rules, e.g.
 * "ﬁ" → "fi", "½" → " 1/2") this returns null and the row is left to SQL. A property test compares
 * the two on PostgreSQL and on the embedded database (tests/search/address-vectors.int.test.ts).
 */

const VIETNAMESE = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ';
/** What this module folds exactly as vn_fold() does (after NFC). */
const SAFE = new RegExp(`^[\\t\\n\\r\\x20-\\x7e\\u2019${VIETNAMESE}${VIETNAMESE.toUpperCase()}]*$`);

/**
 * to_tsvector's parser reads "1e5" as a number in scientific notation and splits "1e5y" into
 * '1e5' and 'y'; rather than copy its rules, text with a digit, an e and a digit is left to SQL.
 */
const SCIENTIFIC = /\de\d/;

/** vn_fold() (migration 20261123000700) for safe text, else null. */
export function foldForIndex(text: string): string | null {
  const nfc = text.normalize('NFC');
  if (!SAFE.test(nfc)) return null;
  const folded = nfc
    .replace(/['\u2019]/g, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return SCIENTIFIC.test(folded) ? null : folded;
}

/** to_tsvector('simple', folded) as tsvector text: each word with its positions, '59':1 'hang':2,4. */
export function vectorText(folded: string): string {
  const positions = new Map<string, number[]>();
  let position = 0;
  for (const word of folded.split(' ')) {
    if (!word) continue;
    position++;
    const list = positions.get(word);
    if (list) list.push(position);
    else positions.set(word, [position]);
  }
  return [...positions].map(([word, at]) => `'${word}':${at.join(',')}`).join(' ');
}

/** vn_search_terms(folded) (migration 20261123001100) as tsvector text: '59' '>5' 'hang' '>h' '>ha' '>han' '>hang'. */
export function termsText(folded: string): string {
  const terms = new Set<string>();
  for (const word of folded.split(' ')) {
    if (!word) continue;
    terms.add(word);
    // a word shorter than n is its own "prefix" (the SQL's regular expression leaves it as it is)
    for (let n = 1; n <= 4; n++) terms.add(word.length >= n ? `>${word.slice(0, n)}` : word);
  }
  return [...terms].map((t) => `'${t}'`).join(' ');
}

export type AddressText = {
  house_number: string | null; street: string | null; hamlet: string | null;
  building: string | null; landmark: string | null; place_name?: string | null;
};

/**
 * An address's search_vector and search_terms as tsvector text, or null when its text holds
 * characters only SQL folds exactly. The fields in the trigger's order, joined by spaces.
 */
export function addressVectors(a: AddressText): { vector: string; terms: string } | null {
  const folded = foldForIndex(
    [a.house_number, a.street, a.hamlet, a.building, a.landmark, a.place_name ?? null].map((v) => v ?? '').join(' '),
  );
  if (folded === null) return null;
  return { vector: vectorText(folded), terms: termsText(folded) };
}
