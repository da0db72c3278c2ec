/**
 * The SQL of search candidates: a single typed word goes through the sampling variant
 * (gin_fuzzy_search_limit for that statement only), which must find what the plain full-text
 * query finds while matches are below the limit, and must leave the connection's setting alone.
 */
import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { encode } from '../../server/codes/codec.js';
import { createKnex } from '../../server/db/knex.js';
import { createSqlRunner } from '../../server/db/query.js';
import { createSearchRepository } from '../../server/search/repository.js';

const knex = createKnex(inject('databaseUrl'), 1); // one connection: the statement after runs where the search ran
const repo = createSearchRepository(createSqlRunner(knex, { prepared: !inject('embedded') }));

// three houses of this file's own, on a street no other test uses (Đà Lạt)
const POINTS = [[11.94031, 108.43811], [11.94041, 108.43821], [11.94051, 108.43831]] as const;
const CODES = POINTS.map(([lat, lng]) => encode(lat, lng)!);
beforeAll(async () => {
  await knex('addresses').whereIn('code', CODES).delete();
  for (const [i, [lat, lng]] of POINTS.entries()) {
    await knex.raw(`INSERT INTO addresses (code, h3, geom, ward_code, house_number, street) VALUES (?, ?, ST_SetSRID(ST_MakePoint(?, ?), 4326), NULL, ?, 'Đường Xyzabc Thử')`,
      [CODES[i]!, BigInt(`0x${latLngToCell(lat, lng, 14)}`).toString(), lng, lat, String(i + 1)]);
  }
});
afterAll(async () => {
  await knex('addresses').whereIn('code', CODES).delete();
  await knex.destroy();
});

const query = (tsquery: string, wards: string[] | null = null) => ({ tsquery, wards, near: null, limit: 50, exactKey: '' });

describe('search candidates SQL', () => {
  it('a single typed word finds what the plain full-text query finds, and the sampling setting ends with the statement', async () => {
    const hits = await repo.addresses(query('xyz:*'));
    expect(hits.map((h) => h.code).sort()).toEqual([...CODES].sort());
    const plain = (await knex.raw(`SELECT count(*)::int AS n FROM addresses WHERE NOT private AND search_terms @@ to_tsquery('simple', 'xyz:*')`)).rows[0].n;
    expect(plain).toBe(3);
    expect((await knex.raw('SHOW gin_fuzzy_search_limit')).rows[0].gin_fuzzy_search_limit).toBe('0');
    expect(await repo.addresses(query('xyz:*', ['00070']))).toEqual([]); // a ward filter, applied after the scan
    expect((await knex.raw('SHOW gin_fuzzy_search_limit')).rows[0].gin_fuzzy_search_limit).toBe('0');
  });
});
