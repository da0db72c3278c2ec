import { describe, expect, it } from 'vitest';
import { frequencyOf, indexTerms, NO_STATS, planCandidates, SAMPLE_ABOVE, termStats } from '../../server/search/candidate-plan.js';
import { prefixQuery } from '../../server/search/text-query.js';

describe('indexTerms (the prefix lexemes of migration 20261123001100)', () => {
  it('turns the word being typed into an exact prefix lexeme of at most 4 characters', () => {
    expect(indexTerms(prefixQuery(['59', 'hoan', 'ki'])!)).toEqual(["'59'", "'hoan'", "'>ki'"]);
    expect(indexTerms(prefixQuery(['59', 'nguyen'])!)).toEqual(["'59'", "'>nguy'"]);
    expect(indexTerms('5:*')).toEqual(["'>5'"]);
  });
  it('does not ask the index for the start of a common word while other words remain', () => {
    // "142 đ…", "cao du…": the "đường" of nearly every address narrows nothing
    for (const typed of ['d', 'du', 'duo', 'duon', 'p', 'ph', 's']) expect(indexTerms(`142 & ${typed}:*`)).toEqual(["'142'"]);
    expect(indexTerms('cao & du:*')).toEqual(["'cao'"]);
    expect(indexTerms('du:*')).toEqual(["'>du'"]); // alone, it is all there is
    expect(indexTerms('142 & dun:*')).toEqual(["'142'", "'>dun'"]); // no common word starts so
  });
  it('leaves any other shape to the plain query', () => {
    expect(indexTerms("59 & o'x:*")).toBeNull();
    expect(indexTerms('')).toBeNull();
  });
});

describe('planCandidates', () => {
  // pg_stats of 24 M synthetic addresses: most_common_elem_freqs ends with least, greatest, null fraction
  const stats = termStats(
    24_000_000,
    ['son', '>lo', '112', 'hung', '>t', '>tho'],
    [0.059, 0.0595, 0.0028, 0.0297, 0.72, 0.55, 0.0023, 0.72, 0],
  );

  it('reads pg_stats: listed lexemes by their frequency, others as half the least listed (as the planner does)', () => {
    expect(frequencyOf("'son'", stats)).toBe(0.059);
    expect(frequencyOf("'>chan'", stats)).toBe(0.0023 / 2);
    expect(termStats(0, null, null)).toBe(NO_STATS);
    expect(termStats(-1, ['a'], [0.5, 0.5, 0.5, 0])).toBe(NO_STATS); // never analysed
  });
  it('samples the rarest word first when the words meet often, then asks for the exact intersection', () => {
    expect(24e6 * 0.059 * 0.0595).toBeGreaterThan(SAMPLE_ABOVE);
    expect(planCandidates(["'>lo'", "'son'"], stats, { wards: false })).toEqual({ sample: "'son'", exact: "'>lo' & 'son'" });
  });
  it('goes straight to the exact intersection when they rarely meet, or a ward filter applies', () => {
    expect(planCandidates(["'112'", "'hung'", "'>chan'"], stats, { wards: false })).toEqual({
      sample: null,
      exact: "'112' & 'hung' & '>chan'",
    });
    expect(planCandidates(["'>lo'", "'son'"], stats, { wards: true })).toEqual({ sample: null, exact: "'>lo' & 'son'" });
    expect(planCandidates(["'son'"], stats, { wards: true })).toEqual({ sample: null, exact: "'son'" });
    // before any ANALYZE nothing is known: exact
    expect(planCandidates(["'>lo'", "'son'"], NO_STATS, { wards: false })).toEqual({ sample: null, exact: "'>lo' & 'son'" });
  });
  it('leaves words in more than a tenth of all addresses to the check on each candidate, unless nothing else remains', () => {
    expect(planCandidates(["'204'", "'hung'", "'>tho'"], stats, { wards: false })).toEqual({ sample: null, exact: "'204' & 'hung'" });
    expect(planCandidates(["'>t'", "'>tho'"], stats, { wards: false })).toEqual({ sample: "'>tho'", exact: null });
  });
  it('only samples a single word', () => {
    expect(planCandidates(["'>17'"], stats, { wards: false })).toEqual({ sample: "'>17'", exact: null });
  });
});
