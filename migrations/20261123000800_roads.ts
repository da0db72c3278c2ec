import type { Knex } from 'knex';

/**
 * The routable road network (issue 6), imported from OpenStreetMap by `npm run import:osm` and by
 * the seed: ways cut at every junction into edges between vertices. Each edge carries its street
 * name (for directions), length, and its travel time in seconds per profile and direction, -1
 * where the profile may not go (closed, or against a one-way street): exactly the
 * `cost`/`reverse_cost` convention of pgRouting, so pgr_dijkstra reads this table as it is and
 * serves as the oracle of the in-memory router. Geometry runs from source to target.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE road_edges (
      id             integer PRIMARY KEY,
      source         integer NOT NULL,
      target         integer NOT NULL,
      osm_id         bigint NOT NULL,
      name           text,
      highway        text NOT NULL,
      length_m       double precision NOT NULL,
      motorbike_cost double precision NOT NULL,
      motorbike_reverse_cost double precision NOT NULL,
      car_cost       double precision NOT NULL,
      car_reverse_cost double precision NOT NULL,
      foot_cost      double precision NOT NULL,
      foot_reverse_cost double precision NOT NULL,
      geom           geometry(LineString, 4326) NOT NULL
    );
    CREATE INDEX road_edges_geom_idx ON road_edges USING gist (geom);
    CREATE INDEX road_edges_source_idx ON road_edges (source);
    CREATE INDEX road_edges_target_idx ON road_edges (target);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS road_edges;');
}
