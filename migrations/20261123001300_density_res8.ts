import type { Knex } from 'knex';

/**
 * An intermediate density level: H3 resolution 8 (~0.7 km²) in address_density, for address tiles
 * at z9–z11 (server/tiles/layers.ts). With 24 million addresses a z10 tile read every res-9 cell in
 * it: EXPLAIN ANALYZE on Hà Nội (10/813/450) found 12,266 density points, a 183 KB tile, ~500 ms
 * (BENCHMARKS.md). That cost saturates with the cells a tile spans (~13,000 at res 9), not with the
 * table, so only a coarser level helps: a z10 tile spans ~1,800 res-8 cells. Res 9 stays for z12,
 * res 6 for z < 9.
 *
 * The trigger function of migration 20261123000500 (public addresses only), now over 6, 8 and 9
 * and taking the summary's rows in (res, cell) order, so that concurrent registrations lock them in
 * the same order (the fuzz found deadlocks between two registrations' upserts),
 * the res-8 rows of the addresses already registered, and a partial index like those of 6 and 9
 * (migration 20261123000600). The bulk loader's grouped upsert (server/ingest/addresses/bulk.ts) counts the
 * same resolutions.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(densityTrigger('(VALUES (6), (8), (9))'));
  await knex.raw(`
    INSERT INTO address_density (res, cell, n, sum_x, sum_y)
    SELECT 8, h3_parent(a.h3, 8), count(*), sum(ST_X(a.geom)), sum(ST_Y(a.geom))
    FROM addresses a WHERE NOT a.private GROUP BY 1, 2;
    CREATE INDEX address_density_res8_point_idx ON address_density USING gist (address_density_point(sum_x, sum_y, n)) WHERE res = 8;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(densityTrigger('(VALUES (6), (9))'));
  await knex.raw(`
    DROP INDEX IF EXISTS address_density_res8_point_idx;
    DELETE FROM address_density WHERE res = 8;
  `);
}

/** address_density_after() as in migration 20261123000500, over the given resolutions. */
function densityTrigger(resolutions: string): string {
  return `
    CREATE OR REPLACE FUNCTION address_density_after() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('DELETE', 'UPDATE') THEN
        INSERT INTO address_density AS d (res, cell, n, sum_x, sum_y)
        SELECT r, h3_parent(o.h3, r), -count(*), -sum(ST_X(o.geom)), -sum(ST_Y(o.geom))
        FROM old_rows o, ${resolutions} AS v(r) WHERE NOT o.private GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (res, cell) DO UPDATE SET n = d.n + excluded.n, sum_x = d.sum_x + excluded.sum_x, sum_y = d.sum_y + excluded.sum_y;
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO address_density AS d (res, cell, n, sum_x, sum_y)
        SELECT r, h3_parent(nw.h3, r), count(*), sum(ST_X(nw.geom)), sum(ST_Y(nw.geom))
        FROM new_rows nw, ${resolutions} AS v(r) WHERE NOT nw.private GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (res, cell) DO UPDATE SET n = d.n + excluded.n, sum_x = d.sum_x + excluded.sum_x, sum_y = d.sum_y + excluded.sum_y;
      END IF;
      DELETE FROM address_density WHERE n <= 0;
      RETURN NULL;
    END $$;`;
}
