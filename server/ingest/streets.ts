import type { Knex } from 'knex';

/**
 * The street gazetteer: every named road cut by 2025 ward (the subdivided pieces), with its length
 * in that ward and a point on it. Search answers street names from it; the parser uses it to place a
 * line that names a street but no unit. Rebuilt whenever the roads are.
 */
export async function buildStreets(knex: Knex): Promise<number> {
  await knex.raw('DELETE FROM streets');
  const { rowCount } = await knex.raw(`
    WITH cut AS (
      SELECT translate(normalize(btrim(r.name), NFC), 'Ðð', 'Đđ') AS name, p.ward_code,
             (ST_Dump(ST_CollectionExtract(ST_Intersection(r.geom, p.geom), 2))).geom AS g
      FROM map_roads r JOIN ward_pieces p ON ST_Intersects(r.geom, p.geom)
      WHERE r.name IS NOT NULL AND vn_fold(r.name) <> ''
    ), per_ward AS (
      SELECT name, ward_code, ST_Collect(g) AS g, sum(ST_Length(g::geography)) AS length_m FROM cut GROUP BY name, ward_code
    )
    INSERT INTO streets (name, key, ward_code, province_code, length_m, geom)
    SELECT s.name, vn_fold(s.name), s.ward_code, w.province_code, s.length_m, ST_ClosestPoint(s.g, ST_Centroid(s.g))
    FROM per_ward s JOIN wards w ON w.code = s.ward_code
    WHERE s.length_m > 0
    ON CONFLICT DO NOTHING`);
  return rowCount ?? 0;
}

/** Databases seeded before the street gazetteer existed get it on the next start. */
export async function streetsMissing(knex: Knex): Promise<boolean> {
  const { rows } = await knex.raw(
    'SELECT NOT EXISTS (SELECT 1 FROM streets) AND EXISTS (SELECT 1 FROM map_roads WHERE name IS NOT NULL) AS missing',
  );
  return rows[0].missing as boolean;
}
