/**
 * From typed text to the words and the tsquery the full-text SQL reads (search/repository.ts):
 * folded as SQL vn_fold() folds stored rows, common words dropped, the last word a prefix.
 */
import { COMMON_WORDS } from './common-words.js';
import { foldKey } from './normalize.js';

const MAX_QUERY_WORDS = 12;

/** The same folding as SQL vn_fold(): the words a tsquery is built from. */
export function sqlFoldWords(text: string): string[] {
  return foldKey(text)
    .split(' ')
    .filter((w) => /^[a-z0-9]+$/.test(w));
}

/** "59 quoc tu gi" → "59 & quoc & tu & gi:*": every word, the last as a prefix (the user is typing). */
export function prefixQuery(words: string[]): string | null {
  const informative = words.filter((w) => !COMMON_WORDS.has(w));
  const usable = (informative.length ? informative : words).slice(0, MAX_QUERY_WORDS);
  if (!usable.length) return null;
  return usable.map((w, i) => (i === usable.length - 1 ? `${w}:*` : w)).join(' & ');
}
