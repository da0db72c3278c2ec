/**
 * Feature SQL. A bbox is `ST_Intersects(geom, envelope)`: PostGIS turns it into the GiST index
 * test `geom && envelope` plus an exact check (the index compares float4 boxes, which may let in a
 * point a metre outside), so a small box reads a few index pages, never the table. Paging is by
 * key: after a cursor, `(key) > (cursor) ORDER BY key LIMIT n` starts in the collection's unique
 * index where the last page ended, so every page costs the same (cursor.ts). OFFSET remains for
 * clients that send it, capped small at the edge (params.ts), so it never skips far.
 *
 * These queries run unnamed (planned with their values) rather than as prepared statements: with
 * ORDER BY … LIMIT, the best plan depends on the size of the box — a country-wide box walks the
 * order index, a street-sized box takes the spatial index and sorts — and a cached generic plan
 * would pick one for all.
 */
import type { Knex } from 'knex';
import type { CollectionSpec, Row } from './collections.js';
import type { Bbox } from './params.js';

function bboxCondition(geom: string, b: Bbox): { sql: string; bindings: number[] } {
  if (b.west <= b.east)
    return { sql: `ST_Intersects(${geom}, ST_MakeEnvelope(?, ?, ?, ?, 4326))`, bindings: [b.west, b.south, b.east, b.north] };
  // crossing the antimeridian: the part east of minLon and the part west of maxLon
  return {
    sql: `(ST_Intersects(${geom}, ST_MakeEnvelope(?, ?, 180, ?, 4326)) OR ST_Intersects(${geom}, ST_MakeEnvelope(-180, ?, ?, ?, 4326)))`,
    bindings: [b.west, b.south, b.north, b.south, b.east, b.north],
  };
}

/** A page: `after` is the sort key of the previous page's last feature (a decoded cursor), `offset` what to skip. */
export type PageQuery = { bbox: Bbox | undefined; limit: number; offset: number; after?: string[] };

export function createOgcRepository(knex: Knex) {
  const rows = async <R>(sql: string, bindings: unknown[]): Promise<R[]> =>
    (await knex.raw(sql, bindings as Knex.RawBinding[])).rows as R[];

  return {
    /**
     * One page of features in the collection's order. The page's rows are chosen first, and only
     * they are joined and turned into GeoJSON: rows skipped by OFFSET (a ward boundary is up to
     * 200 kB of GeoJSON) are never encoded.
     */
    async page(c: CollectionSpec, { bbox, limit, offset, after }: PageQuery): Promise<Row[]> {
      const cond = bbox ? bboxCondition(c.geom, bbox) : null;
      const keyset = after ? ` AND (${c.keyColumns.join(', ')}) > (${after.map(() => '?').join(', ')})` : '';
      return rows<Row>(
        `SELECT ${c.columns}, ST_AsGeoJSON(${c.geom}, ${c.precision}) AS geometry
         FROM (SELECT ${c.alias}.* FROM ${c.table}
               WHERE ${c.where}${cond ? ` AND ${cond.sql}` : ''}${keyset}
               ORDER BY ${c.orderBy}
               LIMIT ? OFFSET ?) ${c.alias} ${c.join}
         ORDER BY ${c.orderBy}`,
        [...(cond?.bindings ?? []), ...(after ?? []), limit, offset],
      );
    },

    /** How many features match, or null when that is more than the collection counts cheaply. */
    async count(c: CollectionSpec, bbox: Bbox | undefined): Promise<number | null> {
      if (!bbox) return Number((await rows<{ n: string | number }>(c.countAll, []))[0]?.n ?? 0);
      const cond = bboxCondition(c.geom, bbox);
      const cap = c.countCap === null ? '' : ` LIMIT ${c.countCap + 1}`;
      const [row] = await rows<{ n: string | number }>(
        `SELECT count(*) AS n FROM (SELECT 1 FROM ${c.table} WHERE ${c.where} AND ${cond.sql}${cap}) s`,
        cond.bindings,
      );
      const n = Number(row?.n ?? 0);
      return c.countCap !== null && n > c.countCap ? null : n;
    },

    async one(c: CollectionSpec, idBindings: unknown[]): Promise<Row | null> {
      const [row] = await rows<Row>(
        `SELECT ${c.columns}, ST_AsGeoJSON(${c.geom}, ${c.precision}) AS geometry FROM ${c.table} ${c.join} WHERE ${c.where} AND ${c.idWhere}`,
        idBindings,
      );
      return row ?? null;
    },
  };
}
export type OgcRepository = ReturnType<typeof createOgcRepository>;
