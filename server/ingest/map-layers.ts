/**
 * Seeds what the basemap draws besides the administrative units, from the shared data folder:
 * - country outlines (Natural Earth 1:10m, clipped to the region; the Paracels are not drawn as
 *   Chinese there, see the data README),
 * - roads and buildings from the OpenStreetMap extracts in osm/*.osm (ODbL), read as a stream.
 * Idempotent: each table is replaced as a whole (it holds reference data only).
 */
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { SaxesParser } from 'saxes';
import { buildStreets } from './streets.js';

export type OsmWay = { id: string; tags: Record<string, string>; coords: [number, number][] };

/** Streams an .osm XML file and calls back with each way whose node coordinates are known. */
export async function readOsmWays(file: string, onWay: (way: OsmWay) => void): Promise<void> {
  const nodes = new Map<string, [number, number]>();
  const parser = new SaxesParser();
  let way: { id: string; tags: Record<string, string>; refs: string[] } | null = null;
  parser.on('opentag', (tag) => {
    const a = tag.attributes as Record<string, string>;
    if (tag.name === 'node') nodes.set(a.id!, [Number(a.lon), Number(a.lat)]);
    else if (tag.name === 'way') way = { id: a.id!, tags: {}, refs: [] };
    else if (way && tag.name === 'nd') way.refs.push(a.ref!);
    else if (way && tag.name === 'tag') way.tags[a.k!] = a.v!.normalize('NFC');
  });
  parser.on('closetag', (tag) => {
    if (tag.name !== 'way' || !way) return;
    const coords = way.refs.map((r) => nodes.get(r)).filter((c): c is [number, number] => !!c);
    if (coords.length === way.refs.length) onWay({ id: way.id, tags: way.tags, coords });
    way = null;
  });
  const stream = createReadStream(file, { encoding: 'utf8' });
  for await (const chunk of stream) parser.write(chunk as string);
  parser.close();
}

const DRAWN_HIGHWAYS = new Set([
  'motorway',
  'trunk',
  'primary',
  'secondary',
  'tertiary',
  'unclassified',
  'residential',
  'living_street',
  'service',
  'motorway_link',
  'trunk_link',
  'primary_link',
  'secondary_link',
  'tertiary_link',
  'pedestrian',
  'footway',
  'path',
  'cycleway',
  'steps',
  'track',
  'alley',
]);

export async function seedMapLayers(knex: Knex, dataDir: string, log: (msg: string) => void = () => {}) {
  const countriesFile = path.join(dataDir, 'basemap_ne10m_countries_region.geojson');
  const osmDir = path.join(dataDir, 'osm');
  const roads: { osm_id: string; name: string | null; highway: string; geom: string }[] = [];
  const buildings: { osm_id: string; name: string | null; geom: string }[] = [];
  const osmFiles = existsSync(osmDir)
    ? readdirSync(osmDir)
        .filter((f) => f.endsWith('.osm'))
        .sort()
    : [];
  for (const f of osmFiles) {
    await readOsmWays(path.join(osmDir, f), (w) => {
      const line = JSON.stringify({ type: 'LineString', coordinates: w.coords });
      if (w.tags.highway && DRAWN_HIGHWAYS.has(w.tags.highway) && w.coords.length >= 2) {
        roads.push({ osm_id: w.id, name: w.tags.name ?? null, highway: w.tags.highway, geom: line });
      } else if (w.tags.building && w.coords.length >= 4) {
        const [first, last] = [w.coords[0]!, w.coords[w.coords.length - 1]!];
        if (first[0] === last[0] && first[1] === last[1]) {
          buildings.push({ osm_id: w.id, name: w.tags.name ?? null, geom: JSON.stringify({ type: 'Polygon', coordinates: [w.coords] }) });
        }
      }
    });
  }
  const countries = existsSync(countriesFile)
    ? (JSON.parse(readFileSync(countriesFile, 'utf8')) as GeoJSON.FeatureCollection).features
    : [];

  await knex.transaction(async (trx) => {
    await trx.raw('DELETE FROM countries; DELETE FROM map_roads; DELETE FROM map_buildings;');
    if (countries.length) {
      await trx.raw(
        `INSERT INTO countries (name, iso_n3, geom)
         SELECT f->'properties'->>'name', f->'properties'->>'iso_n3', ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_GeomFromGeoJSON(f->'geometry')), 3))
         FROM jsonb_array_elements(?::jsonb) AS f`,
        [JSON.stringify(countries)],
      );
    }
    // Ways shared by two extracts appear twice: the first one wins.
    for (let i = 0; i < roads.length; i += 2000) {
      await trx.raw(
        `INSERT INTO map_roads (osm_id, name, highway, geom)
         SELECT (r->>'osm_id')::bigint, r->>'name', r->>'highway', ST_SetSRID(ST_GeomFromGeoJSON(r->>'geom'), 4326)
         FROM jsonb_array_elements(?::jsonb) AS r ON CONFLICT (osm_id) DO NOTHING`,
        [JSON.stringify(roads.slice(i, i + 2000))],
      );
    }
    for (let i = 0; i < buildings.length; i += 2000) {
      await trx.raw(
        `INSERT INTO map_buildings (osm_id, name, geom)
         SELECT (b->>'osm_id')::bigint, b->>'name', g
         FROM jsonb_array_elements(?::jsonb) AS b, ST_SetSRID(ST_GeomFromGeoJSON(b->>'geom'), 4326) AS g
         WHERE ST_IsValid(g) ON CONFLICT (osm_id) DO NOTHING`,
        [JSON.stringify(buildings.slice(i, i + 2000))],
      );
    }
    await buildStreets(trx);
    await trx.raw(
      `INSERT INTO reference_versions (name, version) VALUES ('map_layers', 1)
       ON CONFLICT (name) DO UPDATE SET version = reference_versions.version + 1, updated_at = now()`,
    );
  });
  log(
    `seed: map layers: ${countries.length} countries, ${roads.length} roads, ${buildings.length} buildings from ${osmFiles.length} OSM extracts`,
  );
  return { countries: countries.length, roads: roads.length, buildings: buildings.length };
}

export async function mapLayersSeeded(knex: Knex): Promise<boolean> {
  const { rows } = await knex.raw('SELECT EXISTS (SELECT 1 FROM countries) AS seeded');
  return rows[0].seeded as boolean;
}
