import type { SqlRunner } from '../db/query.js';
import { ADDRESS_COLUMNS, type AddressRow } from './schemas.js';

export type NewAddress = {
  code: string;
  unit: string;
  h3: string;
  wardCode: string | null;
  lat: number;
  lng: number;
  details: { houseNumber?: string | null; street?: string | null; hamlet?: string | null; building?: string | null; landmark?: string | null; note?: string | null };
};

// ON CONFLICT DO NOTHING on the (code, unit) key: concurrent identical requests create one row,
// and the loser learns that it lost (no row returned) without an error or a half-written row.
const INSERT_SQL = `
  INSERT INTO addresses (code, unit, h3, geom, ward_code, house_number, street, hamlet, building, landmark, note)
  VALUES ($1, $2, $3::bigint, ST_SetSRID(ST_MakePoint($4, $5), 4326), $6, $7, $8, $9, $10, $11, $12)
  ON CONFLICT (code, unit) DO NOTHING
  RETURNING id`;

// KNN on geography through the expression index, bounded by ST_DWithin on the same index.
const NEAREST_SQL = `
  SELECT ${ADDRESS_COLUMNS}, a.ward_code, ST_Distance(a.geom::geography, q.g) AS distance
  FROM (SELECT ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography AS g) q
  JOIN addresses a ON ST_DWithin(a.geom::geography, q.g, $3)
  ORDER BY a.geom::geography <-> q.g, a.code, a.unit
  LIMIT $4`;

export function createAddressesRepository(sql: SqlRunner) {
  return {
    /** true when a row was created, false when (code, unit) was already registered. */
    async insert(a: NewAddress): Promise<boolean> {
      const d = a.details;
      const rows = await sql('addresses_insert', INSERT_SQL, [
        a.code, a.unit, BigInt(`0x${a.h3}`).toString(), a.lng, a.lat, a.wardCode,
        d.houseNumber ?? null, d.street ?? null, d.hamlet ?? null, d.building ?? null, d.landmark ?? null, d.note ?? null,
      ]);
      return rows.length === 1;
    },

    async nearest(lat: number, lng: number, radius: number, limit: number) {
      return sql<AddressRow & { ward_code: string | null; distance: number }>('addresses_nearest', NEAREST_SQL, [lng, lat, radius, limit]);
    },
  };
}
export type AddressesRepository = ReturnType<typeof createAddressesRepository>;
