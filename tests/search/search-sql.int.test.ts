/**
 * The SQL of search candidates (server/search/candidate-plan.ts, migration 20261205000100):
 * a sampled lexeme finds only true matches and the sampling ends with the statement; several
 * words that meet often are answered by a sample of the rarest alone, and when the sample finds
 * less than a page the exact intersection follows, complete; pg_stats is read for the plan.
 */
import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { encode } from '../../server/codes/codec.js';
import { createKnex } from '../../server/db/knex.js';
import { createSqlRunner, type SqlRunner } from '../../server/db/query.js';
import { termStats, type TermStats } from '../../server/search/candidate-plan.js';
import { createSearchRepository, FUZZY_LIMIT } from '../../server/search/repository.js';

const knex = createKnex(inject('databaseUrl'), 1); // one connection: the statement after runs where the search ran
const runner = createSqlRunner(knex, { prepared: !inject('embedded') });
/** The runner, noting each candidates statement's sample size ($8: 0 = exact). */
function recording(): { sql: SqlRunner; samples: number[] } {
  const samples: number[] = [];
  const sql: SqlRunner = (name, text, values) => {
    if (name === 'search_address_candidates') samples.push(values[7] as number);
    return runner(name, text, values);
  };
  return { sql, samples };
}

// three houses of this file's own, on a street no other test uses (Đà Lạt)
const POINTS = [
  [11.94031, 108.43811],
  [11.94041, 108.43821],
  [11.94051, 108.43831],
] as const;
const CODES = POINTS.map(([lat, lng]) => encode(lat, lng)!);
// and 4,000 more (more than GIN's sample of FUZZY_LIMIT), every one on "Phố Kqaa", 40 of them also "Kqcc"
const MANY = 4000;
const BOTH = 40;
const many = Array.from({ length: MANY }, (_, i) => {
  const [lat, lng] = [11.8 + Math.floor(i / 80) * 0.0004, 108.3 + (i % 80) * 0.0004];
  return {
    code: encode(lat, lng)!,
    h3: BigInt(`0x${latLngToCell(lat, lng, 14)}`).toString(),
    lat,
    lng,
    street: i % (MANY / BOTH) === 0 ? 'Phố Kqaa Kqcc' : 'Phố Kqaa Kqbb',
    n: String(i + 1),
  };
});

beforeAll(async () => {
  await knex('addresses').whereIn('code', CODES).delete();
  await knex('addresses')
    .whereIn(
      'code',
      many.map((m) => m.code),
    )
    .delete();
  for (const [i, [lat, lng]] of POINTS.entries()) {
    await knex.raw(
      `INSERT INTO addresses (code, h3, geom, ward_code, house_number, street) VALUES (?, ?, ST_SetSRID(ST_MakePoint(?, ?), 4326), NULL, ?, 'Đường Xyzabc Thử')`,
      [CODES[i]!, BigInt(`0x${latLngToCell(lat, lng, 14)}`).toString(), lng, lat, String(i + 1)],
    );
  }
  await knex.raw(
    `INSERT INTO addresses (code, h3, geom, ward_code, house_number, street)
     SELECT code, h3::bigint, ST_SetSRID(ST_MakePoint(lng, lat), 4326), NULL, n, street
     FROM jsonb_to_recordset(?::jsonb) AS r(code text, h3 text, lat float8, lng float8, n text, street text)`,
    [JSON.stringify(many)],
  );
}, 60_000);
afterAll(async () => {
  await knex('addresses').whereIn('code', CODES).delete();
  await knex('addresses')
    .whereIn(
      'code',
      many.map((m) => m.code),
    )
    .delete();
  await knex.destroy();
});

