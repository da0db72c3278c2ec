/**
 * Text normalisation for Vietnamese address matching. Pure string functions, no data.
 *
 * The same name reaches us in many spellings: precomposed or decomposed Unicode, "Hoà" or "Hòa"
 * (old vs new tone-mark placement), with or without diacritics, curly or straight apostrophes,
 * "Phường 02" or "Phường 2". Matching therefore works on folded keys, never on raw text.
 */

/** Combining tone marks (grave, acute, tilde, hook above, dot below). Vowel-quality marks are not here. */
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const ALL_COMBINING = /[\u0300-\u036f]/g;
const APOSTROPHES = /[\u2018\u2019\u201b\u02bc\u02bb\u0060\u00b4\u2032]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;

/** NFC, one apostrophe and one dash character, single spaces; case kept (for showing parts back). */
export function cleanText(text: string): string {
  return (
    text
      .normalize('NFC')
      // Legacy encodings (VNI, TCVN3) converted badly write Đ as the Icelandic eth Ð, which looks the same.
      .replace(/\u00d0/g, '\u0110')
      .replace(/\u00f0/g, '\u0111')
      .replace(APOSTROPHES, "'")
      .replace(DASHES, '-')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** cleanText in lower case: the form all matching starts from. Keeps diacritics. */
export function normalizeText(text: string): string {
  return cleanText(text).toLowerCase();
}

/**
 * Folds tone-mark placement so "hoà"/"hòa", "thuỷ"/"thủy", "khoẻ"/"khỏe" compare equal.
 * A Vietnamese syllable carries exactly one tone mark, so moving it to the end of the word gives a
 * canonical form for every placement rule without having to know the rules themselves.
 */
export function foldToneMarks(text: string): string {
  return text
    .normalize('NFD')
    .split(' ')
    .map((word) => {
      const tones = word.match(TONE_MARKS);
      return tones ? word.replace(TONE_MARKS, '') + tones.join('') : word;
    })
    .join(' ')
    .normalize('NFC');
}

/** Removes every diacritic, including đ → d, so "Phường Đa Kao" and "phuong da kao" meet. */
export function stripDiacritics(text: string): string {
  return text.normalize('NFD').replace(ALL_COMBINING, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

/** True when the (normalised) text holds any letter outside ASCII, i.e. the writer typed diacritics. */
export function hasDiacritics(text: string): boolean {
  return stripDiacritics(text) !== text;
}

/**
 * Words of a name for matching: punctuation becomes a word break, apostrophes vanish
 * ("Ea H'Leo" → "ea hleo"), leading zeros go ("02" → "2").
 */
function keyWords(text: string): string[] {
  return normalizeText(text)
    .replace(/'/g, '')
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => (/^\d+$/.test(w) ? String(Number(w)) : w));
}

/**
 * Matching key of a name. `diacritics: false` (default) gives the ASCII key every index is built on;
 * `true` keeps the letters' marks (tone placement folded) to break ties between "Hòa" and "Hóa".
 */
export function foldKey(name: string, options: { diacritics?: boolean } = {}): string {
  const words = keyWords(name).join(' ');
  return options.diacritics ? foldToneMarks(words) : stripDiacritics(words);
}

/** Levenshtein distance, stopping early once it exceeds `max` (we only ever ask "is it ≤ 1?"). */
export function editDistanceAtMost(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return false;
    previous = current;
  }
  return previous[b.length]! <= max;
}
