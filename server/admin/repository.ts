import type { Knex } from 'knex';

export type WardUnitRow = { code: string; name: string; full_name: string; unit_type: string; postal_code: string | null; province_code: string };
export type ProvinceUnitRow = { code: string; name: string; full_name: string; postal_prefixes: string[] };

export function createAdminRepository(knex: Knex) {
  return {
    async version(): Promise<number> {
      const { rows } = await knex.raw("SELECT coalesce((SELECT version FROM reference_versions WHERE name = 'admin_units'), 0)::int AS version");
      return rows[0].version;
    },
    async units(): Promise<{ wards: WardUnitRow[]; provinces: ProvinceUnitRow[] }> {
      const [wards, provinces] = await Promise.all([
        knex('wards').select('code', 'name', 'full_name', 'unit_type', 'postal_code', 'province_code'),
        knex('provinces').select('code', 'name', 'full_name', 'postal_prefixes'),
      ]);
      return { wards, provinces };
    },
    /** The subdivided ward pieces as GeoJSON polygons (rings of [lng, lat]). */
    async pieces(): Promise<{ wardCode: string; rings: number[][][] }[]> {
      const { rows } = await knex.raw('SELECT ward_code, ST_AsGeoJSON(geom, 7) AS g FROM ward_pieces');
      return rows.map((r: { ward_code: string; g: string }) => ({ wardCode: r.ward_code, rings: JSON.parse(r.g).coordinates }));
    },
  };
}
export type AdminRepository = ReturnType<typeof createAdminRepository>;
