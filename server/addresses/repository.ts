import type { SqlRunner } from '../db/query.js';
import { isAdmin, type Viewer } from '../accounts/viewer.js';
import { ADDRESS_COLUMNS, type AddressRow } from './schemas.js';

export type NewAddress = {
  code: string;
  unit: string;
  h3: string;
  wardCode: string | null;
  lat: number;
  lng: number;
  details: { houseNumber?: string | null; street?: string | null; hamlet?: string | null; building?: string | null; landmark?: string | null; note?: string | null };
  ownerId?: string | null;
  status?: 'draft' | 'verified';
  placeName?: string | null;
  category?: string | null;
  actorId?: string | null;
  kind?: 'created' | 'imported';
};

/** The AddressState of a row (see state.ts), built in SQL for the first version. */
export const STATE_JSON = `jsonb_build_object('houseNumber', house_number, 'street', street, 'hamlet', hamlet, 'building', building,
  'landmark', landmark, 'note', note, 'placeName', place_name, 'category', category, 'status', status, 'private', private,
  'lat', ST_Y(geom), 'lng', ST_X(geom), 'ownerId', owner_id::text)`;

// ON CONFLICT DO NOTHING on the (code, unit) key: concurrent identical requests create one row,
// and the loser learns that it lost (no row returned) without an error or a half-written row.
// The first version of the history is written by the same statement.
const INSERT_SQL = `
  WITH ins AS (
    INSERT INTO addresses (code, unit, h3, geom, ward_code, house_number, street, hamlet, building, landmark, note,
                           owner_id, status, place_name, category)
    VALUES ($1, $2, $3::bigint, ST_SetSRID(ST_MakePoint($4, $5), 4326), $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
    ON CONFLICT (code, unit) DO NOTHING
    RETURNING *
  )
  INSERT INTO address_versions (address_id, version, kind, state, change, actor_id)
  SELECT id, 1, $17, ${STATE_JSON}, '{}'::jsonb, $18 FROM ins
  RETURNING address_id`;

// KNN on geography through the expression index, bounded by ST_DWithin on the same index.
const NEAREST_SQL = `
  SELECT ${ADDRESS_COLUMNS}, a.ward_code, ST_Distance(a.geom::geography, q.g) AS distance
  FROM (SELECT ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography AS g) q
  JOIN addresses a ON ST_DWithin(a.geom::geography, q.g, $3)
  WHERE NOT a.private OR a.owner_id = $5 OR a.ward_code = ANY($6::text[]) OR $7
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
        a.ownerId ?? null, a.status ?? 'draft', a.placeName ?? null, a.category ?? null, a.kind ?? 'created', a.actorId ?? null,
      ]);
      return rows.length === 1;
    },

    /** Nearest visible addresses: private ones only for their owner, their ward's staff and administrators. */
    async nearest(lat: number, lng: number, radius: number, limit: number, viewer: Viewer | null) {
      const staffWards = viewer && !viewer.blocked && viewer.role === 'staff' ? [...viewer.wards] : [];
      return sql<AddressRow & { ward_code: string | null; distance: number }>('addresses_nearest', NEAREST_SQL, [
        lng, lat, radius, limit, viewer && !viewer.blocked ? viewer.userId : null, staffWards, isAdmin(viewer) && !viewer!.blocked,
      ]);
    },
  };
}
export type AddressesRepository = ReturnType<typeof createAddressesRepository>;
