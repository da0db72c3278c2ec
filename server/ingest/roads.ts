/**
 * Imports the routable road network from OpenStreetMap files (.osm, or .osm.pbf through
 * osmium-tool) into `road_edges`, replacing what was there in one transaction. Used by
 * `npm run import:osm -- FILE…` (with a progress bar) and by reference-data.ts for the extracts in
 * ../shared/data/osm. Rows go in with COPY on PostgreSQL and in batches on the embedded database.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Knex } from 'knex';
import type { PoolClient } from 'pg';
import copyStreams from 'pg-copy-streams';
import { PROFILES } from '../routing/profiles.js';
import { createNetworkBuilder, type BuiltEdge } from './osm/network-builder.js';
import { readOsm } from './osm/osm-reader.js';

export type ImportProgress = (phase: 'ways' | 'nodes' | 'edges', share: number, detail?: string) => void;

const COLUMNS = [
  'id',
  'source',
  'target',
  'osm_id',
  'name',
  'highway',
  'length_m',
  ...PROFILES.flatMap((p) => [`${p}_cost`, `${p}_reverse_cost`]),
  'geom',
];

function wkt(coords: number[]): string {
  const points: string[] = [];
  for (let i = 0; i < coords.length; i += 2) points.push(`${coords[i]} ${coords[i + 1]}`);
  return `SRID=4326;LINESTRING(${points.join(',')})`;
}

function values(e: BuiltEdge): (string | number | null)[] {
  return [
    e.id,
    e.source,
    e.target,
    e.osmId,
    e.name,
    e.highway,
    e.lengthM,
    ...PROFILES.flatMap((p) => [e.costs[p].forward, e.costs[p].backward]),
    wkt(e.coords),
  ];
}

const copyText = (v: string | number | null) =>
  v === null ? '\\N' : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');

export async function importRoads(
  knex: Knex,
  files: string[],
  { embedded, progress = () => {} }: { embedded: boolean; progress?: ImportProgress },
) {
  const builder = createNetworkBuilder();
  for (const [i, file] of files.entries()) {
    await readOsm(file, { way: builder.addWay }, (share) => progress('ways', (i + share) / files.length, path.basename(file)));
  }
  const { ways, nodes } = builder.indexNodes();
  for (const [i, file] of files.entries()) {
    await readOsm(file, { node: builder.addNode, stopAtFirstWay: true }, (share) =>
      progress('nodes', (i + share) / files.length, path.basename(file)),
    );
  }
  let edges = 0;
  const bumpVersion = `INSERT INTO reference_versions (name, version) VALUES ('roads', 1)
    ON CONFLICT (name) DO UPDATE SET version = reference_versions.version + 1, updated_at = now()`;
  const counted = function* () {
    for (const e of builder.edges()) {
      if (++edges % 10_000 === 0) progress('edges', Math.min(0.99, edges / Math.max(1, ways * 2)), `${edges} edges`);
      yield e;
    }
  };
  if (!embedded) {
    // COPY needs the connection itself: one connection, one transaction, all or nothing
    const conn = (await knex.client.acquireConnection()) as PoolClient;
    try {
      await conn.query('BEGIN');
      await conn.query('DELETE FROM road_edges');
      const lines = (function* () {
        for (const e of counted()) yield `${values(e).map(copyText).join('\t')}\n`;
      })();
      await pipeline(Readable.from(lines), conn.query(copyStreams.from(`COPY road_edges (${COLUMNS.join(', ')}) FROM STDIN`)));
      await conn.query(bumpVersion);
      await conn.query('COMMIT');
    } catch (error) {
      await conn.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      await knex.client.releaseConnection(conn);
    }
  } else {
    await knex.transaction(async (trx) => {
      await trx.raw('DELETE FROM road_edges');
      let batch: BuiltEdge[] = [];
      const flush = async () => {
        if (!batch.length) return;
        await trx.raw(
          `INSERT INTO road_edges (${COLUMNS.join(', ')})
           SELECT (r->>0)::int, (r->>1)::int, (r->>2)::int, (r->>3)::bigint, r->>4, r->>5, (r->>6)::float8,
                  (r->>7)::float8, (r->>8)::float8, (r->>9)::float8, (r->>10)::float8, (r->>11)::float8, (r->>12)::float8,
                  ST_GeomFromEWKT(r->>13)
           FROM jsonb_array_elements(?::jsonb) AS r`,
          [JSON.stringify(batch.map(values))],
        );
        batch = [];
      };
      for (const e of counted()) {
        batch.push(e);
        if (batch.length === 2000) await flush();
      }
      await flush();
      await trx.raw(bumpVersion);
    });
  }
  if (!embedded) await knex.raw('ANALYZE road_edges');
  progress('edges', 1, `${edges} edges`);
  return { ways, nodes, edges };
}

/** The OSM extracts of the shared data folder (.osm, readable without osmium). */
export function seedRoadFiles(dataDir: string): string[] {
  const dir = path.join(dataDir, 'osm');
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.osm'))
        .sort()
        .map((f) => path.join(dir, f))
    : [];
}

export async function roadsMissing(knex: Knex): Promise<boolean> {
  const { rows } = await knex.raw('SELECT NOT EXISTS (SELECT 1 FROM road_edges) AS missing');
  return rows[0].missing as boolean;
}
