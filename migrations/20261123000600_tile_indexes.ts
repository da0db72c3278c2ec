import type { Knex } from 'knex';

/**
 * Indexes for map tiles, found by `npm run bench` (1 million addresses: 10 tiles/s at z14, 90 at z8):
 * - addresses had a GiST index only on geom::geography (for reverse geocoding in metres), so a
 *   tile's bounding-box test on geom scanned the table;
 * - each zoom band reads one resolution of address_density: one partial index per resolution
 *   instead of combining a btree on res with a GiST over both resolutions.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE INDEX addresses_geom_idx ON addresses USING gist (geom);
    CREATE INDEX address_density_res6_point_idx ON address_density USING gist (address_density_point(sum_x, sum_y, n)) WHERE res = 6;
    CREATE INDEX address_density_res9_point_idx ON address_density USING gist (address_density_point(sum_x, sum_y, n)) WHERE res = 9;
    DROP INDEX IF EXISTS address_density_point_idx;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE INDEX IF NOT EXISTS address_density_point_idx ON address_density USING gist (address_density_point(sum_x, sum_y, n));
    DROP INDEX IF EXISTS address_density_res9_point_idx;
    DROP INDEX IF EXISTS address_density_res6_point_idx;
    DROP INDEX IF EXISTS addresses_geom_idx;
  `);
}
