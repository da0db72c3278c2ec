/**
 * SQL for decoding codes: which of a set of codes are registered, in one set-based statement on
 * the unique (code, unit) index. Wards come from the in-memory directory (server/admin), not from
 * here: a registered address carries its ward, computed when it was registered.
 */
import type { SqlRunner } from '../db/query.js';
import { ADDRESS_COLUMNS, type AddressRow } from '../addresses/repository.js';

export type LookupKey = { code: string; unit: string };
export type LookupRow = Partial<AddressRow> & { i: number; ward_code: string | null; owner_id: string | null; private: boolean | null };

const LOOKUP_SQL = `
  SELECT q.i::int AS i, a.ward_code, a.owner_id, a.private, ${ADDRESS_COLUMNS}
  FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS q(code, unit, i)
  LEFT JOIN addresses a ON a.code = q.code AND a.unit = q.unit
  ORDER BY q.i`;

// private addresses never make a suggestion likelier: they must not be discoverable
const REGISTERED_SQL = 'SELECT DISTINCT code FROM addresses WHERE code = ANY($1::text[]) AND NOT private';

export function createCodesRepository(sql: SqlRunner) {
  return {
    /** Rows in the order of `keys`; `code` is null where nothing is registered. */
    async lookup(keys: readonly LookupKey[]): Promise<LookupRow[]> {
      return sql<LookupRow>('codes_lookup', LOOKUP_SQL, [keys.map((k) => k.code), keys.map((k) => k.unit)]);
    },
    /** Which of these codes have at least one registered address (any unit). */
    async registered(codes: readonly string[]): Promise<Set<string>> {
      if (codes.length === 0) return new Set();
      const rows = await sql<{ code: string }>('codes_registered', REGISTERED_SQL, [codes]);
      return new Set(rows.map((r) => r.code));
    },
  };
}
export type CodesRepository = ReturnType<typeof createCodesRepository>;
