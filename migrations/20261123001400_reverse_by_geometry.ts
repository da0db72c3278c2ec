import type { Knex } from 'knex';

/**
 * Reverse geocoding finds its candidates through the GiST index on geom (a box in degrees that
 * surely holds the circle in metres, server/addresses/repository.ts) and measures them on the
 * ellipsoid, so the second spatial index, GiST on geom::geography, goes. At 24 million addresses it
 * was the slowest index of a bulk load to build (224 s of the 30-minute load, BENCHMARKS.md) and
 * 1.7 GB on disk; within 2 km the box holds few rows, and sorting them by distance costs nothing.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS addresses_geog_idx');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX IF NOT EXISTS addresses_geog_idx ON addresses USING gist ((geom::geography))');
}
