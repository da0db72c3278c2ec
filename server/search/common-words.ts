/**
 * Words in nearly every address ("đường", "phố", "số", and their English forms): matching them
 * reads a posting list as long as the table and narrows nothing. The query leaves them out when
 * other words remain (service.ts), and the index is not asked for the start of one being typed
 * ("d", "du", "duon" of "đường") either (candidate-plan.ts): such a word is checked on each candidate.
 */
export const COMMON_WORDS: ReadonlySet<string> = new Set(['duong', 'pho', 'so', 'street', 'st']);

/** Could the word being typed still become a common word ("duo" → "duong")? */
export function startsCommonWord(prefix: string): boolean {
  for (const w of COMMON_WORDS) if (w.startsWith(prefix)) return true;
  return false;
}
