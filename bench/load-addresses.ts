/**
 * Fills a database with synthetic registered addresses for benchmarks: points spread over
 * Vietnam's wards in proportion to their area (ST_GeneratePoints inside each ward), coded in JS,
 * written with COPY. Usage as a library: ensureAddresses(knex, count).
 */
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Knex } from 'knex';
import type { PoolClient } from 'pg';
import copyStreams from 'pg-copy-streams';
import { latLngToCell } from 'h3-js';
import { encode } from '../server/codes/codec.js';

const SYNTHETIC = 'synthetic';

/**
 * Gives synthetic addresses street names people search for: the 2025 ward names ("Đường Hoàn Kiếm",
 * "Đường Xuân Hoà"), the same name in many provinces as in life, skewed so that a few names are
 * very common (a name's share falls with the square of a hash), like Lê Lợi or Trần Hưng Đạo.
 */
export async function nameSyntheticStreets(knex: Knex, log: (s: string) => void): Promise<void> {
  const { rows } = await knex.raw('SELECT EXISTS (SELECT 1 FROM addresses WHERE street = ?) AS any', [SYNTHETIC]);
  if (!rows[0].any) return;
  log('naming the streets of synthetic addresses…');
  const t0 = Date.now();
  await knex.raw(
    `WITH n AS (SELECT array_agg(name ORDER BY code) AS names, count(*) AS k FROM wards)
     UPDATE addresses a SET street = 'Đường ' || n.names[1 + floor(n.k * power(((a.id * 2654435761) % 1000003) / 1000003.0, 2))::int]
     FROM n WHERE a.street = ?`,
    [SYNTHETIC],
  );
  await knex.raw('VACUUM ANALYZE addresses');
  log(`named in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

export async function countAddresses(knex: Knex): Promise<number> {
  const { rows } = await knex.raw('SELECT count(*)::int AS n FROM addresses');
  return rows[0].n;
}

/** Random points inside wards, in proportion to area; returned as [lat, lng, ward][]. */
export async function randomWardPoints(knex: Knex, count: number, seed: number): Promise<[number, number, string][]> {
  const { rows } = await knex.raw(
    `WITH w AS (SELECT code, geom, area_km2 / sum(area_km2) OVER () AS share FROM wards)
     SELECT w.code, ST_Y(d.geom) AS lat, ST_X(d.geom) AS lng
     FROM w, ST_Dump(ST_GeneratePoints(w.geom, greatest(1, round(? * w.share))::int, ?)) d`,
    [count, seed],
  );
  return rows.map((r: { lat: number; lng: number; code: string }) => [r.lat, r.lng, r.code]);
}

export async function ensureAddresses(knex: Knex, target: number, log: (s: string) => void): Promise<number> {
  const have = await countAddresses(knex);
  if (have >= target) return have;
  log(`loading ${target - have} synthetic addresses…`);
  const t0 = Date.now();
  const points = await randomWardPoints(knex, Math.ceil((target - have) * 1.02), 1000 + have);
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const [lat, lng, ward] of points) {
    const code = encode(lat, lng);
    if (!code || seen.has(code)) continue;
    seen.add(code);
    const h3 = BigInt(`0x${latLngToCell(lat, lng, 14)}`).toString();
    lines.push(`${code}\t\t${h3}\tSRID=4326;POINT(${lng} ${lat})\t${ward}\t${(lines.length % 200) + 1}\t${SYNTHETIC}\n`);
    if (have + lines.length >= target) break;
  }
  const conn = (await knex.client.acquireConnection()) as PoolClient;
  try {
    // A fresh synthetic load may collide with addresses already there: load through a staging table.
    await conn.query('BEGIN');
    await conn.query(
      'CREATE TEMP TABLE IF NOT EXISTS staging_rows (code text, unit text, h3 bigint, geom geometry, ward_code text, house_number text, street text) ON COMMIT DROP',
    );
    await pipeline(
      Readable.from(lines),
      conn.query(copyStreams.from('COPY staging_rows (code, unit, h3, geom, ward_code, house_number, street) FROM STDIN')),
    );
    await conn.query(`INSERT INTO addresses (code, unit, h3, geom, ward_code, house_number, street)
                      SELECT code, unit, h3, geom, ward_code, house_number, street FROM staging_rows ON CONFLICT DO NOTHING`);
    await conn.query('COMMIT');
    await conn.query('ANALYZE addresses');
  } finally {
    await knex.client.releaseConnection(conn);
  }
  const n = await countAddresses(knex);
  log(`loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${n} addresses`);
  return n;
}
