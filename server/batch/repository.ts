/**
 * SQL of batch jobs: the registered address an address line names, when one is registered with
 * that house number on that street in that ward. One statement per slice of lines, on the index of
 * stored street keys (street_key, vn_street_key of the street); house numbers and streets are folded in SQL on both sides, so they
 * meet whatever the spelling. Private addresses are never read here, whoever asks.
 */
import type { SqlRunner } from '../db/query.js';

export type AddressKey = { wardCode: string; street: string; houseNumber: string };
export type MatchedAddress = { i: number; code: string; unit: string; lat: number; lng: number };

const MATCH_SQL = `
  SELECT q.i::int AS i, a.code, a.unit, ST_Y(a.geom) AS lat, ST_X(a.geom) AS lng
  FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS q(ward_code, street, house_number, i)
  CROSS JOIN LATERAL (
    SELECT code, unit, geom FROM addresses a
    WHERE NOT a.private AND a.street_key IS NOT NULL
      AND a.street_key = vn_street_key(q.street)
      AND a.ward_code = q.ward_code
      AND a.house_number IS NOT NULL AND vn_fold(a.house_number) = vn_fold(q.house_number)
    ORDER BY a.unit = '' DESC, a.unit, a.code
    LIMIT 1
  ) a`;

export function createBatchRepository(sql: SqlRunner) {
  return {
    /** Matches by position in `keys` (1-based `i`); lines without a match are absent. */
    async matchAddresses(keys: readonly AddressKey[]): Promise<Map<number, MatchedAddress>> {
      if (keys.length === 0) return new Map();
      const rows = await sql<MatchedAddress>('batch_match_addresses', MATCH_SQL, [
        keys.map((k) => k.wardCode),
        keys.map((k) => k.street),
        keys.map((k) => k.houseNumber),
      ]);
      return new Map(rows.map((r) => [r.i - 1, r]));
    },
  };
}
export type BatchRepository = ReturnType<typeof createBatchRepository>;
