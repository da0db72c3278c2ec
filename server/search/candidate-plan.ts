/**
 * How search asks the index for registered addresses (pure; server/search/repository.ts runs it).
 *
 * The typed query becomes index lexemes, one per word ('59', 'hoan', '>ki' for a word being
 * typed, by its first 4 characters: migration 20261123001100). GIN intersects their posting lists
 * in full before any LIMIT applies, so words that each match hundreds of thousands of addresses
 * ("142 18", "son lo" at 24 M) cost ~0.1 s though any 300 candidates would do. When PostgreSQL's
 * own statistics of the column (pg_stats: how often each common lexeme occurs) say the words
 * meet that often, only the rarest word's list is read, sampled (gin_fuzzy_search_limit), and the
 * whole query checked on each candidate; the exact intersection follows only if that finds less
 * than a page. Lexemes the statistics do not list are rare, and the exact intersection is cheap.
 */
import { startsCommonWord } from './common-words.js';

/** What ANALYZE measured of addresses.search_terms; empty before the first ANALYZE. */
export type TermStats = { rows: number; frequency: ReadonlyMap<string, number>; floor: number };
export const NO_STATS: TermStats = { rows: 0, frequency: new Map(), floor: 0 };

/** Above this many estimated matches of all the words together, sample the rarest word first. */
export const SAMPLE_ABOVE = 2000;
/** A lexeme in more than this share of addresses is not asked of the index while others remain. */
export const COMMON_ABOVE = 0.1;

/**
 * "59 & hoan & ki:*" → ["'59'", "'hoan'", "'>ki'"]: the lexemes the index is asked for, a prefix
 * longer than 4 by its first 4; null for any other shape. The start of a common word being typed
 * ("142 d", "cao du": the "đường" of nearly every address) is left out when other words remain:
 * it narrows nothing and its posting list is as long as the table. The full query is checked on
 * every candidate, so nothing that does not match gets through.
 */
export function indexTerms(tsquery: string): string[] | null {
  const out: string[] = [];
  let common: string | null = null;
  for (const part of tsquery.split(' & ')) {
    const m = /^([a-z0-9]+)(:\*)?$/.exec(part);
    if (!m) return null;
    const lexeme = m[2] ? `'>${m[1]!.slice(0, 4)}'` : `'${m[1]}'`;
    if (m[2] && startsCommonWord(m[1]!)) common = lexeme;
    else out.push(lexeme);
  }
  if (!out.length && common) out.push(common);
  return out.length ? out : null;
}

/** How often a lexeme ("'hung'") occurs, as PostgreSQL's planner reckons it (ts_selfuncs.c: half the least common listed). */
export function frequencyOf(term: string, stats: TermStats): number {
  return stats.frequency.get(term.slice(1, -1)) ?? stats.floor / 2;
}

/**
 * sample: the lexeme whose posting list is sampled first (null: none); exact: the intersection
 * to run when the sample finds less than a page (null: the sample is the answer). A single word
 * is only sampled, as it always was: its exact list can be the whole table ('>d'), and a sample
 * of it already finds a page unless the word being typed is longer than its indexed 4 characters
 * and rare ("nguyenx"), which is then not found at 24 M.
 */
export type CandidatePlan = { sample: string | null; exact: string | null };

export function planCandidates(all: string[], stats: TermStats, { wards }: { wards: boolean }): CandidatePlan {
  const rarestOf = (ts: string[]) => ts.reduce((best, t) => (frequencyOf(t, stats) < frequencyOf(best, stats) ? t : best));
  // A lexeme in more than a tenth of all addresses ('>t', '>tho' at 24 M) makes GIN read its whole
  // list and barely narrows: leave it to the check on each candidate, if other words remain.
  const kept = all.filter((t) => frequencyOf(t, stats) <= COMMON_ABOVE);
  const terms = kept.length ? kept : [rarestOf(all)];
  const exact = terms.join(' & ');
  // with wards the scan starts from their keys in the index, already cheap; a sample drawn from
  // the whole country would mostly miss them
  if (wards) return { sample: null, exact };
  if (terms.length === 1) return { sample: terms[0]!, exact: null };
  const estimate = terms.reduce((n, t) => n * frequencyOf(t, stats), stats.rows);
  if (estimate < SAMPLE_ABOVE) return { sample: null, exact };
  return { sample: rarestOf(terms), exact };
}

/** pg_stats' arrays into TermStats: most_common_elem_freqs ends with the least and greatest frequency and the null fraction. */
export function termStats(rows: number, elems: string[] | null, freqs: number[] | null): TermStats {
  if (!elems || !freqs || !elems.length || rows <= 0) return NO_STATS;
  const frequency = new Map<string, number>();
  elems.forEach((e, i) => frequency.set(e, freqs[i]!));
  return { rows, frequency, floor: freqs[elems.length] ?? Math.min(...freqs.slice(0, elems.length)) };
}
