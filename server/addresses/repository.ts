import type { SqlRunner } from '../db/query.js';
import { isAdmin, type Viewer } from '../accounts/viewer.js';
import { ADDRESS_COLUMNS, type AddressRow } from './schemas.js';

const NEAREST_SQL = `
  SELECT ${ADDRESS_COLUMNS}, a.ward_code, ST_Distance(a.geom::geography, q.g) AS distance
  FROM (SELECT ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography AS g) q
  JOIN addresses a ON ST_DWithin(a.geom::geography, q.g, $3)
  WHERE NOT a.private OR a.owner_id = $5 OR a.ward_code = ANY($6::text[]) OR $7
  ORDER BY a.geom::geography <-> q.g, a.code, a.unit
  LIMIT $4`;

export function createAddressesRepository(sql: SqlRunner) {
  return {
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
