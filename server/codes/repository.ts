/**
 * SQL for decoding codes. One set-based statement answers any number of codes: registered
 * address (if any) by the unique (code, unit) index, and the ward by point-in-polygon against the
 * subdivided ward pieces (only for codes without a registered address, whose ward is cached).
 */
import type { SqlRunner } from '../db/query.js';
import { ADMIN_COLUMNS, type AdminRow } from '../admin/schemas.js';
import { ADDRESS_COLUMNS, type AddressRow } from '../addresses/schemas.js';

export type LookupKey = { code: string; unit: string; lat: number; lng: number };
export type LookupRow = AdminRow & Partial<AddressRow> & { i: number; registered: boolean };

const LOOKUP_SQL = `
  SELECT q.i::int AS i, a.code IS NOT NULL AS registered, ${ADDRESS_COLUMNS}, ${ADMIN_COLUMNS}
  FROM unnest($1::text[], $2::text[], $3::float8[], $4::float8[]) WITH ORDINALITY AS q(code, unit, lng, lat, i)
  LEFT JOIN addresses a ON a.code = q.code AND a.unit = q.unit
  LEFT JOIN LATERAL (
    SELECT wp.ward_code FROM ward_pieces wp
    WHERE a.ward_code IS NULL AND ST_Intersects(wp.geom, ST_SetSRID(ST_MakePoint(q.lng, q.lat), 4326))
    LIMIT 1
  ) pip ON true
  LEFT JOIN wards w ON w.code = coalesce(a.ward_code, pip.ward_code)
  LEFT JOIN provinces p ON p.code = w.province_code
  ORDER BY q.i`;

// What makes one reading of a mistyped code likelier than another: an address is registered
// there, or at least it lies on land inside a ward rather than at sea or abroad.
const CANDIDATE_FACTS_SQL = `
  SELECT q.code,
         EXISTS (SELECT 1 FROM addresses a WHERE a.code = q.code) AS registered,
         EXISTS (SELECT 1 FROM ward_pieces wp WHERE ST_Intersects(wp.geom, ST_SetSRID(ST_MakePoint(q.lng, q.lat), 4326))) AS on_land
  FROM unnest($1::text[], $2::float8[], $3::float8[]) AS q(code, lng, lat)`;

export type CandidateFacts = { code: string; registered: boolean; on_land: boolean };

export function createCodesRepository(sql: SqlRunner) {
  return {
    async candidateFacts(candidates: readonly { code: string; lat: number; lng: number }[]): Promise<CandidateFacts[]> {
      if (candidates.length === 0) return [];
      return sql<CandidateFacts>('codes_candidate_facts', CANDIDATE_FACTS_SQL, [
        candidates.map((c) => c.code),
        candidates.map((c) => c.lng),
        candidates.map((c) => c.lat),
      ]);
    },

    /** Rows in the order of `keys` (row.i is the 1-based position). */
    async lookup(keys: readonly LookupKey[]): Promise<LookupRow[]> {
      return sql<LookupRow>('codes_lookup', LOOKUP_SQL, [
        keys.map((k) => k.code),
        keys.map((k) => k.unit),
        keys.map((k) => k.lng),
        keys.map((k) => k.lat),
      ]);
    },
  };
}
export type CodesRepository = ReturnType<typeof createCodesRepository>;
