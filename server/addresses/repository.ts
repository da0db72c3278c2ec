import type { SqlRunner } from '../db/query.js';
import { isAdmin, type Viewer } from '../accounts/viewer.js';
import { ADDRESS_COLUMNS, type AddressRow } from './schemas.js';

/**
 * Addresses within $3 metres of ($2, $1), nearest first. The GiST index on geom finds the box that
 * surely holds the circle (degrees per metre at that latitude, bounded from below for the WGS 84
 * ellipsoid, with 1 % to spare); the distance in metres on the ellipsoid decides. No index on
 * geom::geography is needed (migration 20261123001400).
 */
const NEAREST_SQL = `
  SELECT ${ADDRESS_COLUMNS}, a.ward_code, ST_Distance(a.geom::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography) AS distance
  FROM addresses a
  WHERE a.geom && ST_Expand(ST_SetSRID(ST_MakePoint($1, $2), 4326),
                            $3 * 1.01 / (111319.49 * greatest(cos(radians($2)), 0.01)), $3 * 1.01 / 110574.27)
    AND ST_DWithin(a.geom::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, $3)
    AND (NOT a.private OR a.owner_id = $5 OR a.ward_code = ANY($6::text[]) OR $7)
  ORDER BY distance, a.code, a.unit
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
