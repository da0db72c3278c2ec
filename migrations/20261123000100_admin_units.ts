import type { Knex } from 'knex';

/**
 * The 2025 administrative units (34 provinces, 3,321 wards) with geometry, plus `ward_pieces`:
 * each ward cut by ST_Subdivide into pieces of at most 128 vertices, so that point-in-polygon is
 * a GiST lookup against small polygons instead of a test against a coastline of 20,000 vertices.
 * Units are reference data replaced by the seed; addresses never reference them by foreign key,
 * so a boundary reform can reload them without touching user data.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE EXTENSION IF NOT EXISTS postgis;
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE EXTENSION IF NOT EXISTS unaccent;

    CREATE TABLE provinces (
      code            text PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
      name            text NOT NULL,
      name_en         text,
      full_name       text NOT NULL,
      full_name_en    text,
      unit_type       text NOT NULL,
      area_km2        double precision,
      postal_prefixes text[] NOT NULL DEFAULT '{}',
      geom            geometry(MultiPolygon, 4326) NOT NULL
    );
    CREATE INDEX provinces_geom_idx ON provinces USING gist (geom);

    CREATE TABLE wards (
      code          text PRIMARY KEY CHECK (code ~ '^[0-9]{5}$'),
      province_code text NOT NULL REFERENCES provinces (code),
      name          text NOT NULL,
      name_en       text,
      full_name     text NOT NULL,
      full_name_en  text,
      unit_type     text NOT NULL,
      area_km2      double precision,
      postal_code   text CHECK (postal_code ~ '^[0-9]{5}$'),
      geom_source   text NOT NULL CHECK (geom_source IN ('simplified', 'full')),
      geom          geometry(MultiPolygon, 4326) NOT NULL
    );
    CREATE INDEX wards_geom_idx ON wards USING gist (geom);
    CREATE INDEX wards_province_code_idx ON wards (province_code);

    CREATE TABLE ward_pieces (
      id        integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      ward_code text NOT NULL REFERENCES wards (code) ON DELETE CASCADE,
      geom      geometry(Polygon, 4326) NOT NULL
    );
    CREATE INDEX ward_pieces_geom_idx ON ward_pieces USING gist (geom);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS ward_pieces; DROP TABLE IF EXISTS wards; DROP TABLE IF EXISTS provinces;');
}
