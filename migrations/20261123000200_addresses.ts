import type { Knex } from 'knex';

/**
 * Registered addresses. One row per (code, unit): the code names a 2.7 m H3 cell, the unit tells
 * apart flats, rooms or stalls in that cell ('' = the cell itself). The exact point the person
 * chose is kept too (it may be anywhere inside the cell). ward_code is a cache of the
 * point-in-polygon answer, refreshed by the seed when boundaries change; the code itself never
 * depends on it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE addresses (
      id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      code         text NOT NULL CHECK (code ~ '^[0-9A-HJKMNP-TV-Z]{9}$'),
      unit         text NOT NULL DEFAULT '' CHECK (unit ~ '^[A-Z0-9]{0,6}$'),
      h3           bigint NOT NULL,
      geom         geometry(Point, 4326) NOT NULL,
      ward_code    text,
      house_number text CHECK (char_length(house_number) <= 50),
      street       text CHECK (char_length(street) <= 200),
      hamlet       text CHECK (char_length(hamlet) <= 200),
      building     text CHECK (char_length(building) <= 200),
      landmark     text CHECK (char_length(landmark) <= 200),
      note         text CHECK (char_length(note) <= 500),
      status       text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'verified', 'needs_review')),
      version      integer NOT NULL DEFAULT 1,
      created_at   timestamptz NOT NULL DEFAULT now(),
      updated_at   timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT addresses_code_unit_key UNIQUE (code, unit)
    );
    -- reverse geocoding: nearest addresses in metres, by KNN on geography
    CREATE INDEX addresses_geog_idx ON addresses USING gist ((geom::geography));
    CREATE INDEX addresses_ward_code_idx ON addresses (ward_code);
    CREATE INDEX addresses_h3_idx ON addresses (h3);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS addresses;');
}
