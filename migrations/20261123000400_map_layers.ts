import type { Knex } from 'knex';

/**
 * What the map draws besides the administrative units: country outlines (Natural Earth), roads
 * and buildings from the OpenStreetMap extracts (ODbL), and a density summary of registered
 * addresses so that low-zoom tiles never scan millions of points.
 *
 * address_density holds, per H3 cell at resolutions 6 (~36 km²) and 9 (~0.1 km²), how many
 * addresses it has and the sum of their coordinates (so the drawn point is their centroid). It is
 * kept exact by statement-level triggers with transition tables, which cost one grouped upsert
 * per statement, also for bulk loads. The parent cell comes from the resolution-14 index by bit
 * arithmetic: set the resolution field and fill the unused digits with 7s.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    -- where a unit's name is drawn: inside its largest part (not on an outlying island)
    CREATE FUNCTION label_point(g geometry) RETURNS geometry LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      RETURN (SELECT ST_PointOnSurface(d.geom) FROM ST_Dump(g) AS d ORDER BY ST_Area(d.geom) DESC LIMIT 1);
    ALTER TABLE provinces ADD COLUMN label_point geometry(Point, 4326);
    ALTER TABLE wards ADD COLUMN label_point geometry(Point, 4326);
    UPDATE provinces SET label_point = label_point(geom);
    UPDATE wards SET label_point = label_point(geom);
    CREATE INDEX provinces_label_point_idx ON provinces USING gist (label_point);
    CREATE INDEX wards_label_point_idx ON wards USING gist (label_point);

    CREATE TABLE countries (
      id     integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name   text NOT NULL,
      iso_n3 text,
      geom   geometry(MultiPolygon, 4326) NOT NULL
    );
    CREATE INDEX countries_geom_idx ON countries USING gist (geom);

    CREATE TABLE map_roads (
      osm_id  bigint PRIMARY KEY,
      name    text,
      highway text NOT NULL,
      geom    geometry(LineString, 4326) NOT NULL
    );
    CREATE INDEX map_roads_geom_idx ON map_roads USING gist (geom);

    CREATE TABLE map_buildings (
      osm_id bigint PRIMARY KEY,
      name   text,
      geom   geometry(Polygon, 4326) NOT NULL
    );
    CREATE INDEX map_buildings_geom_idx ON map_buildings USING gist (geom);

    CREATE FUNCTION h3_parent(h3 bigint, res integer) RETURNS bigint
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      RETURN (h3 & ~(15::bigint << 52)) | (res::bigint << 52) | ((1::bigint << (3 * (15 - res))) - 1);

    CREATE TABLE address_density (
      res   smallint NOT NULL,
      cell  bigint NOT NULL,
      n     integer NOT NULL,
      sum_x double precision NOT NULL,
      sum_y double precision NOT NULL,
      PRIMARY KEY (res, cell)
    );
    -- the drawn point: centroid of the cell's addresses (greatest() keeps a row being emptied indexable)
    CREATE FUNCTION address_density_point(sum_x double precision, sum_y double precision, n integer) RETURNS geometry
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      RETURN ST_SetSRID(ST_MakePoint(sum_x / greatest(n, 1), sum_y / greatest(n, 1)), 4326);
    CREATE INDEX address_density_point_idx ON address_density USING gist (address_density_point(sum_x, sum_y, n));


    CREATE FUNCTION address_density_after() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('DELETE', 'UPDATE') THEN
        INSERT INTO address_density AS d (res, cell, n, sum_x, sum_y)
        SELECT r, h3_parent(o.h3, r), -count(*), -sum(ST_X(o.geom)), -sum(ST_Y(o.geom))
        FROM old_rows o, (VALUES (6), (9)) AS v(r) GROUP BY 1, 2
        ON CONFLICT (res, cell) DO UPDATE SET n = d.n + excluded.n, sum_x = d.sum_x + excluded.sum_x, sum_y = d.sum_y + excluded.sum_y;
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO address_density AS d (res, cell, n, sum_x, sum_y)
        SELECT r, h3_parent(nw.h3, r), count(*), sum(ST_X(nw.geom)), sum(ST_Y(nw.geom))
        FROM new_rows nw, (VALUES (6), (9)) AS v(r) GROUP BY 1, 2
        ON CONFLICT (res, cell) DO UPDATE SET n = d.n + excluded.n, sum_x = d.sum_x + excluded.sum_x, sum_y = d.sum_y + excluded.sum_y;
      END IF;
      DELETE FROM address_density WHERE n <= 0;
      RETURN NULL;
    END $$;

    CREATE TRIGGER addresses_density_insert AFTER INSERT ON addresses
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION address_density_after();
    CREATE TRIGGER addresses_density_update AFTER UPDATE ON addresses
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION address_density_after();
    CREATE TRIGGER addresses_density_delete AFTER DELETE ON addresses
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION address_density_after();

    -- addresses already registered before this migration
    INSERT INTO address_density (res, cell, n, sum_x, sum_y)
    SELECT r, h3_parent(a.h3, r), count(*), sum(ST_X(a.geom)), sum(ST_Y(a.geom))
    FROM addresses a, (VALUES (6), (9)) AS v(r) GROUP BY 1, 2;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TRIGGER IF EXISTS addresses_density_insert ON addresses;
    DROP TRIGGER IF EXISTS addresses_density_update ON addresses;
    DROP TRIGGER IF EXISTS addresses_density_delete ON addresses;
    DROP FUNCTION IF EXISTS address_density_after();
    DROP TABLE IF EXISTS address_density;
    DROP FUNCTION IF EXISTS address_density_point(double precision, double precision, integer);
    DROP FUNCTION IF EXISTS h3_parent(bigint, integer);
    DROP TABLE IF EXISTS map_buildings;
    DROP TABLE IF EXISTS map_roads;
    DROP TABLE IF EXISTS countries;
    ALTER TABLE wards DROP COLUMN IF EXISTS label_point;
    ALTER TABLE provinces DROP COLUMN IF EXISTS label_point;
    DROP FUNCTION IF EXISTS label_point(geometry);
  `);
}
