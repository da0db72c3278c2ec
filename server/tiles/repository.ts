/**
 * Tile SQL. On PostgreSQL/PostGIS the database encodes the tile (ST_AsMVT). The embedded
 * database's PostGIS is built without protobuf, so there the same features come back as GeoJSON
 * (clipped to the buffered tile) and are encoded in JavaScript (geojson-vt + vt-pbf).
 */
import GeoJSONVT from 'geojson-vt';
import vtpbf from 'vt-pbf';
import type { SqlRunner } from '../db/query.js';
import { BOUNDS_CTE, type LayerSpec } from './layers.js';

const EXTENT = 4096;
const BUFFER = 64;

function nativeSql(name: string, layer: LayerSpec, sql: string) {
  const props = layer.props.map((p) => `f.${p}`).join(', ');
  return `WITH ${BOUNDS_CTE}, f AS (${sql})
    SELECT ST_AsMVT(t, '${name}', ${EXTENT}, 'geom') AS mvt FROM (
      SELECT ${props}, ST_AsMVTGeom(ST_Transform(f.geom, 3857), bounds.b3857, ${EXTENT}, ${BUFFER}, true) AS geom
      FROM f, bounds
    ) t`; // ST_AsMVT skips rows whose clipped geometry is NULL; filtering here would clip every feature twice
}

function featuresSql(layer: LayerSpec, sql: string) {
  const props = layer.props.map((p) => `f.${p}`).join(', ');
  return `WITH ${BOUNDS_CTE}, f AS (${sql})
    SELECT ${props}, ST_AsGeoJSON(ST_ClipByBox2D(f.geom, bounds.b4326), 7) AS geom FROM f, bounds
    WHERE NOT ST_IsEmpty(ST_ClipByBox2D(f.geom, bounds.b4326))`;
}

export function createTilesRepository(sql: SqlRunner, { nativeMvt }: { nativeMvt: () => boolean }) {
  async function encodeInJs(name: string, layer: LayerSpec, z: number, x: number, y: number): Promise<Buffer> {
    const q = layer.query(z);
    const rows = await sql<Record<string, unknown> & { geom: string }>(`tile_features_${name}_${q.variant}`, featuresSql(layer, q.sql), [
      z,
      x,
      y,
    ]);
    if (rows.length === 0) return Buffer.alloc(0);
    const features = rows.map(({ geom, ...props }) => ({
      type: 'Feature' as const,
      geometry: JSON.parse(geom),
      properties: Object.fromEntries(Object.entries(props).filter(([, v]) => v !== null)),
    }));
    const index = new GeoJSONVT({ type: 'FeatureCollection', features } as never, {
      maxZoom: z,
      indexMaxZoom: z,
      indexMaxPoints: 0,
      extent: EXTENT,
      buffer: BUFFER,
      tolerance: 0,
    });
    const tile = index.getTile(z, x, y);
    if (!tile || tile.features.length === 0) return Buffer.alloc(0);
    return Buffer.from(vtpbf.fromGeojsonVt({ [name]: tile } as never, { version: 2, extent: EXTENT }));
  }

  return {
    async tile(name: string, layer: LayerSpec, z: number, x: number, y: number): Promise<Buffer> {
      if (!nativeMvt()) return encodeInJs(name, layer, z, x, y);
      const q = layer.query(z);
      const rows = await sql<{ mvt: Buffer | null }>(`tile_${name}_${q.variant}`, nativeSql(name, layer, q.sql), [z, x, y]);
      return rows[0]?.mvt ?? Buffer.alloc(0);
    },
    async versions(): Promise<Record<string, number>> {
      const rows = await sql<{ name: string; version: string }>('reference_versions', 'SELECT name, version FROM reference_versions', []);
      return Object.fromEntries(rows.map((r) => [r.name, Number(r.version)]));
    },
  };
}
export type TilesRepository = ReturnType<typeof createTilesRepository>;
