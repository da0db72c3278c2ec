import type { Knex } from 'knex';
import type { AddressRow } from '../addresses/repository.js';

/** A ward's address as its export reads it: the address row without its creation time. */
export type WardAddressRow = Omit<AddressRow, 'created_at'>;

export function createWardsRepository(knex: Knex) {
  return {
    async addresses(wardCode: string, status: string | undefined): Promise<WardAddressRow[]> {
      const { rows } = await knex.raw(
        `SELECT code, unit, ST_Y(geom) AS lat, ST_X(geom) AS lng, status, private, version, house_number, street, hamlet,
                building, landmark, note, place_name, category,
                to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at
         FROM addresses WHERE ward_code = ? AND (?::text IS NULL OR status = ?) ORDER BY code, unit`,
        [wardCode, status ?? null, status ?? null],
      );
      return rows;
    },
    async stats(wardCode: string) {
      const { rows } = await knex.raw(
        `SELECT count(*)::int AS addresses,
                count(*) FILTER (WHERE status = 'verified')::int AS verified,
                count(*) FILTER (WHERE status = 'draft')::int AS draft,
                count(*) FILTER (WHERE status = 'needs_review')::int AS needs_review,
                count(*) FILTER (WHERE private)::int AS private,
                (SELECT count(*)::int FROM proposals WHERE ward_code = ? AND status = 'pending') AS pending_proposals
         FROM addresses WHERE ward_code = ?`,
        [wardCode, wardCode],
      );
      return rows[0] as {
        addresses: number;
        verified: number;
        draft: number;
        needs_review: number;
        private: number;
        pending_proposals: number;
      };
    },
    async cellCounts(wardCode: string): Promise<{ cell: string; n: number }[]> {
      const { rows } = await knex.raw(
        `SELECT to_hex(h3_parent(h3, 9)) AS cell, count(*)::int AS n FROM addresses WHERE ward_code = ? GROUP BY 1`,
        [wardCode],
      );
      return rows;
    },
    async geometry(wardCode: string): Promise<GeoJSON.MultiPolygon | null> {
      const { rows } = await knex.raw('SELECT ST_AsGeoJSON(geom, 6) AS g FROM wards WHERE code = ?', [wardCode]);
      return rows[0] ? JSON.parse(rows[0].g) : null;
    },
    async registeredAmong(codes: string[]): Promise<Set<string>> {
      if (codes.length === 0) return new Set();
      const { rows } = await knex.raw('SELECT code, unit FROM addresses WHERE code = ANY(?)', [codes]);
      return new Set(rows.map((r: { code: string; unit: string }) => `${r.code}/${r.unit}`));
    },
    /**
     * All rows in one statement, with the first version of each history, inside the caller's
     * transaction; returns how many were inserted (fewer means someone registered one meanwhile).
     */
    async insertMany(trx: Knex.Transaction, rows: object[], actorId: string): Promise<number> {
      const { rows: inserted } = await trx.raw(
        `WITH input AS (
           SELECT * FROM jsonb_to_recordset(?::jsonb) AS r(code text, unit text, h3 text, lat float8, lng float8, ward_code text,
             house_number text, street text, hamlet text, building text, landmark text, note text)
         ), ins AS (
           INSERT INTO addresses (code, unit, h3, geom, ward_code, house_number, street, hamlet, building, landmark, note, status)
           SELECT code, unit, h3::bigint, ST_SetSRID(ST_MakePoint(lng, lat), 4326), ward_code, house_number, street, hamlet,
                  building, landmark, note, 'verified'
           FROM input
           ON CONFLICT (code, unit) DO NOTHING
           RETURNING *
         )
         INSERT INTO address_versions (address_id, version, kind, state, change, actor_id)
         SELECT id, 1, 'imported',
                jsonb_build_object('houseNumber', house_number, 'street', street, 'hamlet', hamlet, 'building', building,
                  'landmark', landmark, 'note', note, 'placeName', place_name, 'category', category, 'status', status,
                  'private', private, 'lat', ST_Y(geom), 'lng', ST_X(geom), 'ownerId', owner_id::text),
                '{}'::jsonb, ?
         FROM ins RETURNING address_id`,
        [JSON.stringify(rows), actorId],
      );
      return inserted.length;
    },
  };
}
export type WardsRepository = ReturnType<typeof createWardsRepository>;