const query = (tsquery: string, { wards = null as string[] | null, limit = 50 } = {}) => ({
  tsquery,
  wards,
  near: null,
  limit,
  exactKey: '',
});
const fuzzySetting = async () => (await knex.raw('SHOW gin_fuzzy_search_limit')).rows[0].gin_fuzzy_search_limit;
/** Statistics as ANALYZE would give them for a national table where Kqaa and Kqcc are common, or where they are rare. */
const often: TermStats = termStats(1_000_000, ['kqaa', '>kqcc'], [0.05, 0.06, 0.05, 0.06, 0]);
const rarely: TermStats = termStats(1_000_000, ['kqaa', '>kqcc'], [0.004, 0.004, 0.004, 0.004, 0]);

describe('search candidates SQL', () => {
  it('a single typed word finds what the plain full-text query finds, and the sampling setting ends with the statement', async () => {
    const repo = createSearchRepository(runner);
    const hits = await repo.addresses(query('xyz:*'));
    expect(hits.map((h) => h.code).sort()).toEqual([...CODES].sort());
    const plain = (
      await knex.raw(`SELECT count(*)::int AS n FROM addresses WHERE NOT private AND search_terms @@ to_tsquery('simple', 'xyz:*')`)
    ).rows[0].n;
    expect(plain).toBe(3);
    expect(await fuzzySetting()).toBe('0');
    expect(await repo.addresses(query('xyz:*', { wards: ['00070'] }))).toEqual([]); // a ward filter, applied after the scan
    expect(await fuzzySetting()).toBe('0');
  });

  it('a single word with more matches than the sample comes back sampled: only true matches, a page of them', async () => {
    const { sql, samples } = recording();
    const hits = await createSearchRepository(sql).addresses(query('kqaa:*', { limit: 50 }));
    expect(samples).toEqual([FUZZY_LIMIT]);
    expect(hits).toHaveLength(50);
    for (const h of hits) expect(h.street).toMatch(/^Phố Kqaa/);
    expect(await fuzzySetting()).toBe('0');
  });

  it('words that meet often: a sample of the rarest answers alone when it finds a page; every hit matches the whole query', async () => {
    const { sql, samples } = recording();
    const hits = await createSearchRepository(sql, { stats: async () => often }).addresses(query('kqaa & kqcc:*', { limit: 5 }));
    expect(samples).toEqual([FUZZY_LIMIT]); // one statement: the sample sufficed
    expect(hits).toHaveLength(5);
    for (const h of hits) expect(h.street).toBe('Phố Kqaa Kqcc');
  });

  it('when the sample finds less than a page, the exact intersection follows and is complete', async () => {
    const { sql, samples } = recording();
    const hits = await createSearchRepository(sql, { stats: async () => often }).addresses(query('kqaa & kqcc:*', { limit: 50 }));
    expect(samples).toEqual([FUZZY_LIMIT, 0]);
    expect(hits).toHaveLength(BOTH);
    expect(new Set(hits.map((h) => h.code)).size).toBe(BOTH);
  });

  it('words that rarely meet, or a ward filter: the exact intersection only', async () => {
    const rare = recording();
    expect(await createSearchRepository(rare.sql, { stats: async () => rarely }).addresses(query('kqaa & kqcc:*'))).toHaveLength(BOTH);
    expect(rare.samples).toEqual([0]);
    const filtered = recording();
    expect(
      await createSearchRepository(filtered.sql, { stats: async () => often }).addresses(query('kqaa & kqcc:*', { wards: ['00070'] })),
    ).toEqual([]);
    expect(filtered.samples).toEqual([0]);
    expect(await fuzzySetting()).toBe('0');
  });

  it('reads the lexemes’ frequencies that ANALYZE measured (pg_stats), and nothing before it', async () => {
    await knex.raw('ANALYZE addresses');
    const stats = await createSearchRepository(runner).termStats();
    expect(stats.rows).toBeGreaterThanOrEqual(MANY);
    // Kqaa is on 4,000 of the table's rows: listed, with about its share
    const share = MANY / stats.rows;
    expect(stats.frequency.get('kqaa')).toBeGreaterThan(share * 0.5);
    expect(stats.frequency.get('kqaa')).toBeLessThan(Math.min(1, share * 1.5));
    expect(stats.floor).toBeGreaterThan(0);
  });
});
