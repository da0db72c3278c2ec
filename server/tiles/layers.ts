/**
 * The vector tile layers: for each, its zoom range, the reference data version it depends on
 * (for caching) and one SQL query of its features — properties plus a `geom` in EPSG:4326 —
 * inside the CTE `bounds` (b4326: the tile with a 64/4096 buffer; tol: about one pixel in
 * degrees). The same query feeds ST_AsMVT on PostgreSQL and the JavaScript encoder on the
 * embedded database, so both produce the same layers with the same properties.
 */
export type LayerSpec = {
  minzoom: number;
  maxzoom: number;
  /** reference_versions entry whose bump invalidates cached tiles; null: live data, not cached */
  version: 'admin_units' | 'map_layers' | null;
  props: string[];
  /**
   * The feature query for a zoom. Layers that read different tables at different zooms give one
   * query per zoom band (`variant` names it), so each prepared statement plans only what it reads.
   */
  query: (z: number) => { variant: string; sql: string };
  maxAgeSeconds: number;
};

const fixed = (sql: string) => () => ({ variant: 'all', sql });

export const MAX_ZOOM = 16;
/**
 * Address points in one tile, at most. Synthetic data puts ~400 in a z14 tile at 24 M addresses,
 * but a real city centre can hold a hundred thousand in a z13 tile: without a bound one anonymous
 * request would encode megabytes. Past it the tile holds the first points the spatial index gives
 * (the map is solid there at that zoom anyway); zooming in shows them all.
 */
export const MAX_TILE_POINTS = 20_000;
const DAY = 86_400;

export const LAYERS: Record<string, LayerSpec> = {
  countries: {
    minzoom: 0,
    maxzoom: MAX_ZOOM,
    version: 'map_layers',
    maxAgeSeconds: DAY,
    props: ['name'],
    query: fixed(`SELECT c.name, ST_Simplify(c.geom, bounds.tol) AS geom FROM countries c, bounds WHERE c.geom && bounds.b4326`),
  },
  provinces: {
    minzoom: 0,
    maxzoom: MAX_ZOOM,
    version: 'admin_units',
    maxAgeSeconds: DAY,
    props: ['code', 'name'],
    query: fixed(`SELECT p.code, p.name, ST_Simplify(p.geom, bounds.tol) AS geom FROM provinces p, bounds WHERE p.geom && bounds.b4326`),
  },
  wards: {
    minzoom: 7,
    maxzoom: MAX_ZOOM,
    version: 'admin_units',
    maxAgeSeconds: DAY,
    props: ['code', 'name', 'province_code'],
    query: fixed(
      `SELECT w.code, w.name, w.province_code, ST_Simplify(w.geom, bounds.tol) AS geom FROM wards w, bounds WHERE w.geom && bounds.b4326`,
    ),
  },
  labels: {
    minzoom: 0,
    maxzoom: MAX_ZOOM,
    version: 'admin_units',
    maxAgeSeconds: DAY,
    props: ['code', 'name', 'kind'],
    query: (z) => {
      const provinces = `SELECT p.code, p.name, 'province' AS kind, p.label_point AS geom FROM provinces p, bounds WHERE p.label_point && bounds.b4326`;
      if (z < 10) return { variant: 'provinces', sql: provinces };
      return {
        variant: 'wards',
        sql: `${provinces} UNION ALL SELECT w.code, w.name, 'ward' AS kind, w.label_point AS geom FROM wards w, bounds WHERE w.label_point && bounds.b4326`,
      };
    },
  },
  // Individual points from z13; below, the density summary (one point per H3 cell with a count)
  // so that a national view never scans millions of rows: res 6 (~36 km²) below z9, res 8
  // (~0.7 km²) at z9–z11, res 9 (~0.1 km²) at z12. A tile's cost is the cells it spans: at z10
  // that is ~13,000 res-9 cells (~0.5 s at 24 M addresses) against ~1,800 res-8 ones.
  addresses: {
    minzoom: 0,
    maxzoom: MAX_ZOOM,
    version: null,
    maxAgeSeconds: 60,
    props: ['code', 'count'],
    query: (z) => {
      if (z >= 13) {
        return {
          variant: 'points',
          sql: `SELECT substr(a.code, 1, 3) || '-' || substr(a.code, 4, 3) || '-' || substr(a.code, 7, 3) || CASE WHEN a.unit = '' THEN '' ELSE '/' || a.unit END AS code,
                       1 AS count, a.geom
                FROM addresses a, bounds WHERE a.geom && bounds.b4326 AND NOT a.private
                LIMIT ${MAX_TILE_POINTS}`,
        };
      }
      const res = z < 9 ? 6 : z < 12 ? 8 : 9;
      return {
        variant: `res${res}`,
        sql: `SELECT NULL::text AS code, d.n AS count, address_density_point(d.sum_x, d.sum_y, d.n) AS geom
              FROM address_density d, bounds WHERE d.res = ${res} AND address_density_point(d.sum_x, d.sum_y, d.n) && bounds.b4326`,
      };
    },
  },
  roads: {
    minzoom: 12,
    maxzoom: MAX_ZOOM,
    version: 'map_layers',
    maxAgeSeconds: DAY,
    props: ['name', 'highway'],
    query: fixed(`SELECT r.name, r.highway, r.geom FROM map_roads r, bounds WHERE r.geom && bounds.b4326`),
  },
  buildings: {
    minzoom: 14,
    maxzoom: MAX_ZOOM,
    version: 'map_layers',
    maxAgeSeconds: DAY,
    props: ['name'],
    query: fixed(`SELECT b.name, b.geom FROM map_buildings b, bounds WHERE b.geom && bounds.b4326`),
  },
};

/** The tile box with a buffer, in both projections; $1..$3 = z, x, y. */
export const BOUNDS_CTE = `bounds AS (
  SELECT $1::int AS z, ST_TileEnvelope($1, $2, $3) AS b3857,
         ST_Transform(ST_Expand(ST_TileEnvelope($1, $2, $3), (40075016.68557849 / 2 ^ $1) * 64 / 4096), 4326) AS b4326,
         360.0 / (512 * 2 ^ $1) AS tol
)`;
