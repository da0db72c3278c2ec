import type { Knex } from 'knex';

export type WardUnitRow = {
  code: string;
  name: string;
  full_name: string;
  unit_type: string;
  postal_code: string | null;
  province_code: string;
};
export type ProvinceUnitRow = { code: string; name: string; full_name: string; postal_prefixes: string[] };
/** A ward as /v1/admin answers it: with its province's code and name, and its boundary (GeoJSON text) on request. */
export type WardListRow = {
  code: string;
  name: string;
  full_name: string;
  unit_type: string;
  postal_code: string | null;
  province_code: string;
  province_name: string;
  geometry?: string;
};

const WARD_COLUMNS = `w.code, w.name, w.full_name, w.unit_type, w.postal_code, p.code AS province_code, p.name AS province_name`;

export function createAdminRepository(knex: Knex) {
  return {
    async version(): Promise<number> {
      const { rows } = await knex.raw(
        "SELECT coalesce((SELECT version FROM reference_versions WHERE name = 'admin_units'), 0)::int AS version",
      );
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
    /**
     * Every ward's name, type and area, and every subdivided piece with its area in m² and its polygon
     * (GeoJSON rings of [lng, lat]): what the synthetic address generator spreads addresses by.
     */
    async areas(): Promise<{
      wards: { code: string; name: string; unit_type: string; area_km2: number | string }[];
      pieces: { wardCode: string; area: number; rings: number[][][] }[];
    }> {
      const [{ rows: wards }, { rows: pieces }] = await Promise.all([
        knex.raw('SELECT code, name, unit_type, area_km2 FROM wards'),
        knex.raw('SELECT ward_code, ST_Area(geom::geography) AS area, ST_AsGeoJSON(geom, 7) AS g FROM ward_pieces'),
      ]);
      return {
        wards,
        pieces: pieces.map((p: { ward_code: string; area: number | string; g: string }) => ({
          wardCode: p.ward_code,
          area: Number(p.area),
          rings: JSON.parse(p.g).coordinates,
        })),
      };
    },
    /** The provinces by code. */
    provinces(): Promise<{ code: string; name: string; full_name: string; unit_type: string; postal_prefixes: string[] }[]> {
      return knex('provinces').select('code', 'name', 'full_name', 'unit_type', 'postal_prefixes').orderBy('code');
    },
    /** A province's wards by code; none when there is no such province. */
    async wardsOf(provinceCode: string): Promise<WardListRow[]> {
      const { rows } = await knex.raw(
        `SELECT ${WARD_COLUMNS} FROM wards w JOIN provinces p ON p.code = w.province_code WHERE p.code = ? ORDER BY w.code`,
        [provinceCode],
      );
      return rows;
    },
    async ward(code: string, { geometry }: { geometry: boolean }): Promise<WardListRow | undefined> {
      const boundary = geometry ? ', ST_AsGeoJSON(w.geom, 6) AS geometry' : '';
      const { rows } = await knex.raw(
        `SELECT ${WARD_COLUMNS}${boundary} FROM wards w JOIN provinces p ON p.code = w.province_code WHERE w.code = ?`,
        [code],
      );
      return rows[0];
    },
  };
}
export type AdminRepository = ReturnType<typeof createAdminRepository>;
